using System.Buffers;
using System.Security.Cryptography;
using Emulator.Ssh.Kex;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>
/// Client side of every key-exchange method, written from the RFCs independently of the server code
/// (only the group primes are shared). Verifies the server's host-key signature over H.
/// </summary>
internal static class ClientKex
{
    internal sealed record Result(byte[] SharedSecret, byte[] ExchangeHash, HashAlgorithmName Hash, byte[] HostKeyBlob)
    {
        /// <summary>Size of the group the server chose in a group exchange, else 0.</summary>
        public int GroupBits { get; init; }
    }

    internal sealed record Io(Func<ReadOnlyMemory<byte>, Task> Write, Func<Task<byte[]>> Read);

    /// <summary>For group exchange: the request the client sends (null n = GEX_REQUEST_OLD).</summary>
    internal sealed record GexRequest(uint Min, uint Preferred, uint Max, bool Old = false);

#pragma warning disable CA5350
    public static async Task<Result> RunAsync(string kex, string hostKeyAlgorithm, byte[] prefix, Io io, GexRequest? gex)
    {
        switch (kex)
        {
            case "curve25519-sha256" or "curve25519-sha256@libssh.org":
                {
                    var priv = RandomNumberGenerator.GetBytes(32);
                    var pub = new byte[32];
                    X25519.ScalarMultBase(priv, 0, pub, 0);
                    var reply = await SendAndReceive(io, 30, w => w.WriteString(pub), 31);
                    var (ks, serverPub, sig) = ReadReply(reply, string_: true);
                    var secret = new byte[32];
                    Assert.True(X25519.CalculateAgreement(priv, 0, serverPub, 0, secret, 0));
                    return Finish(prefix, ks, w => { w.WriteString(pub); w.WriteString(serverPub); }, Mpint(secret), HashAlgorithmName.SHA256, hostKeyAlgorithm, sig);
                }

            case "ecdh-sha2-nistp256" or "ecdh-sha2-nistp384" or "ecdh-sha2-nistp521":
                {
                    var (curve, size, hash) = kex switch
                    {
                        "ecdh-sha2-nistp256" => (ECCurve.NamedCurves.nistP256, 32, HashAlgorithmName.SHA256),
                        "ecdh-sha2-nistp384" => (ECCurve.NamedCurves.nistP384, 48, HashAlgorithmName.SHA384),
                        _ => (ECCurve.NamedCurves.nistP521, 66, HashAlgorithmName.SHA512),
                    };
                    using var ecdh = ECDiffieHellman.Create(curve);
                    var q = ecdh.ExportParameters(false).Q;
                    var pub = new byte[] { 4 }.Concat(q.X!).Concat(q.Y!).ToArray();
                    var reply = await SendAndReceive(io, 30, w => w.WriteString(pub), 31);
                    var (ks, serverPub, sig) = ReadReply(reply, string_: true);
                    using var peer = ECDiffieHellman.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = serverPub[1..(1 + size)], Y = serverPub[(1 + size)..] } });
                    var secret = ecdh.DeriveRawSecretAgreement(peer.PublicKey);
                    return Finish(prefix, ks, w => { w.WriteString(pub); w.WriteString(serverPub); }, Mpint(secret), hash, hostKeyAlgorithm, sig);
                }

            case "mlkem768x25519-sha256":
                {
                    var generator = new Org.BouncyCastle.Crypto.Generators.MLKemKeyPairGenerator();
                    generator.Init(new MLKemKeyGenerationParameters(new Org.BouncyCastle.Security.SecureRandom(), MLKemParameters.ml_kem_768));
                    var pair = generator.GenerateKeyPair();
                    var kemPub = ((MLKemPublicKeyParameters)pair.Public).GetEncoded();
                    var priv = RandomNumberGenerator.GetBytes(32);
                    var xPub = new byte[32];
                    X25519.ScalarMultBase(priv, 0, xPub, 0);
                    var init = kemPub.Concat(xPub).ToArray();
                    var reply = await SendAndReceive(io, 30, w => w.WriteString(init), 31);
                    var (ks, serverReply, sig) = ReadReply(reply, string_: true);
                    var decapsulator = new MLKemDecapsulator(MLKemParameters.ml_kem_768);
                    decapsulator.Init(pair.Private);
                    var pq = new byte[32];
                    decapsulator.Decapsulate(serverReply, 0, 1088, pq, 0, 32);
                    var classic = new byte[32];
                    Assert.True(X25519.CalculateAgreement(priv, 0, serverReply, 1088, classic, 0));
                    var k = SHA256.HashData(pq.Concat(classic).ToArray());
                    return Finish(prefix, ks, w => { w.WriteString(init); w.WriteString(serverReply); }, StringOf(k), HashAlgorithmName.SHA256, hostKeyAlgorithm, sig);
                }

            case "diffie-hellman-group-exchange-sha1" or "diffie-hellman-group-exchange-sha256":
                {
                    gex ??= new GexRequest(2048, 3072, 8192);
                    var hash = kex.EndsWith("sha1", StringComparison.Ordinal) ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
                    var groupMessage = gex.Old
                        ? await SendAndReceive(io, 30, w => w.WriteUInt32(gex.Preferred), 31)
                        : await SendAndReceive(io, 34, w => { w.WriteUInt32(gex.Min); w.WriteUInt32(gex.Preferred); w.WriteUInt32(gex.Max); }, 31);
                    var reader = new SshReader(groupMessage.AsSpan(1));
                    var p = new BigInteger(1, reader.ReadMpint().ToArray());
                    var g = new BigInteger(1, reader.ReadMpint().ToArray());
                    var (e, x) = DhPublic(p, g);
                    var reply = await SendAndReceive(io, 32, w => w.WriteMpint(e.ToByteArrayUnsigned()), 33);
                    var (ks, fBytes, sig) = ReadReply(reply, string_: false);
                    var f = new BigInteger(1, fBytes);
                    var k = f.ModPow(x, p);
                    return Finish(prefix, ks, w =>
                    {
                        if (gex.Old)
                        {
                            w.WriteUInt32(gex.Preferred);
                        }
                        else
                        {
                            w.WriteUInt32(gex.Min);
                            w.WriteUInt32(gex.Preferred);
                            w.WriteUInt32(gex.Max);
                        }

                        w.WriteMpint(p.ToByteArrayUnsigned());
                        w.WriteMpint(g.ToByteArrayUnsigned());
                        w.WriteMpint(e.ToByteArrayUnsigned());
                        w.WriteMpint(f.ToByteArrayUnsigned());
                    }, Mpint(k.ToByteArrayUnsigned()), hash, hostKeyAlgorithm, sig) with
                    { GroupBits = p.BitLength };
                }

            default:
                {
                    var (group, hash) = kex switch
                    {
                        "diffie-hellman-group1-sha1" => (DhGroups.Modp1024, HashAlgorithmName.SHA1),
                        "diffie-hellman-group14-sha1" => (DhGroups.Modp2048, HashAlgorithmName.SHA1),
                        "diffie-hellman-group14-sha256" => (DhGroups.Modp2048, HashAlgorithmName.SHA256),
                        "diffie-hellman-group16-sha512" => (DhGroups.Modp4096, HashAlgorithmName.SHA512),
                        "diffie-hellman-group18-sha512" => (DhGroups.Modp8192, HashAlgorithmName.SHA512),
                        _ => throw new ArgumentException($"test client has no kex {kex}"),
                    };
                    var (e, x) = DhPublic(group.P, group.G);
                    var reply = await SendAndReceive(io, 30, w => w.WriteMpint(e.ToByteArrayUnsigned()), 31);
                    var (ks, fBytes, sig) = ReadReply(reply, string_: false);
                    var f = new BigInteger(1, fBytes);
                    var k = f.ModPow(x, group.P);
                    return Finish(prefix, ks, w => { w.WriteMpint(e.ToByteArrayUnsigned()); w.WriteMpint(f.ToByteArrayUnsigned()); },
                        Mpint(k.ToByteArrayUnsigned()), hash, hostKeyAlgorithm, sig);
                }
        }
    }
