using NewsBot.Conversation.Generation;

namespace NewsBot.Conversation.Tests.Generation;

public sealed class QueryRewriterTests
{
    [Theory]
    [InlineData("""{"queries": ["Apple AI", "Apple Intelligence"]}""", "What did the Cupertino company do?", new[] { "Apple AI", "Apple Intelligence" })]
    [InlineData("```json\n{\"queries\": [\"Turing Award 2025\"]}\n```", "Who won computing's Nobel?", new[] { "Turing Award 2025" })]
    [InlineData("""Sure! {"queries": ["a", "A", "b", "c", "d"]}""", "q", new[] { "a", "b", "c" })]
    [InlineData("""{"queries": ["same question"]}""", "Same question", new string[0])]
    [InlineData("I cannot help with that.", "q", new string[0])]
    [InlineData("""{"queries": "not a list"}""", "q", new string[0])]
    [InlineData("""{"queries": [1, null, "ok"]}""", "q", new[] { "ok" })]
    public void Queries_are_read_from_the_models_reply_and_cleaned(string reply, string question, string[] expected) =>
        Assert.Equal(expected, QueryRewriter.Parse(reply, question, 3));
}
