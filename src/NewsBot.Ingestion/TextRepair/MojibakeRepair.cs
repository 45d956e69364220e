namespace NewsBot.Ingestion.TextRepair;

/// <summary>
/// Repairs text that was UTF-8 but got decoded with the wrong legacy encoding ("mojibake"), in the spirit of
/// Python's ftfy <c>fix_encoding</c>: only where a heuristic says the text looks broken and the repair reads cleanly,
/// so correct text (including text that merely looks odd) comes back untouched.
/// </summary>
public static class MojibakeRepair
{
    /// <summary>Returns <paramref name="text"/> itself when nothing needed repair.</summary>
    public static string Repair(string text)
    {
        if (!MayHoldMojibake(text)) return text;
        return Utf8MojibakeFixer.Fix(BalticLostBytes.Repair(text));
    }

    // Mojibake is made of characters that legacy charsets write with bytes 0x80–0xFF; ASCII-only text cannot hold any.
    private static bool MayHoldMojibake(string text)
    {
        foreach (var c in text)
            if (c >= 0x80 && MojibakeCharClasses.Of(c).Has(MojibakeCharClass.Legacy)) return true;
        return false;
    }
}
