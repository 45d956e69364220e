namespace NewsBot.Cli.Hosting;

/// <summary>Configuration section <c>Store</c>: where the embedded index lives.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>The SQLite file; relative paths are relative to the working directory. <c>--db FILE</c> overrides it.</summary>
    public string Path { get; set; } = "data/newsbot.db";
    /// <summary>How much more a match in a story's title counts than one in its body (BM25 column weight).</summary>
    public double TitleWeight { get; set; } = 2.5;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path)) yield return "Store:Path must name the index file, such as \"data/newsbot.db\".";
        else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0) yield return $"Store:Path \"{Path}\" is not a valid path.";
        if (TitleWeight is < 1 or > 20) yield return $"Store:TitleWeight must be between 1 and 20 (it is {TitleWeight}).";
    }
}
