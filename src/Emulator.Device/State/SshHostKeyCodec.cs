using Emulator.Ssh;

namespace Emulator.Device.State;

/// <summary>Host keys of the SSH library: generated (optionally from a seed) and read from OpenSSH/PEM files.</summary>
public sealed class SshHostKeyCodec : IHostKeyCodec
{
    public static SshHostKeyCodec Instance { get; } = new();

    public SshHostKey Generate(string keyType, int bits, ReadOnlySpan<byte> seed) =>
        SshHostKey.Generate(keyType, bits, seed.IsEmpty ? null : seed.ToArray());

    public SshHostKey Import(string text) => SshHostKey.Import(text);
}
