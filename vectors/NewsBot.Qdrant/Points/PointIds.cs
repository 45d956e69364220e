using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Qdrant.Points;

/// <summary>
/// Qdrant point ids, derived from what a point is (RFC 9562 name-based UUIDs, version 5), so writing the same thing
/// twice lands on the same point: re-ingesting, resuming an interrupted ingest or migrating again never duplicates.
/// </summary>
public static class PointIds
{
    /// <summary>NewsBot's namespace for its names (itself the version 5 UUID of "newsbot" in the URL namespace).</summary>
    public static readonly Guid Namespace = NameBased(Guid.Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "newsbot");

    /// <summary>A passage as one document tells it: <c>storyId:ordinal</c> (the passage id) and the document's path.</summary>
    public static string Passage(string passageId, string documentPath) => Format(NameBased(Namespace, "passage\n" + passageId + "\n" + documentPath));

    /// <summary>The point that records a document (its content hash and metadata); it has no vectors.</summary>
    public static string Document(string documentPath) => Format(NameBased(Namespace, "document\n" + documentPath));

    /// <summary>A reader's rating of one answer.</summary>
    public static string Feedback(string answerId) => Format(NameBased(Namespace, "feedback\n" + answerId));

    /// <summary>The one point that records the index's write generation.</summary>
    public static readonly string State = Format(NameBased(Namespace, "state"));

    /// <summary>The version 5 UUID of <paramref name="name"/> (UTF-8) in <paramref name="space"/>.</summary>
    public static Guid NameBased(Guid space, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        space.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);  // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);  // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>Lower-case, hyphenated: the form Qdrant returns ids in.</summary>
    public static string Format(Guid id) => id.ToString("D");
}
