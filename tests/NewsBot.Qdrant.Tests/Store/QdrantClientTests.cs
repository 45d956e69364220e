using System.Net;
using NewsBot.Index;
using NewsBot.Ingestion.Pipeline;
using NewsBot.Qdrant.Http;
using NewsBot.Testing;

namespace NewsBot.Qdrant.Tests.Store;

/// <summary>How the store talks to Qdrant when things go wrong: keys, retries, timeouts, Qdrant's own errors, interrupted writes.</summary>
public sealed class QdrantClientTests(QdrantHarness qdrant) : IClassFixture<QdrantHarness>
{
    [Fact]
    public async Task The_api_key_is_sent_and_a_wrong_one_is_named_without_being_shown()
    {
        var options = qdrant.Options();
        options.ApiKey = "not-the-key-9431";
        var e = await Assert.ThrowsAsync<QdrantException>(() => qdrant.OpenAsync(options));
        Assert.Equal(HttpStatusCode.Unauthorized, e.StatusCode);
        Assert.Contains("VectorStore:Qdrant:ApiKey", e.Message);
        Assert.DoesNotContain("not-the-key-9431", e.Message);
        Assert.DoesNotContain(QdrantHarness.ApiKey, e.Message);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var before = qdrant.Server.Requests.Count;
        qdrant.Server.FailNext(2, 503);
        Assert.Null(await index.GetDocumentHashAsync("nothing.md"));
        Assert.Equal(3, qdrant.Server.Requests.Count - before);

        qdrant.Server.DropNext(1);
        Assert.Null(await index.GetDocumentHashAsync("nothing.md"));
    }

    [Fact]
    public async Task Too_many_requests_waits_as_long_as_Qdrant_asks()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        qdrant.Server.FailNext(1, 429, "Too many requests", retryAfter: TimeSpan.FromSeconds(1));
        var started = DateTime.UtcNow;
        Assert.Null(await index.GetDocumentHashAsync("nothing.md"));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "the retry came before Retry-After");
    }

    [Fact]
    public async Task A_refused_request_is_not_retried_and_says_what_Qdrant_said()
    {
        await using var index = await qdrant.OpenAsync(qdrant.Options());
        var before = qdrant.Server.Requests.Count;
        qdrant.Server.FailNext(1, 400, "Wrong input: something NewsBot sent is wrong");
        var e = await Assert.ThrowsAsync<QdrantException>(() => index.GetDocumentHashAsync("nothing.md"));
        Assert.Equal(1, qdrant.Server.Requests.Count - before);
        Assert.Contains("Wrong input: something NewsBot sent is wrong", e.Message);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_or_silent_Qdrant_says_where_it_looked_and_what_to_do()
    {
        var options = qdrant.Options();
        options.Url = "http://127.0.0.1:9";  // the discard port: nothing listens
        options.MaxRetries = 1;
        var down = await Assert.ThrowsAsync<QdrantUnavailableException>(() => qdrant.OpenAsync(options));
        Assert.Contains("http://127.0.0.1:9/", down.Message);
        Assert.Contains("VectorStore:Qdrant:Url", down.Message);

        var slow = qdrant.Options();
        await using var index = await qdrant.OpenAsync(slow);
        slow.TimeoutSeconds = 1;
        slow.MaxRetries = 0;
        await using var impatient = await qdrant.OpenAsync(slow);
        qdrant.Server.Delay = TimeSpan.FromSeconds(3);
        try
        {
            var e = await Assert.ThrowsAsync<QdrantUnavailableException>(() => impatient.GetDocumentHashAsync("x.md"));
            Assert.Contains("did not answer in time", e.Message);
        }
        finally
        {
            qdrant.Server.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task An_interrupted_document_write_leaves_it_unrecorded_and_the_next_ingest_completes_it()
    {
        var options = qdrant.Options();
        options.MaxRetries = 0;
        var interrupting = new InterruptingHandler("/points/batch", interruptAt: 2);
        await using (var index = await qdrant.OpenAsync(options, handler: interrupting))
        {
            var e = await Assert.ThrowsAsync<QdrantUnavailableException>(() => qdrant.Pipeline(index).IngestAsync([SharedData.Seed("001"), SharedData.Seed("003")]));
            Assert.Contains("Qdrant is not reachable", e.Message);
            Assert.NotNull(await index.GetDocumentHashAsync(SharedData.Seed("001")));
            Assert.Null(await index.GetDocumentHashAsync(SharedData.Seed("003")));
        }
        await using (var index = await qdrant.OpenAsync(options))
        {
            var report = await qdrant.Pipeline(index).IngestAsync([SharedData.Seed("001"), SharedData.Seed("003")]);
            Assert.Equal((1, 1), (report.Count(DocumentStatus.Unchanged), report.Count(DocumentStatus.Added)));

            var reference = qdrant.Options();
            await using var uninterrupted = await qdrant.OpenAsync(reference);
            await qdrant.Pipeline(uninterrupted).IngestAsync([SharedData.Seed("001"), SharedData.Seed("003")]);
            Assert.Equal(qdrant.Server.PointCount(reference.Collection), qdrant.Server.PointCount(options.Collection));
            var (a, b) = (await index.GetStatsAsync(), await uninterrupted.GetStatsAsync());
            Assert.Equal((b.Documents, b.Stories, b.Passages), (a.Documents, a.Stories, a.Passages));
        }
        qdrant.AssertEveryBodyValid();
    }

    [Fact]
    public async Task The_fake_rejects_a_body_that_does_not_match_Qdrants_API_as_Qdrant_does()
    {
        // Its own server, so the violation it provokes is not counted against the other tests.
        await using var server = await Fakes.FakeQdrant.StartAsync(new Fakes.FakeQdrantOptions { Validator = OpenApi.OpenApiRequestValidator.Qdrant });
        using var client = new HttpClient { BaseAddress = server.Url };
        var response = await client.PostAsync("collections/any/points/query",
            new StringContent("""{"prefetch": [{"limit": 0}], "query": {"fusion": "rrf2"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Format error in JSON body", await response.Content.ReadAsStringAsync());
        Assert.Contains(server.SchemaViolations, v => v.Contains("prefetch[0].limit", StringComparison.Ordinal));
    }

    /// <summary>
    /// The connection to Qdrant breaks on the Nth request to a path (a test double of the network, not of Qdrant):
    /// the request never reaches the server.
    /// </summary>
    private sealed class InterruptingHandler(string pathEnd, int interruptAt) : DelegatingHandler(new HttpClientHandler())
    {
        private int _seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith(pathEnd, StringComparison.Ordinal) && Interlocked.Increment(ref _seen) == interruptAt)
                throw new HttpRequestException("the connection was reset (test)");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
