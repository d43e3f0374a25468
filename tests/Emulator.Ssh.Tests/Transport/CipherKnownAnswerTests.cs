using System.Buffers.Binary;
using System.Security.Cryptography;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Tests.Crypto;
using Emulator.Ssh.Transport;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>Cipher modes and MACs against published vectors or an independent construction.</summary>
public class CipherKnownAnswerTests
{
    private static readonly byte[] s_nistKey = Convert.FromHexString("2b7e151628aed2a6abf7158809cf4f3c");
    private static readonly byte[] s_nistPlain = Convert.FromHexString("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");

    [Fact]
    public void Aes_ctr_matches_nist_sp800_38a_f5_1_across_calls()
    {
        using var mode = new CtrMode(Aes.Create(), s_nistKey, Convert.FromHexString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"));
        var data = (byte[])s_nistPlain.Clone();
        Span<byte> peek = stackalloc byte[16];
        mode.PeekDecrypt(Convert.FromHexString("874d6191b620e3261bef6864990db6ce"), peek);
        Assert.Equal(s_nistPlain[..16], peek.ToArray());
        mode.Transform(data.AsSpan(0, 16));
        mode.Transform(data.AsSpan(16, 16));
        Assert.Equal("874D6191B620E3261BEF6864990DB6CE9806F66B7970FDFF8617187BB9FFFDFF", Convert.ToHexString(data));
    }

    [Fact]
    public void Aes_cbc_matches_nist_sp800_38a_f2_1_and_decrypts_back()
    {
        var iv = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        using var encrypt = new CbcMode(Aes.Create(), s_nistKey, iv, encrypt: true);
        var data = (byte[])s_nistPlain.Clone();
        encrypt.Transform(data.AsSpan(0, 16));
        encrypt.Transform(data.AsSpan(16, 16));
        Assert.Equal("7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2", Convert.ToHexString(data));
        using var decrypt = new CbcMode(Aes.Create(), s_nistKey, iv, encrypt: false);
        decrypt.Transform(data);
        Assert.Equal(s_nistPlain, data);
    }

    [Theory]
    [InlineData("hmac-sha2-256")]
    [InlineData("hmac-sha2-512-etm@openssh.com")]
    [InlineData("hmac-sha1-96")]
    [InlineData("hmac-md5")]
    public void Hmac_covers_sequence_number_then_data(string name)
    {
        var info = MacTable.ByName[name];
        var key = Enumerable.Range(1, info.KeyLength).Select(i => (byte)i).ToArray();
        using var mac = info.Create(key);
        var data = "what do ya want for nothing?"u8.ToArray();
        var input = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(input, 0x01020304);
        data.CopyTo(input, 4);
        var hash = name.Contains("sha2-256", StringComparison.Ordinal) ? HMACSHA256.HashData(key, input)
            : name.Contains("sha2-512", StringComparison.Ordinal) ? HMACSHA512.HashData(key, input)
            : name.Contains("sha1", StringComparison.Ordinal) ? HMACSHA1.HashData(key, input)
            : HMACMD5.HashData(key, input);
        var computed = new byte[mac.MacLength];
        mac.Compute(0x01020304, data, computed);
        Assert.Equal(hash[..mac.MacLength], computed);
        Assert.True(mac.Verify(0x01020304, data, computed));
        Assert.False(mac.Verify(0x01020305, data, computed));
    }

    /// <summary>OpenSSH's construction rebuilt with the original (64-bit nonce) ChaCha20: nonce = sequence number.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Chacha20_poly1305_matches_the_openssh_construction(bool libSodium)
    {
        var sodium = libSodium ? RequiredLibSodium.Instance : null;
        var key = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray();
        const uint sequence = 0x11223344;
        var packet = new byte[4 + 28 + 16];
        BinaryPrimitives.WriteUInt32BigEndian(packet, 28);
        for (var i = 4; i < 32; i++)
        {
            packet[i] = (byte)i;
        }

        var plain = packet[..32];
        using (var cipher = new ChaCha20Poly1305Cipher(key, sodium))
        {
            cipher.Seal(sequence, packet);
        }

        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, sequence);
        var lengthEngine = new ChaChaEngine();
        lengthEngine.Init(true, new ParametersWithIV(new KeyParameter(key, 32, 32), nonce));
        var expected = new byte[32];
        lengthEngine.ProcessBytes(plain, 0, 4, expected, 0);
        var mainEngine = new ChaChaEngine();
        mainEngine.Init(true, new ParametersWithIV(new KeyParameter(key, 0, 32), nonce));
        var block0 = new byte[64];
        mainEngine.ProcessBytes(new byte[64], 0, 64, block0, 0);
        mainEngine.ProcessBytes(plain, 4, 28, expected, 4);
        var poly = new Poly1305();
        poly.Init(new KeyParameter(block0, 0, 32));
        poly.BlockUpdate(expected, 0, 32);
        var tag = new byte[16];
        poly.DoFinal(tag, 0);
        Assert.Equal(expected, packet[..32]);
        Assert.Equal(tag, packet[32..]);

        using var opener = new ChaCha20Poly1305Cipher(key, sodium);
        Assert.Equal(28u, opener.DecryptLength(sequence, packet));
        opener.Open(sequence, packet);
        Assert.Equal(plain, packet[..32]);
    }

