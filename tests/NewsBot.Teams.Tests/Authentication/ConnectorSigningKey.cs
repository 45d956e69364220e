using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace NewsBot.Teams.Tests.Authentication;

/// <summary>An RSA key pair standing in for one of the Bot Connector's signing keys, with the channels it endorses.</summary>
internal sealed class ConnectorSigningKey(string kid, params string[]? endorsements)
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string Kid { get; } = kid;

    /// <summary>The private key, to sign tokens with.</summary>
    public SecurityKey SecurityKey => new RsaSecurityKey(_rsa) { KeyId = Kid };

    /// <summary>The public key as the connector's JWKS lists it; no endorsements member when there are none.</summary>
    public Dictionary<string, object> ToJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null) jwk["endorsements"] = endorsements;
        return jwk;
    }
}
