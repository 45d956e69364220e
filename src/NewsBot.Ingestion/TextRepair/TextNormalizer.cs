namespace NewsBot.Ingestion.TextRepair;

public static class TextNormalizer
{
    public static string Normalize(string text) => text.Replace("\r\n", "\n");
}
