using System.Security.Cryptography;
using Emulator.Ssh.Kex;

namespace Emulator.Ssh.Tests.Kex;

/// <summary>RFC 4253 7.2 key derivation, checked against the RFC's definition written out with one hash object.</summary>
public sealed class KeyDerivationTests
{
    public static TheoryData<string, int> Cases => new()
    {
        { "SHA1", 16 }, { "SHA1", 20 }, { "SHA1", 32 }, { "SHA1", 64 },
        { "SHA256", 12 }, { "SHA256", 32 }, { "SHA256", 64 }, { "SHA256", 100 },
        { "SHA512", 32 }, { "SHA512", 64 }, { "SHA512", 160 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Derived_keys_follow_rfc_4253_including_the_extension_rounds(string hashName, int length)
    {
        var hash = new HashAlgorithmName(hashName);
        var secret = RandomNumberGenerator.GetBytes(37);
        var exchangeHash = RandomNumberGenerator.GetBytes(hashName == "SHA1" ? 20 : 32);
        var sessionId = RandomNumberGenerator.GetBytes(exchangeHash.Length);
        foreach (var letter in "ABCDEF")
        {
            Assert.Equal(Reference(hash, secret, exchangeHash, letter, sessionId, length), KeyDerivation.Derive(hash, secret, exchangeHash, letter, sessionId, length));
        }
    }

    /// <summary>K1 = HASH(K || H || X || session_id), Kn = HASH(K || H || K1 || ... || Kn-1), key = K1 || K2 || ...</summary>
    private static byte[] Reference(HashAlgorithmName hash, byte[] k, byte[] h, char letter, byte[] sessionId, int length)
    {
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(k);
        digest.AppendData(h);
        digest.AppendData([(byte)letter]);
        digest.AppendData(sessionId);
        var key = new List<byte>(digest.GetHashAndReset());
        while (key.Count < length)
        {
            digest.AppendData(k);
            digest.AppendData(h);
            digest.AppendData([.. key]);
            key.AddRange(digest.GetHashAndReset());
        }

        return [.. key.GetRange(0, length)];
    }
}
