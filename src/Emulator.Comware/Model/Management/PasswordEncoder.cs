using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Comware.Model.Management;

/// <summary>
/// Turns clear-text passwords into the forms Comware stores and prints, and checks a typed password
/// against a stored form. V5 keeps passwords reversibly encrypted (<c>password cipher $c$3$…</c>);
/// V7 keeps a salted one-way hash (<c>password hash $h$6$…</c>). Clear text is never kept.
/// </summary>
/// <remarks>
/// The real devices use a vendor key and hash recipe that are not public. The shapes (prefixes, base64,
/// lengths) imitate what devices print; the contents are only meaningful to this emulator. Randomness
/// (IV, salt) comes from an injected source so golden transcripts can be deterministic.
/// </remarks>
public sealed class PasswordEncoder
{
    public const string CipherPrefix = "$c$3$";
    public const string HashPrefix = "$h$6$";

    private const int IvLength = 16;
    private const int SaltLength = 12;
    private const int HashLength = 64;

    // A fixed device-family key: V5 ciphertext saved on one device must load on another, as on real boxes.
    private static readonly byte[] s_cipherKey = SHA256.HashData("H3C Comware V5 local password cipher"u8);

    private readonly Action<Span<byte>> _fillRandom;

    /// <param name="fillRandom">Fills IVs and salts; defaults to the system CSPRNG.</param>
    public PasswordEncoder(Action<Span<byte>>? fillRandom = null) => _fillRandom = fillRandom ?? RandomNumberGenerator.Fill;

    /// <summary>A deterministic encoder for tests (a counter, not random).</summary>
    public static PasswordEncoder CreateDeterministic()
    {
        byte next = 0;
        return new PasswordEncoder(span =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = next++;
            }
        });
    }

    /// <summary>
    /// Salts and IVs drawn from HMAC-SHA256(seed, counter): each device (seeded by its identity) gets its own
    /// stream, and the same sequence of commands renders the same configuration text run after run, so saved
    /// files and golden transcripts are stable. Randomness here protects nothing real: the emulator's users are test fixtures.
    /// </summary>
    public static PasswordEncoder CreateSeeded(string seed)
    {
        var key = Encoding.UTF8.GetBytes(seed ?? "");
        long counter = 0;
        var gate = new Lock();
        return new PasswordEncoder(span =>
        {
            lock (gate)
            {
                var written = 0;
                Span<byte> block = stackalloc byte[32];
                Span<byte> index = stackalloc byte[8];
                while (written < span.Length)
                {
                    BinaryPrimitives.WriteInt64BigEndian(index, counter++);
                    HMACSHA256.HashData(key, index, block);
                    var take = Math.Min(block.Length, span.Length - written);
                    block[..take].CopyTo(span[written..]);
                    written += take;
                }
            }
        });
    }

    /// <summary>V5 <c>$c$3$</c> form of a clear-text password.</summary>
    public string Cipher(string plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        using var aes = Aes.Create();
        aes.Key = s_cipherKey;
        Span<byte> iv = stackalloc byte[IvLength];
        _fillRandom(iv);
        var encrypted = aes.EncryptCbc(Encoding.UTF8.GetBytes(plainText), iv, PaddingMode.PKCS7);
        var blob = new byte[IvLength + encrypted.Length];
        iv.CopyTo(blob);
        encrypted.CopyTo(blob.AsSpan(IvLength));
        return CipherPrefix + Convert.ToBase64String(blob);
    }

    /// <summary>Decrypts a V5 <c>$c$3$</c> text; false when it is not a valid ciphertext.</summary>
    public static bool TryDecipher(string cipherText, out string plainText)
    {
        plainText = "";
        if (cipherText is null || !cipherText.StartsWith(CipherPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = cipherText.AsSpan(CipherPrefix.Length);
        var buffer = new byte[body.Length];
        if (!Convert.TryFromBase64Chars(body, buffer, out var length) || length < IvLength + 16 || (length - IvLength) % 16 != 0)
        {
            return false;
        }

        try
        {
            using var aes = Aes.Create();
            aes.Key = s_cipherKey;
            var plain = aes.DecryptCbc(buffer.AsSpan(IvLength, length - IvLength), buffer.AsSpan(0, IvLength), PaddingMode.PKCS7);
            plainText = Encoding.UTF8.GetString(plain);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>V7 <c>$h$6$salt$hash</c> form of a clear-text password.</summary>
    public string Hash(string plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        Span<byte> salt = stackalloc byte[SaltLength];
        _fillRandom(salt);
        return HashPrefix + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(Digest(salt, plainText));
    }

    /// <summary>True when <paramref name="text"/> is a well-formed V7 hash (what <c>password hash</c> accepts).</summary>
    public static bool IsValidHash(string text) => TryParseHash(text, out _, out _);

    /// <summary>Checks a typed password against a stored cipher or hash text.</summary>
    public static bool Verify(string stored, string plainText)
    {
        if (stored is null || plainText is null)
        {
            return false;
        }

        if (TryDecipher(stored, out var deciphered))
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(deciphered), Encoding.UTF8.GetBytes(plainText));
        }

        if (TryParseHash(stored, out var salt, out var expected))
        {
            return CryptographicOperations.FixedTimeEquals(Digest(salt, plainText), expected);
        }

        return false;
    }

    private static byte[] Digest(ReadOnlySpan<byte> salt, string plainText)
    {
        var password = Encoding.UTF8.GetBytes(plainText);
        var input = new byte[salt.Length + password.Length];
        salt.CopyTo(input);
        password.CopyTo(input.AsSpan(salt.Length));
        return SHA512.HashData(input);
    }

    private static bool TryParseHash(string text, out byte[] salt, out byte[] hash)
    {
        salt = [];
        hash = [];
        if (text is null || !text.StartsWith(HashPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[HashPrefix.Length..].Split('$');
        if (parts.Length != 2)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[0]);
            hash = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length == SaltLength && hash.Length == HashLength;
    }
}
