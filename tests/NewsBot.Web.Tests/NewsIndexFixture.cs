using NewsBot.Testing;

namespace NewsBot.Web.Tests;

[CollectionDefinition(Name)]
public sealed class NewsIndexCollection : ICollectionFixture<NewsIndexFixture>
{
    public const string Name = "news index";
}
