using System.Text.Json;

namespace NewsBot.Web.Tests;

/// <summary>One Server-Sent Event as a client reads it.</summary>
public sealed record ServerSentEvent(string Name, JsonElement Data);

public static class ServerSentEvents
{
    /// <summary>Parses a whole text/event-stream body the way the SSE spec does (blank line ends an event; data lines join).</summary>
    public static List<ServerSentEvent> Parse(string body)
    {
        var events = new List<ServerSentEvent>();
        string name = "message";
        var data = new List<string>();
        foreach (var raw in body.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length == 0)
            {
                if (data.Count > 0) events.Add(new ServerSentEvent(name, JsonDocument.Parse(string.Join("\n", data)).RootElement.Clone()));
                name = "message";
                data.Clear();
            }
            else if (raw.StartsWith(':')) continue;
            else if (raw.StartsWith("event:")) name = raw[6..].Trim();
            else if (raw.StartsWith("data:")) data.Add(raw[5..].TrimStart());
        }
        return events;
    }
}
