using Microsoft.IdentityModel.Tokens;

namespace NewsBot.Teams.Authentication;

/// <summary>
/// The token-lifetime rule of IdentityModel (expiry required; not before and expiry each given
/// <see cref="TokenValidationParameters.ClockSkew"/>) read against an injected clock:
/// <c>TokenValidationParameters.TimeProvider</c> is internal in IdentityModel 8, so the built-in rule reads the system clock.
/// </summary>
internal sealed class TokenLifetime(TimeProvider time)
{
    public bool Validate(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        if (expires is not { } notAfter) throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore > notAfter)
            throw new SecurityTokenInvalidLifetimeException("The token's not-before is after its expiry.") { NotBefore = notBefore, Expires = notAfter };
        var now = time.GetUtcNow().UtcDateTime;
        if (notBefore > now + parameters.ClockSkew)
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = notBefore.Value };
        if (notAfter < now - parameters.ClockSkew)
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = notAfter };
        return true;
    }
}
