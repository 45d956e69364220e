using System.Runtime.CompilerServices;

// The rate-limit parts (route keys, buckets) are internal; their tests call them directly.
[assembly: InternalsVisibleTo("NewsBot.Discord.Tests")]
