using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Index.Embeddings;

/// <summary>The cache key of an embedded text: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
public static class TextHash
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
