using System.Runtime.InteropServices;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// The two curve operations every curve25519 + ssh-ed25519 login makes, in libsodium (the <c>libsodium</c> NuGet
/// package's native library, which the build copies beside the app for every runtime .NET runs on): X25519 key pairs
/// and agreements (<c>crypto_scalarmult_curve25519_base</c>, <c>crypto_scalarmult_curve25519</c>) and Ed25519
/// signatures (<c>crypto_sign_ed25519_detached</c>), all constant time; and the original 64-bit-nonce ChaCha20 with
/// Poly1305 (<c>crypto_stream_chacha20_xor_ic</c>, <c>crypto_onetimeauth_poly1305</c>) that
/// chacha20-poly1305@openssh.com, OpenSSH's first choice of cipher, is built from.
/// </summary>
/// <remarks>
/// Why not BouncyCastle or the libcrypto .NET loads (BenchmarkDotNet and a C loop, this 2-core VM): an X25519 key pair
/// plus agreement costs 149 us in BouncyCastle, 92 us in OpenSSL 3.0 (its fixed-base multiplication is portable C,
/// and every EVP_PKEY it builds walks its whole name map) and 65 us here (base 20 + ladder 45); an Ed25519
/// signature costs about 48 us in BouncyCastle and in OpenSSL, 22 us here. Together that is a tenth of a warm
/// login's server CPU. A 32 KiB chacha20-poly1305@openssh.com packet seals in 28 us here, 225 us in BouncyCastle.
/// Bound at run time with <see cref="NativeLibrary"/> (works under Native AOT, where the library sits beside the
/// executable); where it does not load or fails its self-test, <see cref="Instance"/> is null and BouncyCastle does
/// the work, with the same bytes.
/// </remarks>
internal sealed unsafe class LibSodium
{
    public const int X25519KeySize = 32;
    public const int Ed25519SignatureSize = 64;

    /// <summary>libsodium's Ed25519 secret key: the 32-byte seed followed by the 32-byte public key.</summary>
    public const int Ed25519SecretKeySize = 64;

    private readonly delegate* unmanaged<byte*, byte*, int> _scalarMultBase;
    private readonly delegate* unmanaged<byte*, byte*, byte*, int> _scalarMult;
    private readonly delegate* unmanaged<byte*, ulong*, byte*, ulong, byte*, int> _signDetached;
    private readonly delegate* unmanaged<byte*, byte*, ulong, byte*, int> _verifyDetached;
    private readonly delegate* unmanaged<byte*, byte*, ulong, byte*, ulong, byte*, int> _chaCha20XorIc;
    private readonly delegate* unmanaged<byte*, byte*, ulong, byte*, int> _poly1305;

    private LibSodium(nint library)
    {
        _scalarMultBase = (delegate* unmanaged<byte*, byte*, int>)NativeLibrary.GetExport(library, "crypto_scalarmult_curve25519_base");
        _scalarMult = (delegate* unmanaged<byte*, byte*, byte*, int>)NativeLibrary.GetExport(library, "crypto_scalarmult_curve25519");
        _signDetached = (delegate* unmanaged<byte*, ulong*, byte*, ulong, byte*, int>)NativeLibrary.GetExport(library, "crypto_sign_ed25519_detached");
        _verifyDetached = (delegate* unmanaged<byte*, byte*, ulong, byte*, int>)NativeLibrary.GetExport(library, "crypto_sign_ed25519_verify_detached");
        _chaCha20XorIc = (delegate* unmanaged<byte*, byte*, ulong, byte*, ulong, byte*, int>)NativeLibrary.GetExport(library, "crypto_stream_chacha20_xor_ic");
        _poly1305 = (delegate* unmanaged<byte*, byte*, ulong, byte*, int>)NativeLibrary.GetExport(library, "crypto_onetimeauth_poly1305");
    }

    /// <summary>The process-wide binding, or null when libsodium does not load, initialise or pass its self-test.</summary>
    public static LibSodium? Instance { get; } = Load();

