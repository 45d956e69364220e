using System.Buffers;
using System.Text.Json;

namespace NewsBot.Discord.Gateway;

/// <summary>The payloads the client sends ("Gateway Events", section "Send Events"), written without reflection.</summary>
internal static class GatewayPayloads
{
    public const int OpDispatch = 0;
    public const int OpHeartbeat = 1;
    public const int OpIdentify = 2;
    public const int OpResume = 6;
    public const int OpReconnect = 7;
    public const int OpInvalidSession = 9;
    public const int OpHello = 10;
    public const int OpHeartbeatAck = 11;

    /// <summary>Heartbeat: <c>d</c> is the last sequence number received, or null before any.</summary>
    public static byte[] Heartbeat(int? sequence) => Write(w =>
    {
        w.WriteNumber("op", OpHeartbeat);
        if (sequence is int s) w.WriteNumber("d", s); else w.WriteNull("d");
    });

    public static byte[] Identify(string token, int intents, int shardId, int shardCount) => Write(w =>
    {
        w.WriteNumber("op", OpIdentify);
        w.WriteStartObject("d");
        w.WriteString("token", token);
        w.WriteNumber("intents", intents);
        w.WriteStartObject("properties");
        w.WriteString("os", OsName());
        w.WriteString("browser", "NewsBot");
        w.WriteString("device", "NewsBot");
        w.WriteEndObject();
        w.WriteStartArray("shard");
        w.WriteNumberValue(shardId);
        w.WriteNumberValue(shardCount);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    public static byte[] Resume(string token, string sessionId, int sequence) => Write(w =>
    {
        w.WriteNumber("op", OpResume);
        w.WriteStartObject("d");
        w.WriteString("token", token);
        w.WriteString("session_id", sessionId);
        w.WriteNumber("seq", sequence);
        w.WriteEndObject();
    });

    private static string OsName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
