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
