using System.Runtime.InteropServices;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// The libcrypto.so.3 that .NET itself loads on Linux, opened once for the EVP_CIPHER calls .NET wraps too
/// expensively per packet (<see cref="OpenSslAesGcm"/>). Bound at run time with <see cref="NativeLibrary"/>: no build-time link,
/// works under Native AOT, and simply absent (null) elsewhere, where .NET's own AesGcm does the work.
/// </summary>
internal static class LibCrypto
{
    /// <summary>The library handle, or null when it cannot be loaded (it is never unloaded).</summary>
    public static nint? Handle { get; } = TryLoad();

    /// <summary>Binds <paramref name="create"/> to the library; null without the library or one of its exports.</summary>
    public static T? Bind<T>(Func<nint, T> create)
        where T : class
    {
        if (Handle is not { } library)
        {
            return null;
        }

        try
        {
            return create(library);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static nint? TryLoad()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsFreeBSD())
        {
            return null;
        }

        // Only the 3.x soname: .NET 10 itself needs 3.x, and EVP_CIPHER_fetch is 3.0 API.
        return NativeLibrary.TryLoad("libcrypto.so.3", out var library) ? library : null;
    }
}
