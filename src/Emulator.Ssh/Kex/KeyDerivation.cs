using System.Security.Cryptography;

namespace Emulator.Ssh.Kex;

/// <summary>RFC 4253 7.2: key material = HASH(K || H || letter || session_id), extended by HASH(K || H || K1 || ... ) as needed.</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(HashAlgorithmName hash, byte[] sharedSecret, byte[] exchangeHash, char letter, ReadOnlySpan<byte> sessionId, int length)
    {
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(sharedSecret);
        digest.AppendData(exchangeHash);
        digest.AppendData([(byte)letter]);
        digest.AppendData(sessionId);
        var key = new List<byte>(digest.GetHashAndReset());
        while (key.Count < length)
        {
            digest.AppendData(sharedSecret);
            digest.AppendData(exchangeHash);
            digest.AppendData(key.ToArray());
            key.AddRange(digest.GetHashAndReset());
        }

        return key.GetRange(0, length).ToArray();
    }
}