#pragma warning restore CA5350

    private static (BigInteger E, BigInteger X) DhPublic(BigInteger p, BigInteger g)
    {
        var x = new BigInteger(256, new Org.BouncyCastle.Security.SecureRandom()).Add(BigInteger.Two);
        return (g.ModPow(x, p), x);
    }

    private static async Task<byte[]> SendAndReceive(Io io, byte number, Action<SshWriterBox> fields, byte expected)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var box = new SshWriterBox(buffer);
        box.WriteByte(number);
        fields(box);
        await io.Write(buffer.WrittenMemory);
        var reply = await io.Read();
        if (reply[0] != expected)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, $"test client expected message {expected}, got {reply[0]}");
        }

        return reply;
    }

    private static (byte[] HostKey, byte[] Value, byte[] Signature) ReadReply(byte[] reply, bool string_)
    {
        var reader = new SshReader(reply.AsSpan(1));
        var ks = reader.ReadString().ToArray();
        var value = (string_ ? reader.ReadString() : reader.ReadMpint()).ToArray();
        var sig = reader.ReadString().ToArray();
        reader.EnsureAtEnd();
        return (ks, value.SkipWhile((b, i) => !string_ && b == 0 && i == 0).ToArray(), sig);
    }

    private static Result Finish(byte[] prefix, byte[] hostKey, Action<SshWriterBox> fields, byte[] k, HashAlgorithmName hash, string hostKeyAlgorithm, byte[] signature)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(prefix);
        var box = new SshWriterBox(buffer);
        box.WriteString(hostKey);
        fields(box);
        buffer.Write(k);
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(buffer.WrittenSpan);
        var h = digest.GetHashAndReset();
        var key = Emulator.Ssh.Keys.SshPublicKey.Parse(hostKey);
        if (!key.Verify(hostKeyAlgorithm, h, signature))
        {
            throw new SshDisconnectException(DisconnectReason.HostKeyNotVerifiable, "server signature over H does not verify");
        }

        return new Result(k, h, hash, hostKey);
    }

    private static byte[] Mpint(byte[] unsigned)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new SshWriter(buffer).WriteMpint(unsigned);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] StringOf(byte[] value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new SshWriter(buffer).WriteString(value);
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>A class wrapper over <see cref="SshWriter"/> so lambdas can write fields.</summary>
internal sealed class SshWriterBox(IBufferWriter<byte> output)
{
    public void WriteByte(byte value) => new SshWriter(output).WriteByte(value);

    public void WriteUInt32(uint value) => new SshWriter(output).WriteUInt32(value);

    public void WriteString(ReadOnlySpan<byte> value) => new SshWriter(output).WriteString(value);

    public void WriteString(string value) => new SshWriter(output).WriteString(value);

    public void WriteMpint(ReadOnlySpan<byte> value) => new SshWriter(output).WriteMpint(value);

    public void WriteBoolean(bool value) => new SshWriter(output).WriteBoolean(value);

    public void WriteNameList(IReadOnlyList<string> names) => new SshWriter(output).WriteNameList(names);
}
