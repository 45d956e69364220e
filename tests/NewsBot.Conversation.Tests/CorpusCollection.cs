using NewsBot.Testing;

namespace NewsBot.Conversation.Tests;

/// <summary>Tests over the ingested corpus share one index: the corpus is ingested once per run of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusIndex>
{
    public const string Name = "corpus";
}
