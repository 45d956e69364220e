namespace NewsBot.Ingestion.TextRepair;

/// <summary>Repairs text that was UTF-8 decoded with the wrong legacy encoding ("mojibake").</summary>
public static class MojibakeRepair
{
    public static string Repair(string text) => text; // implemented in its own change
}
