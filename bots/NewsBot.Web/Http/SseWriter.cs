using System.Text;

namespace NewsBot.Web.Http;

/// <summary>Writes Server-Sent Events (<c>event:</c> name, one <c>data:</c> line of JSON), flushing each so it leaves at once.</summary>
public sealed class SseWriter(Stream body)
{
    public async Task WriteAsync(string eventName, string json, CancellationToken cancellationToken)
    {
        // JSON from System.Text.Json never contains a raw newline, so one data line always suffices.
        var frame = Encoding.UTF8.GetBytes($"event: {eventName}\ndata: {json}\n\n");
        await body.WriteAsync(frame, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
