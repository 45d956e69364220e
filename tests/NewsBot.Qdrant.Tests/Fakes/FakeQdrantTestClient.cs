using System.Net.Http.Headers;
using System.Text;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>Raw JSON over HTTP against a running <see cref="FakeQdrant"/>, for the fake's own tests.</summary>
internal sealed class FakeQdrantTestClient : IDisposable
{
    private readonly HttpClient _http;

    public FakeQdrantTestClient(FakeQdrant fake, string? apiKey = null, TimeSpan? timeout = null)
    {
        _http = new HttpClient { BaseAddress = fake.Url, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Add("api-key", apiKey);
        }
    }

    public HttpRequestHeaders Headers => _http.DefaultRequestHeaders;

    public async Task<FakeQdrantTestResponse> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            body = JsonNode.Parse(text);
        }
        return new FakeQdrantTestResponse((int)response.StatusCode, body, text, response.Headers);
    }

    public Task<FakeQdrantTestResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<FakeQdrantTestResponse> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<FakeQdrantTestResponse> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    /// <summary>A request that must succeed; its <c>result</c>.</summary>
    public async Task<JsonNode> ResultAsync(HttpMethod method, string path, string? json = null)
    {
        var response = await SendAsync(method, path, json);
        Assert.True(response.Status == 200, $"{method} {path} answered {response.Status}: {response.Text}");
        Assert.Equal("ok", response.Body!["status"]!.GetValue<string>());
        return response.Body["result"]!;
    }

    public void Dispose() => _http.Dispose();
}

internal sealed record FakeQdrantTestResponse(int Status, JsonNode? Body, string Text, HttpResponseHeaders Headers)
{
    /// <summary>Qdrant's <c>status.error</c>.</summary>
    public string? Error => Body?["status"] is JsonObject status ? status["error"]?.GetValue<string>() : null;
}
