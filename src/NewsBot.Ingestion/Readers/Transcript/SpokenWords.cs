namespace NewsBot.Ingestion.Readers.Transcript;

/// <summary>The words of speech that carry a topic (for cohesion and titles), and the fillers that do not.</summary>
internal static class SpokenWords
{
    /// <summary>Lowercased content words of <paramref name="text"/>, plural "s" removed so "model" and "models" agree.</summary>
    public static IEnumerable<string> ContentTerms(string text)
    {
        foreach (var token in Tokens(text))
        {
            var term = token.ToLowerInvariant();
            if (term.Length < 3 || IsStopword(term) || !term.Any(char.IsLetter)) continue;
            yield return Singular(term);
        }
    }

    /// <summary>Runs of letters, digits and inner ".-'" ("GPT-4.5", "o1", "don't"), outer punctuation dropped.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inner = i < text.Length && (char.IsLetterOrDigit(text[i])
                || (start >= 0 && text[i] is '.' or '-' or '\'' or '’' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])));
            if (inner && start < 0) start = i;
            else if (!inner && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    public static bool IsStopword(string lowercase) => Stopwords.Contains(lowercase);

    private static string Singular(string term) =>
        term.Length > 4 && term[^1] == 's' && term[^2] is not ('s' or 'u' or 'i') ? term[..^1] : term;

    // Function words plus the fillers of unscripted speech, which say nothing about the topic.
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "actually", "after", "again", "against", "all", "almost", "along", "already", "also",
        "although", "always", "am", "among", "an", "and", "another", "any", "anyway", "are", "around", "as", "at",
        "back", "basically", "be", "because", "been", "before", "being", "below", "between", "big", "bit", "both",
        "but", "by", "can", "can't", "could", "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't",
        "done", "down", "during", "each", "either", "else", "enough", "even", "ever", "every", "everything", "exactly",
        "fact", "far", "few", "first", "for", "from", "further", "get", "gets", "getting", "give", "go", "goes",
        "going", "gonna", "good", "got", "gotta", "great", "guess", "had", "has", "hasn't", "have", "haven't", "having",
        "he", "her", "here", "here's", "hers", "him", "his", "how", "however", "i", "i'd", "i'll", "i'm", "i've", "if",
        "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "keep", "kind", "know", "last", "later",
        "least", "less", "let", "let's", "like", "likely", "little", "look", "looking", "lot", "lots", "made", "make",
        "makes", "making", "many", "may", "maybe", "me", "mean", "means", "might", "more", "most", "much", "must", "my",
        "need", "new", "next", "no", "nor", "not", "now", "of", "off", "oh", "okay", "on", "once", "one", "ones",
        "only", "or", "other", "others", "our", "ours", "out", "over", "own", "part", "people", "per", "perhaps",
        "point", "pretty", "probably", "put", "quite", "rather", "really", "right", "said", "same", "say", "saying",
        "says", "see", "seem", "seems", "she", "should", "since", "so", "some", "something", "sort", "still", "stuff",
        "such", "sure", "take", "talk", "talking", "than", "that", "that's", "the", "their", "theirs", "them",
        "themselves", "then", "there", "there's", "these", "they", "they're", "they've", "thing", "things", "think",
        "this", "those", "though", "through", "to", "too", "totally", "true", "try", "trying", "under", "until", "up",
        "us", "use", "used", "using", "very", "want", "was", "wasn't", "way", "we", "we'll", "we're", "we've", "well",
        "were", "weren't", "what", "what's", "when", "where", "whether", "which", "while", "who", "whole", "why",
        "will", "with", "within", "without", "won't", "would", "wouldn't", "yeah", "yes", "yet", "you", "you'd",
        "you'll", "you're", "you've", "your", "yours", "definitely", "interesting", "idea", "case", "whatever", "sense",
        "anything", "somebody", "someone", "thank", "thanks", "time", "times", "today", "week", "story", "stories",
        "episode", "able", "certainly", "especially", "obviously", "couple", "nice", "cool", "huge",
    };
}
