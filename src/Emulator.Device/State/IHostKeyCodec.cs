using Emulator.Ssh;

namespace Emulator.Device.State;

/// <summary>Creates and reads host keys; implemented over the SSH library's key types.</summary>
public interface IHostKeyCodec
{
    /// <summary>A new key; with a non-empty <paramref name="seed"/> the same seed always gives the same key.</summary>
    SshHostKey Generate(string keyType, int bits, ReadOnlySpan<byte> seed);

    /// <summary>Parses an OpenSSH private key file. Throws <see cref="FormatException"/> when the text is not one.</summary>
    SshHostKey Import(string text);
}
