using System.CommandLine;
using Microsoft.Extensions.Configuration;
using NewsBot.Cli.Commands;
using NewsBot.Testing;
using Spectre.Console;

namespace NewsBot.Teams.Tests.Manifest;

/// <summary><c>newsbot teams manifest</c>, run in-process under a root command like the CLI's, with its own configuration and console.</summary>
public sealed class TeamsCommandTests : IDisposable
{
    private const string AppId = "0b7e6c1a-3f4d-4c2b-9a8e-5d6f7a8b9c0d";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Package => _dir.File("teams/newsbot.zip");

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> configuration, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 1000; // one line per message, whatever the paths' length
        var config = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        // RootCommand brings its own --version, as the CLI's does: the subcommand's --version must still reach it.
        var root = new RootCommand("test") { TeamsCommand.Create(console, _ => config) };
        var parse = root.Parse(["teams", "manifest", .. args]);
        Assert.Empty(parse.Errors);
        var code = await parse.InvokeAsync();
        return (code, output.ToString());
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string?>(), args);

    [Fact]
    public async Task Writes_the_package_and_says_how_to_upload_it()
    {
        var (code, output) = await RunAsync("--app-id", AppId, "--out", Package, "--name", "AI News", "--version", "1.2.3",
            "--developer", "Contoso", "--website", "https://news.contoso.com", "--privacy-url", "https://news.contoso.com/privacy");

        Assert.Equal(0, code);
        Assert.Contains("Wrote " + Path.GetFullPath(Package), output);
        Assert.Contains("Apps → Manage your apps → Upload an app", output);
        Assert.DoesNotContain("placeholder", output);
        using var package = TeamsPackageReader.Open(Package);
        var manifest = package.Manifest;
        Assert.Equal(AppId, manifest.GetProperty("id").GetString());
        Assert.Equal("AI News", manifest.GetProperty("name").GetProperty("short").GetString());
        Assert.Equal("1.2.3", manifest.GetProperty("version").GetString());
        Assert.Equal("Contoso", manifest.GetProperty("developer").GetProperty("name").GetString());
        Assert.Equal("https://news.contoso.com/privacy", manifest.GetProperty("developer").GetProperty("privacyUrl").GetString());
        Assert.Equal("https://news.contoso.com", manifest.GetProperty("developer").GetProperty("termsOfUseUrl").GetString());
    }

    [Fact]
    public void The_package_file_defaults_to_newsbot_teams_zip()
    {
        var parse = new RootCommand("test") { TeamsCommand.Create() }.Parse(["teams", "manifest", "--app-id", AppId]);

        Assert.Empty(parse.Errors);
        Assert.Equal("newsbot-teams.zip", parse.GetValue<string>("--out"));
    }

    [Fact]
    public async Task The_app_id_can_come_from_configuration()
    {
        var (code, output) = await RunAsync(new Dictionary<string, string?> { ["Teams:AppId"] = AppId.ToUpperInvariant() }, "--out", Package);

        Assert.Equal(0, code);
        Assert.Contains("placeholder", output);
        using var package = TeamsPackageReader.Open(Package);
        Assert.Equal(AppId, package.Manifest.GetProperty("bots")[0].GetProperty("botId").GetString());
    }

    [Fact]
    public async Task The_option_wins_over_configuration()
    {
        var (code, _) = await RunAsync(new Dictionary<string, string?> { ["Teams:AppId"] = "not-a-guid" }, "--app-id", AppId, "--out", Package);

        Assert.Equal(0, code);
        using var package = TeamsPackageReader.Open(Package);
        Assert.Equal(AppId, package.Manifest.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Without_an_app_id_it_is_a_usage_error_that_says_where_to_give_one()
    {
        var (code, output) = await RunAsync("--out", Package);

        Assert.Equal(2, code);
        Assert.Contains("--app-id", output);
        Assert.Contains("Teams:AppId", output);
        Assert.False(File.Exists(Package));
    }

    [Fact]
    public async Task Invalid_options_are_named_with_the_rule_they_break()
    {
        var (code, output) = await RunAsync("--app-id", "newsbot", "--name", new string('n', 31), "--website", "http://news.example.org", "--out", Package);

        Assert.Equal(2, code);
        Assert.Contains("--app-id must be a GUID", output);
        Assert.Contains("--name must be at most 30 characters (it is 31)", output);
        Assert.Contains("--website must be an absolute https:// URL", output);
        Assert.False(File.Exists(Package));
    }

    [Fact]
    public async Task An_invalid_app_id_from_configuration_names_the_key()
    {
        var (code, output) = await RunAsync(new Dictionary<string, string?> { ["Teams:AppId"] = "newsbot" }, "--out", Package);

        Assert.Equal(2, code);
        Assert.Contains("Teams:AppId must be a GUID", output);
    }
}
