using NewsBot.Ingestion.Readers;

namespace NewsBot.Ingestion.Pipeline;

/// <summary>Hands a document to the reader most confident it can read it.</summary>
public sealed class ReaderSelector(IEnumerable<IDocumentReader> readers)
{
    private const double MinimumConfidence = 0.2;
    private readonly IDocumentReader[] _readers = readers.ToArray();

    public IDocumentReader Select(SourceText source)
    {
        var best = _readers.Select(r => (Reader: r, Confidence: r.Confidence(source))).MaxBy(x => x.Confidence);
        if (best.Reader is null || best.Confidence < MinimumConfidence)
            throw new DocumentFormatException("not recognised as a digest (Jekyll markdown with front matter), a newsletter or a podcast transcript");
        return best.Reader;
    }
}
