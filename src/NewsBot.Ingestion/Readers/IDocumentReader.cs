using NewsBot.Domain;

namespace NewsBot.Ingestion.Readers;

/// <summary>
/// Parses one kind of document. Readers are tried by <see cref="Confidence"/>: the most confident one reads the file.
/// A reader never invents a date: what the text, front matter or file name does not state stays null.
/// </summary>
public interface IDocumentReader
{
    DocumentKind Kind { get; }

    /// <summary>0 when this reader cannot read <paramref name="source"/>, up to 1 when it surely can.</summary>
    double Confidence(SourceText source);

    /// <summary>Parses the (already repaired) text. Throws <see cref="DocumentFormatException"/> with a reason a person can act on.</summary>
    ParsedDocument Read(SourceText source);
}

/// <summary>A document's repaired text, with the file name it came from (digests take their date from it).</summary>
public sealed record SourceText(string Path, string Text)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}

/// <summary>The document cannot be parsed; the message says why (and is shown next to the path).</summary>
public sealed class DocumentFormatException(string message) : Exception(message);
