using System.Runtime.InteropServices;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// AES-GCM through OpenSSL 3's EVP_CIPHER interface (EVP_CIPHER_fetch, EVP_CipherInit_ex, EVP_CipherUpdate,
/// EVP_CipherFinal_ex, EVP_CIPHER_CTX_ctrl with EVP_CTRL_GCM_GET_TAG / SET_TAG: see the OpenSSL 3.0 manual pages of
/// those names and its "AEAD Interface" section) in the <see cref="LibCrypto"/> .NET already loads. One context per
/// direction keeps its key; each packet only sets the nonce, as OpenSSH's cipher-aesgcm does. .NET's AesGcm makes six
/// interop calls per packet, each clearing OpenSSL's error queue and taking a handle reference: about 5% of a short
/// connection's CPU. Null <see cref="Instance"/> where libcrypto.so.3 is not found.
/// </summary>
internal sealed unsafe class OpenSslAesGcm
{
    private const int CtrlGcmGetTag = 0x10; // EVP_CTRL_AEAD_GET_TAG in evp.h
    private const int CtrlGcmSetTag = 0x11; // EVP_CTRL_AEAD_SET_TAG

    private readonly delegate* unmanaged<nint, byte*, byte*, nint> _cipherFetch;
    private readonly delegate* unmanaged<nint> _contextNew;
    private readonly delegate* unmanaged<nint, void> _contextFree;
    private readonly delegate* unmanaged<nint, nint, nint, byte*, byte*, int, int> _init;
    private readonly delegate* unmanaged<nint, byte*, int*, byte*, int, int> _update;
    private readonly delegate* unmanaged<nint, byte*, int*, int> _final;
    private readonly delegate* unmanaged<nint, int, int, void*, int> _control;
    private readonly delegate* unmanaged<void> _clearError;
    private readonly nint _aes128;
    private readonly nint _aes256;

