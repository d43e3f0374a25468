using System.Buffers;
using System.Security.Cryptography;

namespace Emulator.Ssh.Kex;

/// <summary>RFC 4253 7.2: key material = HASH(K || H || letter || session_id), extended by HASH(K || H || K1 || ... ) as needed.</summary>
internal static class KeyDerivation
{
    public static byte[] Derive(HashAlgorithmName hash, byte[] sharedSecret, byte[] exchangeHash, char letter, ReadOnlySpan<byte> sessionId, int length)
    {
        // Each round hashes K || H and then either letter || session_id or all the key made so far: one buffer holds
        // the input and one-shot hashes need no hash object per key (six keys per key exchange).
        var hashSize = HashSize(hash);
        var rounds = (length + hashSize - 1) / hashSize;
        var prefix = sharedSecret.Length + exchangeHash.Length;
        var input = ArrayPool<byte>.Shared.Rent(prefix + Math.Max(1 + sessionId.Length, rounds * hashSize));
        var key = new byte[rounds * hashSize];
        try
        {
            sharedSecret.CopyTo(input, 0);
            exchangeHash.CopyTo(input, sharedSecret.Length);
            input[prefix] = (byte)letter;
            sessionId.CopyTo(input.AsSpan(prefix + 1));
            CryptographicOperations.HashData(hash, input.AsSpan(0, prefix + 1 + sessionId.Length), key);
            for (var made = hashSize; made < length; made += hashSize)
            {
                key.AsSpan(0, made).CopyTo(input.AsSpan(prefix));
                CryptographicOperations.HashData(hash, input.AsSpan(0, prefix + made), key.AsSpan(made));
            }

            return key.Length == length ? key : key[..length];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    private static int HashSize(HashAlgorithmName hash) =>
        hash == HashAlgorithmName.SHA1 ? 20 :
        hash == HashAlgorithmName.SHA256 ? 32 :
        hash == HashAlgorithmName.SHA384 ? 48 :
        hash == HashAlgorithmName.SHA512 ? 64 :
        throw new NotSupportedException($"key derivation with {hash.Name}");
}
