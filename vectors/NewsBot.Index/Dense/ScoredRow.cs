namespace NewsBot.Index.Dense;

/// <summary>A row of a matrix and its similarity to a query (higher is closer).</summary>
public readonly record struct ScoredRow(int Row, float Score);
