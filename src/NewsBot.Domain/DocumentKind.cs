namespace NewsBot.Domain;

/// <summary>What sort of publication a document is; decides which reader parses it.</summary>
public enum DocumentKind
{
    Digest,
    Newsletter,
    Transcript,
}
