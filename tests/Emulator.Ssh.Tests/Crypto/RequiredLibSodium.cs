using Emulator.Ssh.Crypto;

namespace Emulator.Ssh.Tests.Crypto;

/// <summary>The libsodium binding the tests compare against BouncyCastle; its absence is a failure, not a skip.</summary>
internal static class RequiredLibSodium
{
    public static LibSodium Instance => LibSodium.Instance ?? throw new InvalidOperationException(
        "libsodium did not load: the libsodium package ships it for every runtime .NET runs on");
}
