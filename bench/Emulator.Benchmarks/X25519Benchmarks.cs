using BenchmarkDotNet.Attributes;
using Emulator.Ssh.Crypto;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Emulator.Benchmarks;

/// <summary>
/// One ephemeral X25519 agreement (key pair + shared secret), the largest crypto cost of a curve25519 login:
/// through libsodium (what the server uses where it loads) against BouncyCastle (the fallback).
/// </summary>
public class X25519Benchmarks
{
    private readonly byte[] _peerPublic = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        var peerPrivate = new byte[32];
        Random.Shared.NextBytes(peerPrivate);
        X25519.ScalarMultBase(peerPrivate, 0, _peerPublic, 0);
    }

    [Benchmark(Baseline = true)]
    public byte[]? BouncyCastle() => X25519Agreement.Agree(_peerPublic, null).Secret;

    [Benchmark]
    public byte[]? LibSodium() => X25519Agreement.Agree(_peerPublic, Ssh.Crypto.LibSodium.Instance).Secret;
}
