using System.Net;

namespace NewsBot.Qdrant.Http;

/// <summary>
/// Qdrant answered a request with an error. <see cref="Message"/> carries Qdrant's own explanation
/// (<c>status.error</c>) and what NewsBot was doing; <see cref="StatusCode"/> the HTTP status.
/// </summary>
public class QdrantException(string message, HttpStatusCode? statusCode = null, string? qdrantError = null, Exception? inner = null)
    : InvalidOperationException(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
    /// <summary>Qdrant's <c>status.error</c>, as it said it.</summary>
    public string? QdrantError { get; } = qdrantError;
}

/// <summary>Qdrant could not be reached (connection refused, reset or timed out), even after the retries.</summary>
public sealed class QdrantUnavailableException(string message, Exception? inner = null) : QdrantException(message, null, null, inner);
