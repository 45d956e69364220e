using System.Text.Json;
using System.Text.Json.Nodes;
using NewsBot.Domain;
using NewsBot.Teams.Protocol;
using NewsBot.Teams.Rendering;

namespace NewsBot.Teams.Tests.Rendering;

/// <summary>
/// The outgoing answer against the shapes Microsoft documents for AI-generated bot messages ("Enhance AI-generated
/// bot messages", learn.microsoft.com) and that the Agents Playground validates: one root
/// <c>https://schema.org/Message</c> entity, <c>additionalType: ["AIGeneratedContent"]</c>, at most 10 citations of
/// <c>@type</c> Claim with a positive position and a DigitalDocument appearance (name ≤ 80, abstract ≤ 160,
/// ≤ 3 keywords), and <c>channelData.feedbackLoopEnabled</c>.
/// </summary>
public sealed class AnswerActivityTests
{
    private static Citation Cite(int n, string? url = "https://example.com/story", string title = "A story", string quote = "A sentence.") => new()
    {
        Number = n, StoryId = $"s{n}", PassageId = $"p{n}", Title = title, Publication = "Last Week in AI", Date = new DateOnly(2025, 3, 14), Url = url, Quote = quote,
    };

    private static JsonObject Json(Activity activity) => JsonNode.Parse(JsonSerializer.Serialize(activity, TeamsJsonContext.Default.Activity))!.AsObject();

    [Fact]
    public void An_answer_carries_the_AI_label_its_citations_and_the_feedback_loop_as_documented()
    {
        var answer = new Answer { Text = "Nvidia unveiled a chip [1]. AMD answered [2].", Citations = [Cite(1), Cite(2, url: null)] };
        var json = Json(AnswerActivity.Create(answer));

        Assert.Equal("message", (string?)json["type"]);
        Assert.Equal("markdown", (string?)json["textFormat"]);
        Assert.True((bool?)json["channelData"]!["feedbackLoopEnabled"]);
        var entity = Assert.Single(json["entities"]!.AsArray())!.AsObject();
        Assert.Equal("https://schema.org/Message", (string?)entity["type"]);
        Assert.Equal("Message", (string?)entity["@type"]);
        Assert.Equal("https://schema.org", (string?)entity["@context"]);
        Assert.Equal(["AIGeneratedContent"], entity["additionalType"]!.AsArray().Select(x => (string?)x));
        var citations = entity["citation"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal([1, 2], citations.Select(c => (int)c["position"]!));
        foreach (var c in citations)
        {
            Assert.Equal("Claim", (string?)c["@type"]);
            Assert.Equal("DigitalDocument", (string?)c["appearance"]!["@type"]);
            Assert.Equal("A story", (string?)c["appearance"]!["name"]);
            Assert.Equal("A sentence.", (string?)c["appearance"]!["abstract"]);
            Assert.Equal(["Last Week in AI", "14 Mar 2025"], c["appearance"]!["keywords"]!.AsArray().Select(k => (string?)k));
        }
        Assert.Equal("https://example.com/story", (string?)citations[0]["appearance"]!["url"]);
        Assert.Null(citations[1]["appearance"]!["url"]); // no link rather than an empty one
        Assert.Equal("Nvidia unveiled a chip [1]. AMD answered [2].", (string?)json["text"]);
    }

    [Fact]
    public void Names_abstracts_and_keywords_are_cut_to_Teams_limits()
    {
        var answer = new Answer
        {
            Text = "Long [1].",
            Citations = [Cite(1, title: new string('t', 200), quote: new string('q', 400)) with { Publication = new string('p', 60) }],
        };
        var appearance = Json(AnswerActivity.Create(answer))["entities"]![0]!["citation"]![0]!["appearance"]!;
        Assert.InRange(((string)appearance["name"]!).Length, 20, AnswerActivity.MaxNameLength);
        Assert.InRange(((string)appearance["abstract"]!).Length, 100, AnswerActivity.MaxAbstractLength);
        Assert.All(appearance["keywords"]!.AsArray(), k => Assert.InRange(((string)k!).Length, 1, AnswerActivity.MaxKeywordLength));
        Assert.EndsWith("…", (string)appearance["abstract"]!);
    }

    [Fact]
    public void Markers_past_ten_citations_are_dropped_from_the_text_since_Teams_shows_ten()
    {
        var citations = Enumerable.Range(1, 12).Select(n => Cite(n)).ToList();
        var text = string.Join(" ", citations.Select(c => $"Claim {c.Number} [{c.Number}]."));
        var json = Json(AnswerActivity.Create(new Answer { Text = text, Citations = citations }));

        Assert.Equal(AnswerActivity.MaxCitations, json["entities"]![0]!["citation"]!.AsArray().Count);
        Assert.Contains("[10]", (string?)json["text"]);
        Assert.DoesNotContain("[11]", (string?)json["text"]);
        Assert.DoesNotContain("[12]", (string?)json["text"]);
    }

    [Fact]
    public void An_abstention_has_the_label_but_no_citation_array()
    {
        var json = Json(AnswerActivity.Create(new Answer { Text = "I don't know.", Citations = [], Abstained = true }));
        var entity = json["entities"]![0]!.AsObject();
        Assert.False(entity.ContainsKey("citation"));
        Assert.Equal("AIGeneratedContent", (string?)entity["additionalType"]![0]);
    }

    [Fact]
    public void Corpus_markup_is_escaped_so_it_renders_as_text_and_never_as_a_mention()
    {
        var answer = new Answer { Text = "Zorblax raises <script>alert(2)</script> funding <at>everyone</at> [1].", Citations = [Cite(1)] };
        var text = (string?)Json(AnswerActivity.Create(answer))["text"];
        Assert.DoesNotContain("<", text);
        Assert.DoesNotContain(">", text);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", text);
        Assert.Contains("&lt;at&gt;everyone&lt;/at&gt;", text);
    }

    [Fact]
    public void List_items_become_paragraphs_so_their_markers_render_as_citations()
    {
        var answer = new Answer { Text = "Lead [1].\nRelated:\n- One [2].\n- Two [3].", Citations = [Cite(1), Cite(2), Cite(3)] };
        Assert.Equal("Lead [1].\nRelated:\n\n- One [2].\n\n- Two [3].", (string?)Json(AnswerActivity.Create(answer))["text"]);
    }
}
