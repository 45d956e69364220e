using NewsBot.Testing;

namespace NewsBot.Conversation.Tests;

/// <summary>Tests over the ingested corpus share one index, embedded with USE-Lite: ingested once per run of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<EmbeddedCorpusIndex>
{
    public const string Name = "corpus";
}
