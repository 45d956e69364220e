using NewsBot.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NewsBot.Web.Tests;

/// <summary>
/// The chat widget in a real browser (Debian's Chromium, headless, driven by Playwright) against the real
/// <c>newsbot serve</c> on loopback: what a reader of a site does with it, end to end.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class WidgetEndToEndTests(NewsIndexFixture news, ITestOutputHelper output) : IAsyncLifetime
{
    private ServeProcess _server = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private readonly List<string> _dialogs = [];

    public async Task InitializeAsync()
    {
        _server = await ServeProcess.StartAsync(news.DatabasePath, new Dictionary<string, string> { ["NEWSBOT__WEB__PERMITSPERMINUTE"] = "100000", ["NEWSBOT__WEB__BURST"] = "1000" });
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<IPage> OpenDemoAsync(BrowserNewContextOptions? options = null)
    {
        var context = await _browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        // Stories link to the open web, which this machine cannot reach: answer those requests with a stub page.
        await context.RouteAsync(url => !url.StartsWith(_server.BaseAddress.ToString(), StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html", Body = "<title>story</title>external story" }));
        await context.AddInitScriptAsync(RecordStreams);
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => { _dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        await page.GotoAsync(_server.BaseAddress.ToString());
        return page;
    }

    /// <summary>
    /// Records, as the page receives them, the event streams it reads, and the text of an answer while it is still
    /// being written (aria-busy), so the test can tell a streamed answer from one that arrived whole.
    /// </summary>
    private const string RecordStreams = """
        window.__nbStreams = []; window.__nbBusy = [];
        const realFetch = window.fetch;
        window.fetch = async (...args) => {
          const response = await realFetch(...args);
          const url = String((args[0] && args[0].url) || args[0]);
          if (!url.endsWith('/api/ask/stream') || !response.body) return response;
          const [forPage, forTest] = response.body.tee();
          (async () => {
            const reader = forTest.getReader(), decoder = new TextDecoder(); let text = '';
            for (;;) { const { done, value } = await reader.read(); if (done) break; text += decoder.decode(value, { stream: true }); }
            window.__nbStreams.push(text);
          })();
          return new Response(forPage, { status: response.status, statusText: response.statusText, headers: response.headers });
        };
        setInterval(() => {
          const host = document.querySelector('#newsbot-widget');
          const busy = host && host.shadowRoot && host.shadowRoot.querySelector('.nb-msg.nb-bot[aria-busy="true"]');
          if (busy) window.__nbBusy.push(busy.textContent);
        }, 2);
        """;

    private static async Task<ILocator> AskAsync(IPage page, string question, int answersBefore)
    {
        var input = page.GetByRole(AriaRole.Textbox, new() { Name = "Your question" });
        await input.FillAsync(question);
        await input.PressAsync("Enter");
        var answers = page.Locator(".nb-msg.nb-bot[data-answer-id]");
        await Expect(answers).ToHaveCountAsync(answersBefore + 1, new() { Timeout = 30_000 });
        return answers.Nth(answersBefore);
    }

    [Fact]
    public async Task A_reader_asks_follows_up_checks_a_source_and_rates_the_answer()
    {
        var page = await OpenDemoAsync();
        await page.Locator(".nb-launcher").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "NewsBot" })).ToBeVisibleAsync();

        // 1. A dev-set question, answered as a stream.
        var first = await AskAsync(page, "what's mistral's new open-weight frontier model called?", 0);
        await page.WaitForFunctionAsync("() => window.__nbStreams.length === 1");
        var events = ServerSentEvents.Parse(await page.EvaluateAsync<string>("() => window.__nbStreams[0]"));
        Assert.Equal("status", events[0].Name);
        Assert.True(events.Count(e => e.Name == "delta") >= 2, "the answer should arrive as several delta events");
        Assert.NotEmpty(await page.EvaluateAsync<string[]>("() => window.__nbBusy")); // shown while still being written
        var done = events.Single(e => e.Name == "done").Data;
        await Expect(first.Locator(".nb-text")).ToContainTextAsync("Large 3");
        await Expect(first).Not.ToHaveAttributeAsync("aria-busy", "true");

        // 2. Its citation chip previews the story and opens it.
        var citation = done.GetProperty("citations")[0];
        var chip = first.Locator(".nb-chip").First;
        await Expect(chip).ToHaveTextAsync("1");
        await chip.HoverAsync();
        var preview = page.Locator(".nb-preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(preview).ToContainTextAsync(citation.GetProperty("title").GetString()!);
        await Expect(preview).ToContainTextAsync(citation.GetProperty("publication").GetString()!);
        if (citation.GetProperty("url").GetString() is { } url)
        {
            var popup = await page.RunAndWaitForPopupAsync(() => chip.ClickAsync());
            Assert.Equal(url, popup.Url);
            await popup.CloseAsync();
        }
        await Expect(first.Locator(".nb-sources li")).ToHaveCountAsync(done.GetProperty("citations").GetArrayLength());

        // 3. A follow-up that only makes sense after the first turn.
        var followUpRequest = page.WaitForRequestAsync(r => r.Url.EndsWith("/api/ask/stream"));
        var second = await AskAsync(page, "who made it?", 1);
        var sent = JsonDocument.Parse((await followUpRequest).PostData!).RootElement;
        Assert.Equal(done.GetProperty("conversationId").GetString(), sent.GetProperty("conversationId").GetString());
        await Expect(second.Locator(".nb-text")).ToContainTextAsync("Mistral");
        Assert.NotEmpty(await second.Locator(".nb-followup").AllAsync());

        // 4. Feedback reaches the server's store.
        var feedback = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/feedback"));
        await second.Locator(".nb-up").ClickAsync();
        Assert.Equal(204, (await feedback).Status);
        await Expect(second.Locator(".nb-up")).ToHaveAttributeAsync("aria-pressed", "true");
        var answerId = await second.GetAttributeAsync("data-answer-id");
        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var summary = await http.GetFromJsonAsync<JsonElement>("/api/feedback/summary?recent=200"); // from this machine: allowed without a key
        Assert.Contains(summary.GetProperty("recent").EnumerateArray(), e => e.GetProperty("answerId").GetString() == answerId && e.GetProperty("rating").GetString() == "up");

        await page.ScreenshotAsync(new() { Path = Browser.Artifact("widget-conversation.png") });
        output.WriteLine("screenshot: " + Browser.Artifact("widget-conversation.png"));

        // 5. The conversation survives a reload.
        await page.ReloadAsync();
        await Expect(page.Locator(".nb-msg.nb-user")).ToHaveCountAsync(2);
        await Expect(page.Locator(".nb-msg.nb-bot[data-answer-id]")).ToHaveCountAsync(2);

        // 6. "New conversation" starts over.
        await page.GetByRole(AriaRole.Button, new() { Name = "New conversation" }).ClickAsync();
        await Expect(page.Locator(".nb-msg.nb-user")).ToHaveCountAsync(0);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Markup_in_a_story_shows_as_text_and_never_runs()
    {
        var page = await OpenDemoAsync();
        await page.Locator(".nb-launcher").ClickAsync();
        var answer = await AskAsync(page, "how many engineers will zorblax hire?", 0);

        await Expect(answer.Locator(".nb-text")).ToContainTextAsync("<script>alert(4)</script>");
        await Expect(answer.Locator(".nb-sources")).ToContainTextAsync(NewsIndexFixture.HostileTitle);
        var injected = await page.EvaluateAsync<int>(
            "() => document.querySelector('#newsbot-widget').shadowRoot.querySelectorAll('img, script, b').length + document.querySelectorAll('img, b').length");
        Assert.Equal(0, injected);
        await answer.Locator(".nb-chip").First.HoverAsync();
        await Expect(page.Locator(".nb-preview")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await page.ScreenshotAsync(new() { Path = Browser.Artifact("widget-hostile-story.png") });
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task On_a_phone_in_dark_mode_the_panel_fills_the_screen_and_works_by_keyboard()
    {
        var page = await OpenDemoAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 375, Height = 740 }, ColorScheme = ColorScheme.Dark, HasTouch = true });
        var launcher = page.Locator(".nb-launcher");
        await launcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var panel = page.Locator(".nb-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Your question" })).ToBeFocusedAsync();
        // Measure once the opening animation (a slight scale) has run.
        await panel.EvaluateAsync("e => Promise.all(e.getAnimations().map(a => a.finished))");
        var box = (await panel.BoundingBoxAsync())!;
        Assert.Equal(375, box.Width, 1.0);
        Assert.Equal(740, box.Height, 1.0);
        var background = await panel.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.True(Luminance(background) < 0.3, $"dark mode should give a dark panel, got {background}");

        await AskAsync(page, "what's new?", 0);
        await page.ScreenshotAsync(new() { Path = Browser.Artifact("widget-phone-dark.png") });

        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToBeHiddenAsync();
        await Expect(launcher).ToBeFocusedAsync();
        await Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
    }

    private static double Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',').Take(3).Select(p => double.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        return 0.2126 * parts[0] + 0.7152 * parts[1] + 0.0722 * parts[2];
    }
}
