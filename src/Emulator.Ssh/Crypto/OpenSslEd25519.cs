using System.Runtime.InteropServices;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// Ed25519 signatures (RFC 8032) through OpenSSL 3's EVP interface (EVP_PKEY_new_raw_private_key, EVP_DigestSignInit
/// with no digest, EVP_DigestSign: the OpenSSL 3.0 manual pages of those names and EVP_SIGNATURE-ED25519). A host key
/// signs once per handshake; OpenSSL's signer is faster than BouncyCastle's managed one, and both give the same bytes
/// (RFC 8032 signatures are deterministic), which the self-test checks before the binding is used.
/// </summary>
internal sealed unsafe class OpenSslEd25519
{
    public const int SignatureSize = 64;

    // NID_ED25519 in OpenSSL's obj_mac.h; stable across 1.1.1 and 3.x.
    private const int NidEd25519 = 1087;

    private readonly delegate* unmanaged<int, nint, byte*, nuint, nint> _newRawPrivateKey;
    private readonly delegate* unmanaged<nint, void> _keyFree;
    private readonly delegate* unmanaged<nint> _digestContextNew;
    private readonly delegate* unmanaged<nint, void> _digestContextFree;
    private readonly delegate* unmanaged<nint, nint, nint, nint, nint, int> _digestSignInit;
    private readonly delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int> _digestSign;
    private readonly delegate* unmanaged<void> _clearError;

    private OpenSslEd25519(nint library)
    {
        _newRawPrivateKey = (delegate* unmanaged<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(library, "EVP_PKEY_new_raw_private_key");
        _keyFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_PKEY_free");
        _digestContextNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "EVP_MD_CTX_new");
        _digestContextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_MD_CTX_free");
        _digestSignInit = (delegate* unmanaged<nint, nint, nint, nint, nint, int>)NativeLibrary.GetExport(library, "EVP_DigestSignInit");
        _digestSign = (delegate* unmanaged<nint, byte*, nuint*, byte*, nuint, int>)NativeLibrary.GetExport(library, "EVP_DigestSign");
        _clearError = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ERR_clear_error");
    }

    /// <summary>The process-wide binding, or null when libcrypto 3 cannot be loaded or signs differently from BouncyCastle.</summary>
    public static OpenSslEd25519? Instance { get; } = LibCrypto.Bind(static library => new OpenSslEd25519(library)) is { } binding && binding.SelfTest() ? binding : null;

    /// <summary>An OpenSSL key for <paramref name="seed"/> (the 32-byte private key), or null when OpenSSL refuses it.</summary>
    public PrivateKey? CreateKey(ReadOnlySpan<byte> seed)
    {
        fixed (byte* seedPtr = seed)
        {
            var key = _newRawPrivateKey(NidEd25519, 0, seedPtr, (nuint)seed.Length);
            if (key == 0)
            {
                _clearError();
                return null;
            }

            return new PrivateKey(this, key);
        }
    }

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/> (64 bytes); false when OpenSSL fails.</summary>
    public bool TrySign(PrivateKey key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var added = false;
        var context = _digestContextNew();
        try
        {
            key.DangerousAddRef(ref added);
            fixed (byte* dataPtr = data)
            fixed (byte* signaturePtr = signature)
            {
                nuint length = (nuint)signature.Length;
                if (context != 0 && _digestSignInit(context, 0, 0, 0, key.DangerousGetHandle()) == 1 &&
                    _digestSign(context, signaturePtr, &length, dataPtr, (nuint)data.Length) == 1 && length == SignatureSize)
                {
                    return true;
                }

                _clearError();
                return false;
            }
        }
        finally
        {
            if (context != 0)
            {
                _digestContextFree(context);
            }

            if (added)
            {
                key.DangerousRelease();
            }
        }
    }

    /// <summary>The signature of a fixed message under a fixed key must be BouncyCastle's, byte for byte.</summary>
    private bool SelfTest()
    {
        ReadOnlySpan<byte> seed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        ReadOnlySpan<byte> message = "self-test of the libcrypto Ed25519 signer"u8;
        using var key = CreateKey(seed);
        Span<byte> ours = stackalloc byte[SignatureSize];
        if (key is null || !TrySign(key, message, ours))
        {
            return false;
        }

        var expected = new byte[SignatureSize];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(seed.ToArray(), 0, message.ToArray(), 0, message.Length, expected, 0);
        return ours.SequenceEqual(expected);
    }

    /// <summary>An OpenSSL EVP_PKEY, freed when the last user releases it (a host key may be disposed while signing).</summary>
    internal sealed class PrivateKey : SafeHandle
    {
        private readonly OpenSslEd25519 _binding;

        public PrivateKey(OpenSslEd25519 binding, nint key) : base(0, ownsHandle: true)
        {
            _binding = binding;
            SetHandle(key);
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            _binding._keyFree(handle);
            return true;
        }
    }
}
