using System.Text;
using NewsBot.Discord.Interactions;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace NewsBot.Discord.Tests.Interactions;

/// <summary>Ed25519 as Discord signs interactions: signature over timestamp + body, with RFC 8032's own test vectors.</summary>
public sealed class InteractionSignatureTests
{
    // RFC 8032, section 7.1, TEST 2: a one-byte message 0x72 ("r").
    private const string Rfc8032PublicKey = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    private const string Rfc8032Signature = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    [Fact]
    public void The_RFC_8032_vector_verifies_as_timestamp_plus_body()
    {
        var signature = new InteractionSignature(Rfc8032PublicKey);
        Assert.True(signature.IsValid(Rfc8032Signature, "r", []));
        Assert.False(signature.IsValid(Rfc8032Signature, "", "r"u8)); // the same bytes, but a request without a timestamp is refused
    }

    [Fact]
    public void Changing_any_part_fails()
    {
        var signature = new InteractionSignature(Rfc8032PublicKey);
        Assert.False(signature.IsValid(Rfc8032Signature, "s", []));                          // another timestamp
        Assert.False(signature.IsValid(Rfc8032Signature, "r", "x"u8));                       // another body
        Assert.False(signature.IsValid("00" + Rfc8032Signature[2..], "r", []));              // a flipped signature byte
        Assert.False(new InteractionSignature("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").IsValid(Rfc8032Signature, "r", [])); // RFC TEST 1's key
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not hex at all")]
    [InlineData("abcd")]
    public void Missing_or_malformed_signatures_fail(string? signatureHex) =>
        Assert.False(new InteractionSignature(Rfc8032PublicKey).IsValid(signatureHex, "1700000000", """{"type":1}"""u8));

    [Fact]
    public void A_request_signed_by_the_application_key_verifies()
    {
        var (publicKey, sign) = TestKeys.Create();
        var body = """{"type":1,"id":"1","application_id":"2","token":"t"}"""u8.ToArray();
        Assert.True(new InteractionSignature(publicKey).IsValid(sign("1732280000", body), "1732280000", body));
    }
}

/// <summary>An Ed25519 key pair standing in for an application's, to sign requests as Discord does.</summary>
public static class TestKeys
{
    public static (string PublicKeyHex, Func<string, byte[], string> Sign) Create()
    {
        var secret = new byte[Ed25519.SecretKeySize];
        System.Security.Cryptography.RandomNumberGenerator.Fill(secret);
        var publicKey = new byte[Ed25519.PublicKeySize];
        Ed25519.GeneratePublicKey(secret, 0, publicKey, 0);
        return (Convert.ToHexStringLower(publicKey), (timestamp, body) =>
        {
            var message = Encoding.UTF8.GetBytes(timestamp).Concat(body).ToArray();
            var signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(secret, 0, message, 0, message.Length, signature, 0);
            return Convert.ToHexStringLower(signature);
        });
    }
}