    [Fact]
    public void Chacha20_poly1305_in_libsodium_and_in_BouncyCastle_read_each_other()
    {
        var key = new byte[64];
        Random.Shared.NextBytes(key);
        using var sodium = new ChaCha20Poly1305Cipher(key, RequiredLibSodium.Instance);
        using var bouncyCastle = new ChaCha20Poly1305Cipher(key, null);
        foreach (var bodyLength in new[] { 8, 28, 60, 64, 1000, 32768 + 12 })
        {
            foreach (var (sealer, opener) in new[] { (sodium, bouncyCastle), (bouncyCastle, sodium) })
            {
                uint sequence = (uint)Random.Shared.Next();
                var packet = new byte[4 + bodyLength + 16];
                BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)bodyLength);
                Random.Shared.NextBytes(packet.AsSpan(4, bodyLength));
                var plain = packet[..(4 + bodyLength)];
                sealer.Seal(sequence, packet);
                Assert.Equal((uint)bodyLength, opener.DecryptLength(sequence, packet));
                var tampered = (byte[])packet.Clone();
                tampered[4 + (bodyLength / 2)] ^= 1;
                Assert.Throws<SshDisconnectException>(() => opener.Open(sequence, tampered));
                opener.Open(sequence, packet);
                Assert.Equal(plain, packet[..(4 + bodyLength)]);
            }
        }
    }

    [Fact]
    public void Aes_gcm_increments_the_invocation_counter_per_packet()
    {
        var key = new byte[16];
        var iv = Convert.FromHexString("000000010000000000000002");
        using var sealer = new AesGcmCipher(key, iv);
        using var opener = new AesGcmCipher(key, iv);
        for (var i = 0; i < 3; i++)
        {
            var packet = new byte[4 + 16 + 16];
            BinaryPrimitives.WriteUInt32BigEndian(packet, 16);
            packet[4] = 4;
            var plain = packet[..20];
            sealer.Seal(0, packet);
            var nonce = Convert.FromHexString("000000010000000000000002");
            nonce[^1] += (byte)i;
            using var reference = new AesGcm(key, 16);
            var expected = new byte[16];
            var tag = new byte[16];
            reference.Encrypt(nonce, plain.AsSpan(4), expected, tag, plain.AsSpan(0, 4));
            Assert.Equal(expected, packet[4..20]);
            Assert.Equal(tag, packet[20..]);
            opener.Open(0, packet);
            Assert.Equal(plain, packet[..20]);
        }
    }
    [Fact]
    public void Aes_gcm_runs_in_openssl_on_linux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        Assert.NotNull(OpenSslAesGcm.Instance);
    }

    /// <summary>The OpenSSL binding and .NET's AesGcm seal to the same bytes, open each other's packets and both refuse a changed byte.</summary>
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void Aes_gcm_through_openssl_matches_dotnet(int keyLength)
    {
        var key = RandomNumberGenerator.GetBytes(keyLength);
        var iv = RandomNumberGenerator.GetBytes(12);
        using var openSslSealer = new AesGcmCipher(key, iv, OpenSslAesGcm.Instance);
        using var dotnetSealer = new AesGcmCipher(key, iv, openSsl: null);
        using var openSslOpener = new AesGcmCipher(key, iv, OpenSslAesGcm.Instance);
        using var dotnetOpener = new AesGcmCipher(key, iv, openSsl: null);
        foreach (var bodyLength in new[] { 16, 32, 48, 1024, 32784 })
        {
            var packet = new byte[4 + bodyLength + 16];
            BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)bodyLength);
            RandomNumberGenerator.Fill(packet.AsSpan(4, bodyLength));
            var plain = packet[..(4 + bodyLength)];
            var other = (byte[])packet.Clone();
            openSslSealer.Seal(0, packet);
            dotnetSealer.Seal(0, other);
            Assert.Equal(other, packet);

            var copy = (byte[])packet.Clone();
            dotnetOpener.Open(0, packet);
            openSslOpener.Open(0, copy);
            Assert.Equal(plain, packet[..(4 + bodyLength)]);
            Assert.Equal(plain, copy[..(4 + bodyLength)]);
        }

        foreach (var opener in new[] { new AesGcmCipher(key, iv, OpenSslAesGcm.Instance), new AesGcmCipher(key, iv, openSsl: null) })
        {
            using (opener)
            {
                var packet = new byte[4 + 32 + 16];
                BinaryPrimitives.WriteUInt32BigEndian(packet, 32);
                using var sealer = new AesGcmCipher(key, iv, openSsl: null);
                sealer.Seal(0, packet);
                packet[10] ^= 1;
                var error = Assert.Throws<SshDisconnectException>(() => opener.Open(0, packet));
                Assert.Equal(DisconnectReason.MacError, error.Reason);
            }
        }
    }
}
