using Emulator.Device.State;
using Emulator.Ssh;

namespace Emulator.Device.Tests;

/// <summary>The real key codec, counting how many keys it had to generate.</summary>
internal sealed class CountingKeyCodec : IHostKeyCodec
{
    private int _generated;

    public int Generated => Volatile.Read(ref _generated);

    public SshHostKey Generate(string keyType, int bits, ReadOnlySpan<byte> seed)
    {
        Interlocked.Increment(ref _generated);
        return SshHostKeyCodec.Instance.Generate(keyType, bits, seed);
    }

    public SshHostKey Import(string text) => SshHostKeyCodec.Instance.Import(text);
}
