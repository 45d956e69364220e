using Microsoft.Data.Sqlite;
using NewsBot.Index.Embeddings;

namespace NewsBot.Index.Sqlite.Writing;

/// <summary>
/// The vector statements of one write transaction: caching vectors, attaching them to passages, and keeping the
/// index's embedding model in <c>index_state</c>.
/// </summary>
internal sealed class VectorWriter
{
    private readonly string _location;
    private readonly SqliteCommand _readModel;
    private readonly SqliteCommand _setModel;
    private readonly SqliteCommand _cacheVector;
    private readonly SqliteCommand _attachVector;
    private readonly SqliteCommand _clearPassage;
    private readonly SqliteCommand _clearAll;
    private EmbeddingModelInfo? _checked;

    public VectorWriter(CommandSet commands, string location)
    {
        _location = location;
        _readModel = commands.Add("SELECT embedding_model, embedding_dimensions FROM index_state");
        _setModel = commands.Add("UPDATE index_state SET embedding_model = @model, embedding_dimensions = @dimensions",
            ("@model", SqliteType.Text), ("@dimensions", SqliteType.Integer));
        // A text already cached keeps its vector: the same model gives the same vector for the same text.
        _cacheVector = commands.Add("INSERT INTO embeddings (model, text_hash, vector) VALUES (@model, @hash, @vector) ON CONFLICT DO NOTHING",
            ("@model", SqliteType.Text), ("@hash", SqliteType.Text), ("@vector", SqliteType.Blob));
        _attachVector = commands.Add("INSERT INTO passage_vectors (passage_id, item, kind, text_hash) VALUES (@passage, @item, @kind, @hash)",
            ("@passage", SqliteType.Integer), ("@item", SqliteType.Integer), ("@kind", SqliteType.Integer), ("@hash", SqliteType.Text));
        _clearPassage = commands.Add("DELETE FROM passage_vectors WHERE passage_id = @passage", ("@passage", SqliteType.Integer));
        _clearAll = commands.Add("DELETE FROM passage_vectors");
    }

    /// <summary>The model the index's vectors come from, or null when it has none.</summary>
    public async Task<EmbeddingModelInfo?> ReadModelAsync(CancellationToken cancellationToken)
    {
        await using var reader = await _readModel.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : new EmbeddingModelInfo(reader.GetString(0), reader.GetInt32(1));
    }

    /// <summary>Makes <paramref name="model"/> the index's model if it has none; throws if it has another.</summary>
    public async Task AcceptModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        if (model.Equals(_checked)) return;
        var stored = await ReadModelAsync(cancellationToken);
        if (stored is null) await SetModelAsync(model, cancellationToken);
        else if (!stored.Equals(model)) throw new EmbeddingModelMismatchException(stored, model, _location);
        _checked = model;
    }

    public async Task SetModelAsync(EmbeddingModelInfo model, CancellationToken cancellationToken)
    {
        _setModel.Parameters["@model"].Value = model.Id;
        _setModel.Parameters["@dimensions"].Value = model.Dimensions;
        await _setModel.ExecuteNonQueryAsync(cancellationToken);
        _checked = model;
    }

    public async Task ClearAllAsync(CancellationToken cancellationToken) => await _clearAll.ExecuteNonQueryAsync(cancellationToken);

    /// <summary>Replaces the vectors of passage <paramref name="passageId"/> (its row must exist: the foreign key checks).</summary>
    public async Task WriteAsync(EmbeddingModelInfo model, long passageId, IReadOnlyList<PassageVector> vectors, CancellationToken cancellationToken)
    {
        _clearPassage.Parameters["@passage"].Value = passageId;
        await _clearPassage.ExecuteNonQueryAsync(cancellationToken);
        var c = _cacheVector.Parameters;
        var a = _attachVector.Parameters;
        c["@model"].Value = model.Id;
        a["@passage"].Value = passageId;
        foreach (var vector in vectors)
        {
            if (vector.Vector.Length != model.Dimensions)
                throw new ArgumentException($"A vector of {vector.Vector.Length} dimensions was given for the model {model}.");
            c["@hash"].Value = vector.TextHash;
            c["@vector"].Value = VectorBlob.ToBytes(vector.Vector.Span);
            await _cacheVector.ExecuteNonQueryAsync(cancellationToken);
            a["@item"].Value = vector.Item;
            a["@kind"].Value = (int)vector.Kind;
            a["@hash"].Value = vector.TextHash;
            await _attachVector.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
