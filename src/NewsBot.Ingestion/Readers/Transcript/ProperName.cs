namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>Recognises the names of companies, people and models in speech-to-text output, which has no markup.</summary>
internal static class ProperName
{
    /// <summary>
    /// A proper name or product token: capitalised away from the sentence start, or mixing case or digits into
    /// letters ("OpenAI", "X1"). Capitalised function words ("So", "The") and "I" are not names.
    /// </summary>
    public static bool Is(string token, bool sentenceInitial)
    {
        if (token.Length == 0 || SpokenWords.IsStopword(token.ToLowerInvariant())) return false;
        var mixed = token.Skip(1).Any(char.IsUpper) || (token.Any(char.IsDigit) && token.Any(char.IsLetter));
        return mixed || (!sentenceInitial && char.IsUpper(token[0]));
    }

    /// <summary>True when <paramref name="phrase"/> names something.</summary>
    /// <param name="startsMidSentence">The phrase was cut from inside a sentence, so a capital on its first word is a name's.</param>
    public static bool AnyIn(string phrase, bool startsMidSentence) =>
        SpokenWords.Tokens(phrase).Select((token, i) => Is(token, sentenceInitial: i == 0 && !startsMidSentence)).Any(isName => isName);
}
