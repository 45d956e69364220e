using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace NewsBot.Discord.Interactions;

/// <summary>
/// Discord signs every request to an interactions endpoint: <c>X-Signature-Ed25519</c> is the Ed25519 signature,
/// by the application's public key, of <c>X-Signature-Timestamp</c> followed by the raw body. Discord sends bad
/// signatures on purpose and removes endpoints that accept them.
/// </summary>
public sealed class InteractionSignature
{
    private readonly byte[] _publicKey;

    /// <param name="publicKeyHex">The application's public key, 64 hex characters.</param>
    public InteractionSignature(string publicKeyHex)
    {
        _publicKey = Convert.FromHexString(publicKeyHex);
        if (_publicKey.Length != Ed25519.PublicKeySize) throw new ArgumentException("An Ed25519 public key is 32 bytes (64 hex characters).", nameof(publicKeyHex));
    }

    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp) || signatureHex.Length != Ed25519.SignatureSize * 2) return false;
        byte[] signature;
        try { signature = Convert.FromHexString(signatureHex); }
        catch (FormatException) { return false; }
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message.AsSpan(written));
        return Ed25519.Verify(signature, 0, _publicKey, 0, message, 0, message.Length);
    }
}
