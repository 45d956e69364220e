namespace NewsBot.Qdrant.Tests.Fakes;

/// <summary>The failures scripted with <see cref="FakeQdrant.FailNext"/> and <see cref="FakeQdrant.DropNext"/>; thread-safe.</summary>
internal sealed class FakeFaultScript
{
    private readonly object _sync = new();
    private int _drops;
    private int _failures;
    private FakeScriptedFailure? _failure;

    public void Drop(int count)
    {
        lock (_sync)
        {
            _drops = count;
        }
    }

    public void Fail(int count, FakeScriptedFailure failure)
    {
        lock (_sync)
        {
            _failures = count;
            _failure = failure;
        }
    }

    public bool TakeDrop()
    {
        lock (_sync)
        {
            if (_drops <= 0)
            {
                return false;
            }
            _drops--;
            return true;
        }
    }

    public FakeScriptedFailure? TakeFailure()
    {
        lock (_sync)
        {
            if (_failures <= 0)
            {
                return null;
            }
            _failures--;
            return _failure;
        }
    }
}

/// <summary>
/// A scripted error answer. Without a message of its own it uses the wording of the Qdrant error that answers with that
/// status (StorageError Display, src/actix/helpers.rs status mapping), marked as the fake's. A <c>Retry-After</c> is sent in
/// whole seconds rounded up, as Qdrant sends it with a 429.
/// </summary>
internal sealed record FakeScriptedFailure(int StatusCode, string? Error, TimeSpan? RetryAfter)
{
    public string Message => Error ?? StatusCode switch
    {
        429 => "Rate limiting exceeded: fake rate limit",
        503 => "Shard temporarily unavailable: fake unavailability",
        408 => "Timeout: fake timeout",
        500 => "Service internal error: fake failure",
        404 => "Not found: fake failure",
        409 => "Wrong input: fake conflict",
        _ => "Wrong input: fake failure",
    };
}
