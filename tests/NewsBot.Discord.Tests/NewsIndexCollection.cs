using NewsBot.Testing;

namespace NewsBot.Discord.Tests;

[CollectionDefinition(Name)]
public sealed class NewsIndexCollection : ICollectionFixture<NewsIndexFixture>
{
    public const string Name = "news index";
}
