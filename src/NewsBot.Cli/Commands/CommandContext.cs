using System.CommandLine;
using NewsBot.Cli.Hosting;
using NewsBot.Qdrant.Http;
using Spectre.Console;

namespace NewsBot.Cli.Commands;

/// <summary>What every command shares: the <c>--db</c> option, and opening NewsBot from configuration with clear errors.</summary>
public static class CommandContext
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int UsageError = 2;

    public static readonly Option<string?> Db = new("--db")
    {
        Description = "The index file (default: Store:Path from appsettings.json, data/newsbot.db)",
        Recursive = true,
    };

    public static IAnsiConsole Console { get; } = CreateConsole();

    /// <summary>
    /// Piped or captured output gets plain text (no colour codes, no animation) and a wide console, so that tables are
    /// not squeezed to the 80-column default.
    /// </summary>
    private static IAnsiConsole CreateConsole()
    {
        if (!System.Console.IsOutputRedirected) return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>Configuration the command line sets: <c>--db</c> becomes <c>Store:Path</c>.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult parse)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Db) is { Length: > 0 } db) overrides["Store:Path"] = db;
        return overrides;
    }

    public static void ReportConfigurationErrors(ConfigurationException e)
    {
        Console.MarkupLine("[red]NewsBot cannot start: the configuration is invalid.[/]");
        foreach (var error in e.Errors) Console.MarkupLine("  [red]•[/] " + Markup.Escape(error));
        Console.MarkupLine("Fix the key in appsettings.json or in its NEWSBOT__SECTION__KEY environment variable, then run the command again.");
    }

    /// <summary>Runs <paramref name="body"/> with NewsBot opened; configuration errors end the command with exit code 2.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<NewsBotApp, Task<int>> body)
    {
        NewsBotApp app;
        try
        {
            app = await NewsBotApp.CreateAsync(NewsBotConfiguration.Build(Overrides(parse)));
        }
        catch (ConfigurationException e)
        {
            ReportConfigurationErrors(e);
            return UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.MarkupLine("[red]" + Markup.Escape(NewsBotApp.OpenFailure(e)) + "[/]");
            return UsageError;
        }
        await using (app)
        {
            try
            {
                return await body(app);
            }
            catch (QdrantException e)
            {
                // The store went away or refused mid-command: its message says what to do; what was done stays done.
                Console.MarkupLine("[red]" + Markup.Escape(e.Message) + "[/]");
                Console.MarkupLine("Run the command again once that is fixed (an ingest goes on from where it stopped).");
                return SomeFailed;
            }
        }
    }
}
