using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsBot.Testing;

namespace NewsBot.Web.Tests;

/// <summary>The README's first command: <c>newsbot start PATH...</c> ingests, then ends serving.</summary>
public sealed class StartCommandTests
{
    [Fact]
    public async Task Start_ingests_the_given_documents_then_serves_them()
    {
        using var dir = new TempDir();
        var document = dir.File("newsletter.txt");
        await File.WriteAllTextAsync(document, NewsIndexFixture.HostileDocument);

        await using var server = await ServeProcess.StartAsync(dir.File("fresh.db"), command: "start", paths: [document, SharedData.Seed("001")]);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        Assert.Contains("ingest: 2/2 files", server.Output); // the ingest ran first
        var stories = await http.GetFromJsonAsync<JsonElement>("/api/stories?q=zorblax");
        Assert.Equal(NewsIndexFixture.HostileTitle, stories.GetProperty("stories")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
    }
}

public sealed class ServeFailureTests
{
    [Fact]
    public async Task Serve_on_a_file_that_is_not_an_index_says_so_and_exits_2()
    {
        using var dir = new TempDir();
        var notAnIndex = dir.File("notes.db");
        await File.WriteAllTextAsync(notAnIndex, new string('x', 4096));
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "newsbot.dll"), "serve", "--db", notAnIndex, "--urls", "http://127.0.0.1:0" })
            info.ArgumentList.Add(arg);
        info.Environment["NEWSBOT__EMBEDDINGS__MODEL"] = "none";

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        var all = await output + await errors;
        Assert.Contains("Cannot open the index", all);
        Assert.Contains("--db", all);
        Assert.DoesNotContain("   at ", all);
    }
}
