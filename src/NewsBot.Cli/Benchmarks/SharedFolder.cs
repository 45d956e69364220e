namespace NewsBot.Cli.Benchmarks;

/// <summary>The shared data folder (seeds, corpus, eval, reference): <c>NEWSBOT_SHARED</c>, else <c>../shared</c>.</summary>
public static class SharedFolder
{
    public static string Root =>
        Environment.GetEnvironmentVariable("NEWSBOT_SHARED") is { Length: > 0 } configured ? configured : System.IO.Path.Combine("..", "shared");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
