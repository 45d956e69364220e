using NewsBot.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NewsBot.Web.Tests;

/// <summary>The HTTP API's contract, against the real host on the in-memory test server.</summary>
[Collection(NewsIndexCollection.Name)]
public sealed class ApiTests(NewsIndexFixture news) : IAsyncLifetime
{
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(news.Configuration());
        _client = await _server.CreateReadyClientAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> AskAsync(object body, string path = "/api/ask") => _client.PostAsJsonAsync(path, body);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Ask_returns_the_answer_with_ids_citations_and_follow_ups()
    {
        var response = await AskAsync(new { question = "what's mistral's new open-weight frontier model called?" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await JsonAsync(response);
        Assert.Matches("^a_[0-9a-f]{32}$", answer.GetProperty("answerId").GetString());
        Assert.Matches("^c_[0-9a-f]{32}$", answer.GetProperty("conversationId").GetString());
        Assert.False(answer.GetProperty("abstained").GetBoolean());
        var text = answer.GetProperty("text").GetString()!;
        Assert.Contains("Large 3", text);
        var citations = answer.GetProperty("citations").EnumerateArray().ToList();
        Assert.NotEmpty(citations);
        // Every [n] in the text has its citation, numbered from 1, with the fields the widget shows.
        var markers = Regex.Matches(text, @"\[(\d+)\]").Select(m => int.Parse(m.Groups[1].Value)).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(1, citations.Count), markers);
        foreach (var c in citations)
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("title").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("publication").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("quote").GetString()));
            Assert.True(c.TryGetProperty("date", out _) && c.TryGetProperty("url", out _) && c.TryGetProperty("storyId", out _));
        }
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("followUps").ValueKind);
    }

    [Fact]
    public async Task Unanswerable_questions_abstain_and_cite_nothing()
    {
        var answer = await JsonAsync(await AskAsync(new { question = "how much does gpt-6 cost in the api?" }));
        Assert.True(answer.GetProperty("abstained").GetBoolean());
        Assert.Empty(answer.GetProperty("citations").EnumerateArray());
    }

    [Fact]
    public async Task Stream_sends_status_then_deltas_that_join_to_the_text_then_citations_then_done()
    {
        var response = await AskAsync(new { question = "which chip did AWS unveil at re:Invent 2025?" }, "/api/ask/stream");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ServerSentEvents.Parse(await response.Content.ReadAsStringAsync());
        var names = events.Select(e => e.Name).ToList();
        Assert.Equal("status", names[0]);
        Assert.Equal("done", names[^1]);
        Assert.Equal("citations", names[^2]);
        Assert.Contains("delta", names);
        Assert.True(names.IndexOf("delta") > names.LastIndexOf("status"));
        var done = events[^1].Data;
        var streamed = string.Concat(events.Where(e => e.Name == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Equal(done.GetProperty("text").GetString(), streamed);
        Assert.Contains("Trainium3", streamed);
        Assert.Equal(done.GetProperty("citations").GetRawText(), events[^2].Data.GetProperty("citations").GetRawText());
    }

    [Fact]
    public async Task A_follow_up_uses_the_conversations_earlier_turn()
    {
        var first = await JsonAsync(await AskAsync(new { question = "Which chip did AWS unveil at re:Invent 2025?" }));
        var conversation = first.GetProperty("conversationId").GetString();
        var firstStory = first.GetProperty("citations")[0].GetProperty("storyId").GetString();

        var followUp = await JsonAsync(await AskAsync(new { question = "when was that?", conversationId = conversation }));

        Assert.Equal(conversation, followUp.GetProperty("conversationId").GetString());
        Assert.False(followUp.GetProperty("abstained").GetBoolean());
        Assert.Contains("reported on", followUp.GetProperty("text").GetString()); // a "when" answer: it gives the date
        Assert.Contains(firstStory, followUp.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("storyId").GetString()));

        // The same words in a fresh conversation have nothing to point back to.
        var alone = await JsonAsync(await AskAsync(new { question = "when was that?" }));
        Assert.True(alone.GetProperty("abstained").GetBoolean());
    }

    [Fact]
    public async Task Whats_new_lists_the_newest_stories_newest_first()
    {
        var answer = await JsonAsync(await AskAsync(new { question = "What's new?" }));
        var dates = answer.GetProperty("citations").EnumerateArray().Select(c => DateOnly.Parse(c.GetProperty("date").GetString()!)).ToList();

        var newest = (await JsonAsync(await _client.GetAsync("/api/stories?limit=1"))).GetProperty("stories")[0].GetProperty("date").GetString();
        Assert.NotEmpty(dates);
        Assert.Equal(DateOnly.Parse(newest!), dates[0]);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task Stories_come_newest_first_and_honour_since_q_and_limit()
    {
        var all = (await JsonAsync(await _client.GetAsync("/api/stories?limit=30"))).GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(30, all.Count);
        var dates = all.Select(s => DateOnly.Parse(s.GetProperty("date").GetString()!)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);

        var since = (await JsonAsync(await _client.GetAsync("/api/stories?since=2026-05-01&limit=100"))).GetProperty("stories").EnumerateArray().ToList();
        Assert.NotEmpty(since);
        Assert.All(since, s => Assert.True(DateOnly.Parse(s.GetProperty("date").GetString()!) >= new DateOnly(2026, 5, 1)));

        var about = (await JsonAsync(await _client.GetAsync("/api/stories?q=zorblax"))).GetProperty("stories").EnumerateArray().ToList();
        Assert.Equal(NewsIndexFixture.HostileTitle, Assert.Single(about).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/stories?since=yesterday", "since")]
    [InlineData("/api/stories?limit=0", "limit")]
    [InlineData("/api/stories?limit=1000", "limit")]
    public async Task Stories_reject_bad_parameters_with_400(string url, string named)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Feedback_is_stored_in_the_index_file_and_summarised_for_maintainers()
    {
        var answer = await JsonAsync(await AskAsync(new { question = "how many engineers will zorblax hire?" }));
        var id = answer.GetProperty("answerId").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await _client.PostAsJsonAsync("/api/feedback", new { answerId = id, rating = "down", comment = "too short" })).StatusCode);

        var unauthorised = await _client.GetAsync("/api/feedback/summary");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/feedback/summary?recent=200");
        request.Headers.Add("X-Api-Key", NewsIndexFixture.MaintainerKey);
        var summary = await JsonAsync(await _client.SendAsync(request));
        var entry = summary.GetProperty("recent").EnumerateArray().Single(e => e.GetProperty("answerId").GetString() == id);
        Assert.Equal("down", entry.GetProperty("rating").GetString());
        Assert.Equal("too short", entry.GetProperty("comment").GetString());
        Assert.Equal("how many engineers will zorblax hire?", entry.GetProperty("question").GetString());
        Assert.True(summary.GetProperty("down").GetInt64() >= 1);

        // In the SQLite file itself, not only in memory.
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={news.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT rating FROM feedback WHERE answer_id = $id";
        query.Parameters.AddWithValue("$id", id);
        Assert.Equal("down", await query.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("{\"answerId\": \"a_00000000000000000000000000000000\", \"rating\": \"up\"}", HttpStatusCode.NotFound)]
    [InlineData("{\"answerId\": \"x\", \"rating\": \"meh\"}", HttpStatusCode.BadRequest)]
    [InlineData("{\"rating\": \"up\"}", HttpStatusCode.BadRequest)]
    public async Task Feedback_on_unknown_answers_or_with_bad_ratings_is_refused(string body, HttpStatusCode expected)
    {
        var response = await _client.PostAsync("/api/feedback", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("{\"question\": ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not valid JSON")]
    [InlineData("{\"question\": 42}", "not valid JSON")]
    [InlineData("{}", "\"question\" is required")]
    [InlineData("{\"question\": \"   \"}", "\"question\" is required")]
    [InlineData("{\"question\": \"hi\", \"conversationId\": \"<script>\"}", "conversationId")]
    public async Task Malformed_requests_get_400_with_a_message_and_nothing_internal(string body, string message)
    {
        foreach (var path in new[] { "/api/ask", "/api/ask/stream" })
        {
            var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
            AssertNothingInternal(text);
        }
    }

    [Fact]
    public async Task Questions_over_the_length_limit_get_400_that_says_the_limit()
    {
        var response = await AskAsync(new { question = new string('a', 1001) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit is 1,000", (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(new { question = "zorblax " + new string('a', 990) })).StatusCode);
    }

    [Fact]
    public async Task Bodies_over_the_size_limit_get_400_before_being_read_whole()
    {
        var huge = "{\"question\": \"" + new string('x', 64 * 1024) + "\"}";
        var response = await _client.PostAsync("/api/ask", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("larger than 16,384 bytes", (await JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Non_json_bodies_get_415_with_a_problem_body()
    {
        var response = await _client.PostAsync("/api/ask", new StringContent("<question>hi</question>", Encoding.UTF8, "application/xml"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNothingInternal(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_get_problem_responses()
    {
        var missing = await _client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var wrongMethod = await _client.GetAsync("/api/ask");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await JsonAsync(await _client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/ask", "/api/ask/stream", "/api/stories", "/api/feedback", "/api/feedback/summary", "/healthz" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        Assert.True(paths.GetProperty("/api/ask").GetProperty("post").TryGetProperty("requestBody", out _));
        Assert.Equal("NewsBot API", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_widget_is_served_compressed_and_cacheable_and_the_demo_page_embeds_it()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        request.Headers.Add("Accept-Encoding", "gzip");
        var widget = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal("text/javascript", widget.Content.Headers.ContentType?.MediaType);
        Assert.Contains("gzip", widget.Content.Headers.ContentEncoding);
        var etag = widget.Headers.ETag;
        Assert.NotNull(etag);

        var again = new HttpRequestMessage(HttpMethod.Get, "/widget.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _client.SendAsync(again)).StatusCode);

        var demo = await _client.GetAsync("/");
        Assert.Equal("text/html", demo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/widget.js", await demo.Content.ReadAsStringAsync());
        Assert.Contains("script-src 'self'", demo.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static void AssertNothingInternal(string body)
    {
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain(".cs:line", body);
        Assert.DoesNotContain(Path.GetTempPath(), body);
        Assert.DoesNotContain(NewsBot.Testing.SharedData.RepoRoot, body);
    }
}
