using BenchmarkDotNet.Attributes;
using Emulator.Ssh;

namespace Emulator.Benchmarks;

/// <summary>The host-key signature every key exchange makes, per host-key algorithm.</summary>
[MemoryDiagnoser]
public class HostKeySignBenchmarks
{
    private readonly byte[] _exchangeHash = new byte[32];
    private SshHostKey _key = null!;

    [Params("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-256")]
    public string Algorithm { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        new Random(1).NextBytes(_exchangeHash);
        _key = SshHostKey.Generate(Algorithm.StartsWith("rsa", StringComparison.Ordinal) ? "ssh-rsa" : Algorithm, seed: [1, 2, 3]);
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public byte[] Sign() => _key.Sign(Algorithm, _exchangeHash);
}
