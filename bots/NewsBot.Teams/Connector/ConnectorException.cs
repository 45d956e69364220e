using System.Net;

namespace NewsBot.Teams.Connector;

/// <summary>The Bot Connector (or Entra ID) refused a request; <see cref="Code"/> is its error code when it gave one.</summary>
public sealed class ConnectorException(HttpStatusCode status, string? code, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
    public string? Code { get; } = code;
}