    private OpenSslAesGcm(nint library)
    {
        _cipherFetch = (delegate* unmanaged<nint, byte*, byte*, nint>)NativeLibrary.GetExport(library, "EVP_CIPHER_fetch");
        _contextNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "EVP_CIPHER_CTX_new");
        _contextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_CIPHER_CTX_free");
        _init = (delegate* unmanaged<nint, nint, nint, byte*, byte*, int, int>)NativeLibrary.GetExport(library, "EVP_CipherInit_ex");
        _update = (delegate* unmanaged<nint, byte*, int*, byte*, int, int>)NativeLibrary.GetExport(library, "EVP_CipherUpdate");
        _final = (delegate* unmanaged<nint, byte*, int*, int>)NativeLibrary.GetExport(library, "EVP_CipherFinal_ex");
        _control = (delegate* unmanaged<nint, int, int, void*, int>)NativeLibrary.GetExport(library, "EVP_CIPHER_CTX_ctrl");
        _clearError = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ERR_clear_error");
        // Fetched once and kept for the process (an implicit fetch per context costs a method-store lookup).
        _aes128 = Fetch("AES-128-GCM"u8);
        _aes256 = Fetch("AES-256-GCM"u8);
    }

    /// <summary>The process-wide binding, or null when libcrypto 3 cannot be loaded or fails the self-test.</summary>
    public static OpenSslAesGcm? Instance { get; } =
        LibCrypto.Bind(static library => new OpenSslAesGcm(library)) is { _aes128: not 0, _aes256: not 0 } binding && binding.SelfTest() ? binding : null;

    public const int TagSize = 16;
    public const int NonceSize = 12;

    private nint Fetch(ReadOnlySpan<byte> name)
    {
        Span<byte> terminated = stackalloc byte[name.Length + 1];
        name.CopyTo(terminated);
        fixed (byte* namePtr = terminated)
        {
            var cipher = _cipherFetch(0, namePtr, null);
            if (cipher == 0)
            {
                _clearError();
            }

            return cipher;
        }
    }

    /// <summary>NIST's GCM test case 4 (128-bit key, 60-byte plaintext, 20-byte AAD): a library that computes anything else is not used.</summary>
    private bool SelfTest()
    {
        var key = Convert.FromHexString("feffe9928665731c6d6a8f9467308308");
        var nonce = Convert.FromHexString("cafebabefacedbaddecaf888");
        var aad = Convert.FromHexString("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        var plain = Convert.FromHexString("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        var cipher = Convert.FromHexString("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091");
        var tag = Convert.FromHexString("5bc94fbc3221a5db94fae95ae7121a47");
        using var sealer = CreateContext(key);
        using var opener = CreateContext(key);
        var data = (byte[])plain.Clone();
        var computedTag = new byte[TagSize];
        if (sealer is null || opener is null || !TrySeal(sealer, nonce, aad, data, computedTag) || !data.AsSpan().SequenceEqual(cipher) || !computedTag.AsSpan().SequenceEqual(tag))
        {
            return false;
        }

        return TryOpen(opener, nonce, aad, data, tag) && data.AsSpan().SequenceEqual(plain);
    }

    /// <summary>
    /// A context holding <paramref name="key"/> (16 or 32 bytes); null when OpenSSL refuses. Each operation sets its
    /// direction with the nonce (GCM uses the same key schedule both ways).
    /// </summary>
    public ContextHandle? CreateContext(ReadOnlySpan<byte> key)
    {
        var cipher = key.Length switch
        {
            16 => _aes128,
            32 => _aes256,
            _ => throw new ArgumentException("an AES-GCM key is 16 or 32 bytes", nameof(key)),
        };
        var context = _contextNew();
        if (context == 0)
        {
            _clearError();
            return null;
        }

        var handle = new ContextHandle(context, this);
        fixed (byte* keyPtr = key)
        {
            if (_init(context, cipher, 0, keyPtr, null, 1) != 1)
            {
                _clearError();
                handle.Dispose();
                return null;
            }
        }

        return handle;
    }

    /// <summary>Encrypts <paramref name="data"/> in place and writes the tag; false when OpenSSL fails (never for valid input).</summary>
    public bool TrySeal(ContextHandle context, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, Span<byte> data, Span<byte> tag) =>
        Run(context, nonce, aad, data, tag, encrypt: true);

    /// <summary>Checks the tag and decrypts <paramref name="data"/> in place; false (and <paramref name="data"/> cleared) when the tag is wrong.</summary>
    public bool TryOpen(ContextHandle context, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, Span<byte> data, ReadOnlySpan<byte> tag) =>
        Run(context, nonce, aad, data, tag, encrypt: false);

    /// <summary>
    /// One packet in one direction: the nonce sets the direction, the AAD and data go through, and the tag is read
    /// after the final step when sealing (GET_TAG) or given before it when opening (SET_TAG, which the final step checks).
    /// <paramref name="tag"/> is written only when sealing, where the caller passes a writable span.
    /// </summary>
    private bool Run(ContextHandle context, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> aad, Span<byte> data, ReadOnlySpan<byte> tag, bool encrypt)
    {
        bool added = false;
        try
        {
            context.DangerousAddRef(ref added);
            var ctx = context.DangerousGetHandle();
            fixed (byte* noncePtr = nonce)
            fixed (byte* aadPtr = aad)
            fixed (byte* dataPtr = data)
            fixed (byte* tagPtr = tag)
            {
                int written;
                var ok = _init(ctx, 0, 0, null, noncePtr, encrypt ? 1 : 0) == 1
                    && _update(ctx, null, &written, aadPtr, aad.Length) == 1
                    && _update(ctx, dataPtr, &written, dataPtr, data.Length) == 1 && written == data.Length
                    && (encrypt || _control(ctx, CtrlGcmSetTag, TagSize, tagPtr) == 1)
                    && _final(ctx, dataPtr + written, &written) == 1
                    && (!encrypt || _control(ctx, CtrlGcmGetTag, TagSize, tagPtr) == 1);
                if (!ok)
                {
                    _clearError();
                    if (!encrypt)
                    {
                        data.Clear();
                    }
                }

                return ok;
            }
        }
        finally
        {
            if (added)
            {
                context.DangerousRelease();
            }
        }
    }

    /// <summary>An EVP_CIPHER_CTX, freed once no operation uses it any more.</summary>
    internal sealed class ContextHandle : SafeHandle
    {
        private readonly OpenSslAesGcm _binding;

        public ContextHandle(nint context, OpenSslAesGcm binding) : base(0, ownsHandle: true)
        {
            _binding = binding;
            SetHandle(context);
        }

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            // EVP_CIPHER_CTX_free also clears the key schedule.
            _binding._contextFree(handle);
            return true;
        }
    }
}
