using NewsBot.Qdrant.Points;

namespace NewsBot.Qdrant.Tests.Store;

public sealed class PointIdsTests
{
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") and uuid.uuid5(uuid.NAMESPACE_URL, "newsbot").
    [Fact]
    public void Name_based_ids_are_RFC_version_5_uuids_as_Python_computes_them()
    {
        Assert.Equal("886313e1-3b8a-5372-9b90-0c9aee199e5d", PointIds.Format(PointIds.NameBased(Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org")));
        Assert.Equal("fdef5686-1f65-5abc-911c-ee196d36d334", PointIds.Format(PointIds.Namespace));
    }

    [Fact]
    public void A_passage_id_is_derived_from_the_passage_and_its_document_only()
    {
        // uuid.uuid5(ns, "passage\nabc:0\n/x/y.md")
        Assert.Equal("7519f321-d577-5751-9d29-1ebf379cca1f", PointIds.Passage("abc:0", "/x/y.md"));
        Assert.Equal(PointIds.Passage("abc:0", "/x/y.md"), PointIds.Passage("abc:0", "/x/y.md"));
        Assert.NotEqual(PointIds.Passage("abc:0", "/x/y.md"), PointIds.Passage("abc:1", "/x/y.md"));
        Assert.NotEqual(PointIds.Passage("abc:0", "/x/y.md"), PointIds.Passage("abc:0", "/x/z.md"));
        Assert.NotEqual(PointIds.Document("/x/y.md"), PointIds.Passage("abc:0", "/x/y.md"));
        Assert.Equal("8549dde1-beb3-530d-a4e8-106280c51704", PointIds.State);
    }
}
