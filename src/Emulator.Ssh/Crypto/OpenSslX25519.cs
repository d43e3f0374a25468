using System.Runtime.InteropServices;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// X25519 through OpenSSL 3's EVP_PKEY interface (EVP_PKEY_new_raw_private_key, EVP_PKEY_derive: see the OpenSSL 3.0
/// manual pages of those names) in the <see cref="LibCrypto"/> .NET already loads; null <see cref="Instance"/> where
/// libcrypto.so.3 is not found.
/// </summary>
internal sealed unsafe class OpenSslX25519
{
    // NID_X25519 in OpenSSL's obj_mac.h; stable across 1.1 and 3.x.
    private const int NidX25519 = 1034;

    private readonly delegate* unmanaged<int, nint, byte*, nuint, nint> _newRawPrivateKey;
    private readonly delegate* unmanaged<int, nint, byte*, nuint, nint> _newRawPublicKey;
    private readonly delegate* unmanaged<nint, byte*, nuint*, int> _getRawPublicKey;
    private readonly delegate* unmanaged<nint, nint, nint> _contextNew;
    private readonly delegate* unmanaged<nint, int> _deriveInit;
    private readonly delegate* unmanaged<nint, nint, int> _deriveSetPeer;
    private readonly delegate* unmanaged<nint, byte*, nuint*, int> _derive;
    private readonly delegate* unmanaged<nint, void> _contextFree;
    private readonly delegate* unmanaged<nint, void> _keyFree;
    private readonly delegate* unmanaged<void> _clearError;

    private OpenSslX25519(nint library)
    {
        _newRawPrivateKey = (delegate* unmanaged<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(library, "EVP_PKEY_new_raw_private_key");
        _newRawPublicKey = (delegate* unmanaged<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(library, "EVP_PKEY_new_raw_public_key");
        _getRawPublicKey = (delegate* unmanaged<nint, byte*, nuint*, int>)NativeLibrary.GetExport(library, "EVP_PKEY_get_raw_public_key");
        _contextNew = (delegate* unmanaged<nint, nint, nint>)NativeLibrary.GetExport(library, "EVP_PKEY_CTX_new");
        _deriveInit = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "EVP_PKEY_derive_init");
        _deriveSetPeer = (delegate* unmanaged<nint, nint, int>)NativeLibrary.GetExport(library, "EVP_PKEY_derive_set_peer");
        _derive = (delegate* unmanaged<nint, byte*, nuint*, int>)NativeLibrary.GetExport(library, "EVP_PKEY_derive");
        _contextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_PKEY_CTX_free");
        _keyFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_PKEY_free");
        _clearError = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ERR_clear_error");
    }

    /// <summary>The process-wide binding, or null when libcrypto 3 cannot be loaded or fails the self-test.</summary>
    public static OpenSslX25519? Instance { get; } = LibCrypto.Bind(static library => new OpenSslX25519(library)) is { } binding && binding.SelfTest() ? binding : null;

    /// <summary>RFC 7748 section 6.1's Alice/Bob vector: a library that loads but computes anything else is not used.</summary>
    private bool SelfTest()
    {
        ReadOnlySpan<byte> alicePrivate = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        ReadOnlySpan<byte> alicePublic = Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        ReadOnlySpan<byte> bobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        ReadOnlySpan<byte> shared = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        Span<byte> ourPublic = stackalloc byte[32];
        Span<byte> secret = stackalloc byte[32];
        return TryAgree(alicePrivate, bobPublic, ourPublic, secret) && ourPublic.SequenceEqual(alicePublic) && secret.SequenceEqual(shared);
    }

    /// <summary>
    /// Computes our public value and the shared secret. False when OpenSSL refuses, which for a valid 32-byte input
    /// means an all-zero secret; OpenSSL's error queue is then cleared so .NET's own OpenSSL calls do not see it.
    /// </summary>
    public bool TryAgree(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> peerPublic, Span<byte> ourPublic, Span<byte> secret)
    {
        nint ours = 0, peer = 0, context = 0;
        try
        {
            fixed (byte* privatePtr = privateKey)
            fixed (byte* peerPtr = peerPublic)
            fixed (byte* ourPublicPtr = ourPublic)
            fixed (byte* secretPtr = secret)
            {
                ours = _newRawPrivateKey(NidX25519, 0, privatePtr, (nuint)privateKey.Length);
                peer = _newRawPublicKey(NidX25519, 0, peerPtr, (nuint)peerPublic.Length);
                if (ours == 0 || peer == 0)
                {
                    return Fail();
                }

                nuint publicLength = (nuint)ourPublic.Length;
                if (_getRawPublicKey(ours, ourPublicPtr, &publicLength) != 1 || publicLength != 32)
                {
                    return Fail();
                }

                context = _contextNew(ours, 0);
                nuint secretLength = (nuint)secret.Length;
                return context != 0 && _deriveInit(context) == 1 && _deriveSetPeer(context, peer) == 1 &&
                    _derive(context, secretPtr, &secretLength) == 1 && secretLength == 32 || Fail();
            }
        }
        finally
        {
            if (context != 0)
            {
                _contextFree(context);
            }

            if (peer != 0)
            {
                _keyFree(peer);
            }

            if (ours != 0)
            {
                _keyFree(ours);
            }
        }
    }

    private bool Fail()
    {
        _clearError();
        return false;
    }
}
