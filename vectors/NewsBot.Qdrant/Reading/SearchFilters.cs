using NewsBot.Index;
using NewsBot.Qdrant.Api;
using static NewsBot.Qdrant.Reading.PayloadFields;

namespace NewsBot.Qdrant.Reading;

/// <summary>
/// A <see cref="SearchFilter"/> as a Qdrant filter over canonical passages. A story without a date has no
/// <c>published</c> value, so it fails any date bound, as in the embedded store.
/// </summary>
internal static class SearchFilters
{
    public static Filter Canonical(SearchFilter filter, params Condition[] more)
    {
        var must = new List<Condition> { Condition.Equals(PayloadFields.Canonical, true) };
        if (filter.From is not null || filter.To is not null)
            must.Add(Condition.Between(Published, Timestamp(filter.From), EndOfDay(filter.To)));
        if (filter.Publications is { Count: > 0 } publications)
            must.Add(Condition.AnyOf(PublicationKey, publications.Select(p => p.ToLowerInvariant()).Distinct()));
        if (filter.Kinds is { Count: > 0 } kinds)
            must.Add(Condition.AnyOf(Kind, kinds.Select(KindName).Distinct()));
        must.AddRange(more);
        return new Filter { Must = must };
    }

    /// <summary>Every point of one document (all versions it holds, canonical or not).</summary>
    public static Filter OfDocument(string documentId) => new() { Must = [Condition.Equals(DocumentId, documentId)] };
}
