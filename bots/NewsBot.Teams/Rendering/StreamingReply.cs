using System.Net;
using NewsBot.Teams.Connector;
using NewsBot.Teams.Protocol;

namespace NewsBot.Teams.Rendering;

/// <summary>
/// One streamed answer in a Teams personal chat, as Teams' streaming protocol has it: informative updates (what the
/// bot is doing), then the text so far as <c>typing</c> activities, then the final <c>message</c>, all carrying a
/// <c>streaminfo</c> entity with the stream id the first update was given and a rising sequence number. Updates go
/// out no faster than <paramref name="interval"/>, and text arriving meanwhile is sent together. Teams ends a stream
/// after two minutes; past <see cref="MaxDuration"/> the text is kept for the final message. If Teams refuses the
/// stream (the reader pressed Stop, or it expired), nothing more is streamed: the answer goes out as a plain reply
/// unless the reader stopped it.
/// </summary>
public sealed class StreamingReply(ConnectorClient connector, Activity inbound, TimeSpan interval, TimeProvider time)
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(110);
    /// <summary>Teams refuses informative updates longer than 1,000 characters.</summary>
    public const int MaxInformativeLength = 1000;

    private readonly long _started = time.GetTimestamp();
    private string? _streamId;
    private int _sequence;
    private long? _lastSent;
    private string _text = "";
    private string _sentText = "";
    private bool _broken;
    private bool _stoppedByReader;
    private bool _withdrawn;

    public string? StreamId => _streamId;

    /// <summary>Shows what the bot is doing, before any text has been streamed.</summary>
    public async Task InformAsync(string status, CancellationToken cancellationToken)
    {
        if (_broken || _sentText.Length > 0 || Expired()) return;
        await SendUpdateAsync(new Activity { Type = ActivityTypes.Typing, Text = status.Length > MaxInformativeLength ? status[..MaxInformativeLength] : status },
            "informative", cancellationToken);
    }

    /// <summary>Adds text; sends the text so far when the interval since the last update has passed.</summary>
    public async Task AppendAsync(string delta, CancellationToken cancellationToken)
    {
        _text += delta;
        if (_broken || _withdrawn || Expired() || _text == _sentText || !IntervalPassed()) return;
        await SendUpdateAsync(new Activity { Type = ActivityTypes.Typing, Text = _text }, "streaming", cancellationToken);
        if (!_broken) _sentText = _text;
    }

    /// <summary>
    /// The text streamed so far is withdrawn (a generated answer replaced by the quoted one). Teams shows streamed text
    /// until the final message replaces it, so no more updates go out; the final message carries the answer.
    /// </summary>
    public void Withdraw() => _withdrawn = true;

    /// <summary>
    /// Ends the stream with <paramref name="final"/> (the whole answer) and returns the id of the message Teams shows,
    /// or null when the reader stopped the stream.
    /// </summary>
    public async Task<string?> FinishAsync(Activity final, CancellationToken cancellationToken)
    {
        if (_stoppedByReader) return null;
        if (_streamId is null || _broken) return await connector.ReplyAsync(inbound, final, cancellationToken);
        await WaitForIntervalAsync(cancellationToken);
        final.Id = _streamId;
        final.Entities = [EntityJson.ToJson(new StreamInfoEntity { StreamId = _streamId, StreamType = "final" }), .. final.Entities ?? []];
        final.ChannelData ??= [];
        final.ChannelData["streamId"] = _streamId;
        final.ChannelData["streamType"] = "final";
        try
        {
            return await connector.ReplyAsync(inbound, final, cancellationToken) ?? _streamId;
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest && !StoppedByReader(e))
        {
            // The stream is gone (expired, say): the answer still reaches the reader, as a message of its own.
            final.Id = null;
            final.Entities = final.Entities.Where(x => (string?)x["type"] != "streaminfo").ToList();
            final.ChannelData.Remove("streamId");
            final.ChannelData.Remove("streamType");
            return await connector.ReplyAsync(inbound, final, cancellationToken);
        }
        catch (ConnectorException e) when (StoppedByReader(e))
        {
            return null;
        }
    }

    private async Task SendUpdateAsync(Activity update, string streamType, CancellationToken cancellationToken)
    {
        await WaitForIntervalAsync(cancellationToken);
        _sequence++;
        update.Id = _streamId;
        update.Entities = [EntityJson.ToJson(new StreamInfoEntity { StreamId = _streamId, StreamType = streamType, StreamSequence = _sequence })];
        try
        {
            var id = await connector.ReplyAsync(inbound, update, cancellationToken);
            _streamId ??= id;
            if (_streamId is null) _broken = true; // a connector that gives no id cannot be streamed to
        }
        catch (ConnectorException e) when (e.Status is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest)
        {
            _broken = true;
            _stoppedByReader = StoppedByReader(e);
        }
        finally
        {
            _lastSent = time.GetTimestamp();
        }
    }

    private bool IntervalPassed() => _lastSent is not { } last || time.GetElapsedTime(last) >= interval;

    private async Task WaitForIntervalAsync(CancellationToken cancellationToken)
    {
        if (_lastSent is { } last && time.GetElapsedTime(last) is var elapsed && elapsed < interval)
            await Task.Delay(interval - elapsed, time, cancellationToken);
    }

    private bool Expired() => time.GetElapsedTime(_started) >= MaxDuration;

    /// <summary>Teams answers 403 ContentStreamNotAllowed "…cancelled by user" once the reader presses Stop.</summary>
    private static bool StoppedByReader(ConnectorException e) =>
        e.Status == HttpStatusCode.Forbidden && e.Message.Contains("cancel", StringComparison.OrdinalIgnoreCase);
}
