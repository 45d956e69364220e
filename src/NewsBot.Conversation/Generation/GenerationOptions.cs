namespace NewsBot.Conversation.Generation;

/// <summary>How generated answers are made: the time a whole answer may take, the prompt's budget, and how much it holds.</summary>
public sealed record GenerationOptions
{
    /// <summary>Longest wait for the whole answer (and for the search queries); past it NewsBot answers by quoting.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>The prompt's budget, counted at about four characters a token; sources are cut to fit.</summary>
    public int MaxContextTokens { get; init; } = 6000;
    /// <summary>Retrieved stories given to the model as numbered sources.</summary>
    public int MaxSources { get; init; } = 8;
    /// <summary>Earlier turns of the conversation shown to the model.</summary>
    public int HistoryTurns { get; init; } = 3;
    /// <summary>Search queries the model may add to the reader's own words.</summary>
    public int MaxSearchQueries { get; init; } = 3;
}
