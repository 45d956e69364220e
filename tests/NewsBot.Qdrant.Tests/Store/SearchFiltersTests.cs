using NewsBot.Domain;
using NewsBot.Index;
using NewsBot.Qdrant.Reading;

namespace NewsBot.Qdrant.Tests.Store;

public sealed class SearchFiltersTests
{
    [Fact]
    public void A_search_filter_becomes_conditions_on_canonical_passages()
    {
        var filter = SearchFilters.Canonical(new SearchFilter
        {
            From = new DateOnly(2025, 3, 1), To = new DateOnly(2025, 3, 31), Publications = ["Last Week in AI", "last week in ai"], Kinds = [DocumentKind.Transcript],
        });
        var must = filter.Must!;
        Assert.Equal(("canonical", true), (must[0].Key, must[0].Match!.Value!.GetValue<bool>()));
        Assert.Equal(("2025-03-01T00:00:00Z", "2025-03-31T23:59:59Z"), (must[1].Range!.Gte, must[1].Range!.Lte));
        Assert.Equal(["last week in ai"], must[2].Match!.Any!);
        Assert.Equal("kind", must[3].Key);
        Assert.Equal(["Transcript"], must[3].Match!.Any!);
    }

    [Fact]
    public void No_filter_means_canonical_only()
    {
        Assert.Single(SearchFilters.Canonical(SearchFilter.None).Must!);
        Assert.Null(SearchFilters.Canonical(new SearchFilter { To = new DateOnly(2020, 1, 1) }).Must![1].Range!.Gte);
    }
}
