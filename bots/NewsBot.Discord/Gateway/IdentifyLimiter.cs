using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace NewsBot.Discord.Gateway;

/// <summary>
/// One IDENTIFY per <c>interval</c> (Discord: 5 s) per max_concurrency bucket, shared by every
/// <see cref="GatewayClient"/> of this process with the same bot token. Discord "Gateway", section "Sharding", "Max
/// Concurrency": <c>rate_limit_key = shard_id % max_concurrency</c>; and section "Rate Limiting": exceeding it is
/// answered with INVALID_SESSION.
/// </summary>
internal static class IdentifyLimiter
{
    private sealed class Bucket
    {
        public readonly object Gate = new();
        public DateTimeOffset NextAllowed = DateTimeOffset.MinValue;
    }

    private static readonly ConcurrentDictionary<string, Bucket> Buckets = new();

    /// <summary>Takes the bucket's next free slot and returns how long to wait for it.</summary>
    public static TimeSpan Reserve(string token, int rateLimitKey, TimeSpan interval, TimeProvider time)
    {
        // Keyed by a hash of the token: the token itself is kept nowhere it was not already.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16] + "/" + rateLimitKey;
        var bucket = Buckets.GetOrAdd(key, _ => new Bucket());
        lock (bucket.Gate)
        {
            var now = time.GetUtcNow();
            var slot = bucket.NextAllowed > now ? bucket.NextAllowed : now;
            bucket.NextAllowed = slot + interval;
            return slot - now;
        }
    }
}
