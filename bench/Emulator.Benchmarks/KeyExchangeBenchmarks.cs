using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Emulator.Ssh;
using Emulator.Ssh.Kex;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;
using Org.BouncyCastle.Security;

namespace Emulator.Benchmarks;

/// <summary>
/// The server's whole key exchange per method, as one login pays it: read the client's init message, make the
/// ephemeral key, agree, hash, sign with an Ed25519 host key, build the reply. The client's message is prepared once.
/// </summary>
[MemoryDiagnoser]
public class KeyExchangeBenchmarks
{
    private static readonly byte[] s_kexInit = new byte[600];
    private IKeyExchange _kex = null!;
    private byte[] _clientInit = [];
    private SshHostKey _hostKey = null!;

    // Short labels keep BenchmarkDotNet's table readable (it truncates values over 20 characters).
    private static readonly Dictionary<string, string> s_methods = new()
    {
        ["curve25519-sha256"] = "curve25519-sha256",
        ["ecdh-nistp256"] = "ecdh-sha2-nistp256",
        ["mlkem768x25519"] = "mlkem768x25519-sha256",
        ["dh-group14-sha256"] = "diffie-hellman-group14-sha256",
        ["dh-group16-sha512"] = "diffie-hellman-group16-sha512",
    };

    [Params("curve25519-sha256", "ecdh-nistp256", "mlkem768x25519", "dh-group14-sha256", "dh-group16-sha512")]
    public string Kex { get; set; } = "";

    private string Method => s_methods[Kex];

    [GlobalSetup]
    public void Setup()
    {
        _kex = KexTable.ByName[Method];
        _hostKey = SshHostKey.Generate("ssh-ed25519", seed: [9]);
        byte[] value = Method switch
        {
            "curve25519-sha256" => X25519Public(),
            "ecdh-sha2-nistp256" => P256Public(),
            "mlkem768x25519-sha256" => [.. MlKemPublic(), .. X25519Public()],
            _ => [],
        };
        _clientInit = value.Length > 0 ? Message(w => w.String(value)) : Message(w => w.Mpint(DhPublic(Method)));
    }

    [GlobalCleanup]
    public void Cleanup() => _hostKey.Dispose();

    [Benchmark]
    public async Task<byte[]> ServerKeyExchange()
    {
        var context = new KexContext("SSH-2.0-OpenSSH_9.2", "SSH-2.0-Comware-7.1.064", s_kexInit, s_kexInit, _hostKey, "ssh-ed25519",
            _ => ValueTask.FromResult<ReadOnlyMemory<byte>>(_clientInit), (_, _, _) => ValueTask.CompletedTask);
        return (await _kex.RunServerAsync(context, CancellationToken.None)).ExchangeHash;
    }

    private static byte[] Message(Action<MessageBuilder> fields)
    {
        var builder = new MessageBuilder();
        builder.Byte(30);
        fields(builder);
        return builder.ToArray();
    }

    private static byte[] X25519Public()
    {
        var secret = new byte[32];
        RandomNumberGenerator.Fill(secret);
        var point = new byte[32];
        X25519.ScalarMultBase(secret, 0, point, 0);
        return point;
    }

    private static byte[] P256Public()
    {
        using var ecdh = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var q = ecdh.ExportParameters(false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    private static byte[] MlKemPublic()
    {
        var generator = new MLKemKeyPairGenerator();
        generator.Init(new MLKemKeyGenerationParameters(new SecureRandom(), MLKemParameters.ml_kem_768));
        return ((MLKemPublicKeyParameters)generator.GenerateKeyPair().Public).GetEncoded();
    }

    private static byte[] DhPublic(string method)
    {
        var group = method.Contains("group16", StringComparison.Ordinal) ? DhGroups.Modp4096 : DhGroups.Modp2048;
        var x = new Org.BouncyCastle.Math.BigInteger(256, new SecureRandom());
        return group.G.ModPow(x, group.P).ToByteArrayUnsigned();
    }

    /// <summary>Just enough SSH encoding to build the client's init message.</summary>
    private sealed class MessageBuilder
    {
        private readonly MemoryStream _buffer = new();

        public void Byte(byte value) => _buffer.WriteByte(value);

        public void String(ReadOnlySpan<byte> value)
        {
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
            _buffer.Write(length);
            _buffer.Write(value);
        }

        public void Mpint(byte[] unsignedBigEndian) =>
            String((unsignedBigEndian[0] & 0x80) != 0 ? [0, .. unsignedBigEndian] : unsignedBigEndian);

        public byte[] ToArray() => _buffer.ToArray();
    }
}
