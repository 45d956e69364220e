using System.Text;

namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>
/// A payload key as Qdrant reads it (<c>JsonPath</c>, lib/segment/src/json_path): dotted keys (<c>a.b</c>), <c>[]</c> to
/// step into every element of an array, <c>[n]</c> for one element, and <c>"quoted.keys"</c>. Reading follows
/// json_path/get.rs: a key does not step through an array on its own (<c>a.b</c> finds nothing when <c>a</c> is an array),
/// and a leaf array is returned whole (conditions then match if any element matches).
/// </summary>
internal sealed class FakeJsonPath
{
    private abstract record Step;

    private sealed record KeyStep(string Key) : Step;

    private sealed record IndexStep(int Index) : Step;

    private sealed record EveryElementStep : Step;

    private readonly Step[] _steps;

    private FakeJsonPath(string text, Step[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>The top-level key the path starts from.</summary>
    public string FirstKey => ((KeyStep)_steps[0]).Key;

    /// <summary>Only keys, no array steps: the paths payload selectors and deletes can follow.</summary>
    public bool IsPlainKeys => _steps.All(step => step is KeyStep);

    public static FakeJsonPath Parse(string text)
    {
        var steps = new List<Step>();
        var i = 0;
        while (i <= text.Length)
        {
            var key = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw Invalid(text);
                }
                key.Append(text, i + 1, close - i - 1);
                i = close + 1;
            }
            else
            {
                while (i < text.Length && text[i] != '.' && text[i] != '[')
                {
                    key.Append(text[i++]);
                }
            }
            if (key.Length == 0)
            {
                throw Invalid(text);
            }
            steps.Add(new KeyStep(key.ToString()));
            while (i < text.Length && text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    throw Invalid(text);
                }
                var inside = text[(i + 1)..close];
                if (inside.Length == 0)
                {
                    steps.Add(new EveryElementStep());
                }
                else if (int.TryParse(inside, out var index) && index >= 0)
                {
                    steps.Add(new IndexStep(index));
                }
                else
                {
                    throw Invalid(text);
                }
                i = close + 1;
            }
            if (i == text.Length)
            {
                break;
            }
            if (text[i] != '.')
            {
                throw Invalid(text);
            }
            i++;
        }
        return new FakeJsonPath(text, [.. steps]);
    }

    private static FakeQdrantException Invalid(string text) => FakeQdrantErrors.FormatError($"Invalid json path: `{text}`");

    /// <summary>The values the path reaches; a JSON null is a null entry (a present null, unlike a missing key).</summary>
    public List<JsonNode?> Values(JsonObject payload)
    {
        var found = new List<JsonNode?>();
        if (payload.TryGetPropertyValue(FirstKey, out var first))
        {
            Collect(1, first, found);
        }
        return found;
    }

    private void Collect(int position, JsonNode? value, List<JsonNode?> found)
    {
        if (position == _steps.Length)
        {
            found.Add(value);
            return;
        }
        switch (_steps[position], value)
        {
            case (KeyStep key, JsonObject obj):
                if (obj.TryGetPropertyValue(key.Key, out var child))
                {
                    Collect(position + 1, child, found);
                }
                break;
            case (IndexStep index, JsonArray array):
                if (index.Index < array.Count)
                {
                    Collect(position + 1, array[index.Index], found);
                }
                break;
            case (EveryElementStep, JsonArray array):
                foreach (var element in array)
                {
                    Collect(position + 1, element, found);
                }
                break;
        }
    }

    /// <summary>Copies the value at this path into <paramref name="target"/> at the same place (payload <c>include</c>).</summary>
    public void CopyInto(JsonObject source, JsonObject target)
    {
        if (!IsPlainKeys)
        {
            // Array steps in a selector: the fake keeps the whole top-level key rather than Qdrant's element-wise projection.
            if (source.TryGetPropertyValue(FirstKey, out var whole))
            {
                target[FirstKey] = whole?.DeepClone();
            }
            return;
        }
        JsonObject from = source;
        JsonObject to = target;
        for (var i = 0; i < _steps.Length; i++)
        {
            var key = ((KeyStep)_steps[i]).Key;
            if (!from.TryGetPropertyValue(key, out var value))
            {
                return;
            }
            if (i == _steps.Length - 1)
            {
                to[key] = value?.DeepClone();
                return;
            }
            if (value is not JsonObject next)
            {
                return;
            }
            if (to[key] is not JsonObject nextTarget)
            {
                nextTarget = [];
                to[key] = nextTarget;
            }
            from = next;
            to = nextTarget;
        }
    }

    /// <summary>Removes the value at this path (payload <c>exclude</c>, <c>delete_payload</c>); array steps remove in every element.</summary>
    public void RemoveFrom(JsonObject payload) => Remove(0, payload);

    private void Remove(int position, JsonNode? node)
    {
        var step = _steps[position];
        var last = position == _steps.Length - 1;
        switch (step, node)
        {
            case (KeyStep key, JsonObject obj):
                if (last)
                {
                    obj.Remove(key.Key);
                }
                else if (obj.TryGetPropertyValue(key.Key, out var child))
                {
                    Remove(position + 1, child);
                }
                break;
            case (IndexStep index, JsonArray array) when index.Index < array.Count:
                if (last)
                {
                    array.RemoveAt(index.Index);
                }
                else
                {
                    Remove(position + 1, array[index.Index]);
                }
                break;
            case (EveryElementStep, JsonArray array):
                if (last)
                {
                    array.Clear();
                }
                else
                {
                    foreach (var element in array)
                    {
                        Remove(position + 1, element);
                    }
                }
                break;
        }
    }

    /// <summary>The object at this path, created when missing (<c>set_payload</c> with a <c>key</c>); null when a non-object is in the way.</summary>
    public JsonObject? ObjectAt(JsonObject payload)
    {
        if (!IsPlainKeys)
        {
            return null;
        }
        var current = payload;
        foreach (var step in _steps)
        {
            var key = ((KeyStep)step).Key;
            if (!current.TryGetPropertyValue(key, out var value) || value is null)
            {
                var created = new JsonObject();
                current[key] = created;
                current = created;
                continue;
            }
            if (value is not JsonObject obj)
            {
                return null;
            }
            current = obj;
        }
        return current;
    }

    public override string ToString() => Text;
}
