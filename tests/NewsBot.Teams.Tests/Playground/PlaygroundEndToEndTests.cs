using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NewsBot.Index.Feedback;
using NewsBot.Index.Sqlite;
using NewsBot.Testing;
using static Microsoft.Playwright.Assertions;

namespace NewsBot.Teams.Tests.Playground;

/// <summary>
/// End to end with Microsoft's own emulator: the real <c>newsbot serve</c>, Microsoft 365 Agents Playground in front
/// of it as Teams (channel msteams, its Bot Connector emulation calling NewsBot back), and the playground's web UI
/// driven in Chromium like a reader would. Screenshots go to <c>artifacts/teams/</c>.
/// </summary>
[Collection(NewsIndexCollection.Name)]
public sealed class PlaygroundEndToEndTests(NewsIndexFixture news)
{
    private const string Question = "Which chip did AWS unveil at re:Invent 2025?";

    [Fact]
    public async Task A_question_asked_in_the_Agents_Playground_gets_NewsBots_cited_answer_and_takes_feedback()
    {
        await using var serve = await ServeProcess.StartAsync(news.DatabasePath);
        await using var playground = await AgentsPlayground.StartAsync(new Uri(serve.BaseAddress, "/api/messages"));
        var (playwright, browser) = await Browser.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            await page.GotoAsync(playground.Address.ToString());

            // Opening the personal chat installs the bot: the playground sends conversationUpdate, NewsBot says hello.
            await Expect(page.Locator(".fai-OutputCard", new() { HasText = "Ask me about AI news" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

            await page.Locator("[data-lexical-editor='true']").ClickAsync();
            await page.Keyboard.TypeAsync(Question);
            await page.Keyboard.PressAsync("Enter");

            var answer = page.Locator(".fai-OutputCard", new() { HasText = "Trainium" });
            await Expect(answer).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByText("AI generated").Last).ToBeVisibleAsync();
            // Every [n] became a citation pill: as many as the answer's citations, none left as bare text.
            var expected = await CitationCountAsync(serve.BaseAddress);
            await Expect(answer.Locator("a.fai-Citation")).ToHaveCountAsync(expected);
            Assert.DoesNotMatch(@"\[\d+\]", await answer.InnerTextAsync());
            await page.ScreenshotAsync(new() { Path = Browser.Artifact("playground-answer.png", "teams") });

            // 👎 with a comment goes back to NewsBot as a message/submitAction invoke, into the feedback store.
            await page.GetByRole(AriaRole.Button, new() { Name = "Dislike", Exact = true }).Last.ClickAsync();
            await page.GetByRole(AriaRole.Textbox).Last.FillAsync("Cite the launch post too");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
            var entry = await WaitForFeedbackAsync("Cite the launch post too");
            Assert.Equal(FeedbackRating.Down, entry.Rating);
            Assert.Equal("teams", entry.Channel);
            Assert.Equal(Question, entry.Question);
            await page.ScreenshotAsync(new() { Path = Browser.Artifact("playground-feedback.png", "teams") });
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    /// <summary>How many citations NewsBot gives this question (asked through the web API of the same server).</summary>
    private static async Task<int> CitationCountAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        var answer = await (await http.PostAsJsonAsync("/api/ask", new { question = Question })).Content.ReadFromJsonAsync<JsonElement>();
        return answer.GetProperty("citations").GetArrayLength();
    }

    private async Task<FeedbackEntry> WaitForFeedbackAsync(string comment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var index = await SqliteNewsIndex.OpenAsync(news.DatabasePath))
            {
                var summary = await index.Feedback.SummarizeAsync(1000);
                if (summary.Recent.FirstOrDefault(e => e.Comment == comment) is { } entry) return entry;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No feedback \"{comment}\" reached the index.");
            await Task.Delay(200);
        }
    }
}