    /// <summary>
    /// Computes our public value and the shared secret for <paramref name="privateKey"/> (clamped by libsodium as RFC
    /// 7748 says). False when the secret is all zero (a low-order peer point), which libsodium refuses.
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublic, Span<byte> ourPublic, Span<byte> secret)
    {
        CheckSize(privateKey.Length, X25519KeySize);
        CheckSize(peerPublic.Length, X25519KeySize);
        CheckSize(ourPublic.Length, X25519KeySize);
        CheckSize(secret.Length, X25519KeySize);
        fixed (byte* privatePtr = privateKey)
        fixed (byte* peerPtr = peerPublic)
        fixed (byte* ourPublicPtr = ourPublic)
        fixed (byte* secretPtr = secret)
        {
            return _scalarMultBase(ourPublicPtr, privatePtr) == 0 && _scalarMult(secretPtr, privatePtr, peerPtr) == 0;
        }
    }

    /// <summary>RFC 8032 Ed25519 signature of <paramref name="message"/> with a 64-byte seed-and-public-key secret key.</summary>
    public void SignEd25519(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        CheckSize(secretKey.Length, Ed25519SecretKeySize);
        CheckSize(signature.Length, Ed25519SignatureSize);
        fixed (byte* secretPtr = secretKey)
        fixed (byte* messagePtr = message)
        fixed (byte* signaturePtr = signature)
        {
            ulong length;
            if (_signDetached(signaturePtr, &length, messagePtr, (ulong)message.Length, secretPtr) != 0 || length != Ed25519SignatureSize)
            {
                throw new InvalidOperationException("libsodium refused to sign");
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid RFC 8032 signature of <paramref name="message"/> by
    /// <paramref name="publicKey"/>. libsodium also refuses non-canonical encodings and small-order keys and R values,
    /// which no honest signer produces.
    /// </summary>
    public bool VerifyEd25519(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        CheckSize(publicKey.Length, X25519KeySize);
        CheckSize(signature.Length, Ed25519SignatureSize);
        fixed (byte* publicPtr = publicKey)
        fixed (byte* messagePtr = message)
        fixed (byte* signaturePtr = signature)
        {
            return _verifyDetached(signaturePtr, messagePtr, (ulong)message.Length, publicPtr) == 0;
        }
    }

    /// <summary>
    /// XORs <paramref name="input"/> with the ChaCha20 keystream (DJB's original: 8-byte nonce, 64-bit block counter
    /// starting at <paramref name="block"/>) into <paramref name="output"/>, which may be the same memory.
    /// </summary>
    public void ChaCha20Xor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ulong block, ReadOnlySpan<byte> input, Span<byte> output)
    {
        CheckSize(key.Length, 32);
        CheckSize(nonce.Length, 8);
        CheckSize(output.Length, input.Length);
        fixed (byte* keyPtr = key)
        fixed (byte* noncePtr = nonce)
        fixed (byte* inputPtr = input)
        fixed (byte* outputPtr = output)
        {
            _ = _chaCha20XorIc(outputPtr, inputPtr, (ulong)input.Length, noncePtr, block, keyPtr);
        }
    }

    /// <summary>The Poly1305 tag of <paramref name="data"/> under a one-time 32-byte key.</summary>
    public void Poly1305(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        CheckSize(key.Length, 32);
        CheckSize(tag.Length, 16);
        fixed (byte* keyPtr = key)
        fixed (byte* dataPtr = data)
        fixed (byte* tagPtr = tag)
        {
            _ = _poly1305(tagPtr, dataPtr, (ulong)data.Length, keyPtr);
        }
    }

    private static void CheckSize(int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"expected {expected} bytes, got {actual}");
        }
    }

    private static LibSodium? Load()
    {
        // The search DllImport would make: the app's folder and, on the JIT host, the package's runtimes/<rid>/native.
        if (!NativeLibrary.TryLoad("libsodium", typeof(LibSodium).Assembly, null, out var library))
        {
            return null;
        }

        try
        {
            // 0 = initialised now, 1 = already; -1 = no usable random source (then nothing here may be used).
            var initialise = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "sodium_init");
            if (initialise() < 0)
            {
                return null;
            }

            var binding = new LibSodium(library);
            return binding.SelfTest() ? binding : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>RFC 7748 section 6.1's Alice/Bob vector and RFC 8032 section 7.1's first Ed25519 vector.</summary>
    private bool SelfTest()
    {
        Span<byte> ourPublic = stackalloc byte[X25519KeySize];
        Span<byte> secret = stackalloc byte[X25519KeySize];
        Span<byte> signature = stackalloc byte[Ed25519SignatureSize];
        if (!TryAgree(KnownAnswers.AlicePrivate, KnownAnswers.BobPublic, ourPublic, secret))
        {
            return false;
        }

        SignEd25519(KnownAnswers.Ed25519SecretKey, [], signature);
        return ourPublic.SequenceEqual(KnownAnswers.AlicePublic) && secret.SequenceEqual(KnownAnswers.Shared) &&
            signature.SequenceEqual(KnownAnswers.Ed25519EmptyMessageSignature);
    }

    /// <summary>Published test vectors, shared with the tests.</summary>
    internal static class KnownAnswers
    {
        public static ReadOnlySpan<byte> AlicePrivate => Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");

        public static ReadOnlySpan<byte> AlicePublic => Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

        public static ReadOnlySpan<byte> BobPublic => Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");

        public static ReadOnlySpan<byte> Shared => Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

        /// <summary>RFC 8032 TEST 1: seed 9d61b1..., public key d75a98....</summary>
        public static ReadOnlySpan<byte> Ed25519SecretKey => Convert.FromHexString(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60" + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        public static ReadOnlySpan<byte> Ed25519EmptyMessageSignature => Convert.FromHexString(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    }
}
