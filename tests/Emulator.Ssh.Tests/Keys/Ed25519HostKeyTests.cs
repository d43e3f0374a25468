using Emulator.Ssh.Crypto;
using Emulator.Ssh.Keys;
using Emulator.Ssh.Tests.Crypto;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Keys;

public sealed class Ed25519HostKeyTests
{
    private static LibSodium Sodium => RequiredLibSodium.Instance;

    [Fact]
    public void LibSodium_signs_the_rfc_8032_vector()
    {
        var signature = new byte[64];
        Sodium.SignEd25519(LibSodium.KnownAnswers.Ed25519SecretKey, [], signature);
        Assert.Equal(LibSodium.KnownAnswers.Ed25519EmptyMessageSignature, signature);
    }

    [Fact]
    public void The_rfc_8032_vector_is_what_BouncyCastle_computes()
    {
        // The self-test's expected bytes come from the RFC; BouncyCastle confirms them independently.
        var secretKey = LibSodium.KnownAnswers.Ed25519SecretKey;
        using var key = new Ed25519HostKey(secretKey[..32]);
        Assert.Equal(secretKey[32..], key.RawPublicKey);
        Assert.Equal(LibSodium.KnownAnswers.Ed25519EmptyMessageSignature, RawSignature(key.Sign("ssh-ed25519", [], sodium: null)));
    }

    [Fact]
    public void Both_implementations_give_the_same_signature_and_it_verifies()
    {
        for (int i = 0; i < 20; i++)
        {
            var seed = new byte[32];
            var data = new byte[Random.Shared.Next(0, 300)];
            Random.Shared.NextBytes(seed);
            Random.Shared.NextBytes(data);
            using var key = new Ed25519HostKey(seed);
            var sodium = key.Sign("ssh-ed25519", data, Sodium);
            Assert.Equal(key.Sign("ssh-ed25519", data, sodium: null), sodium);
            Assert.Equal(sodium, key.Sign("ssh-ed25519", data));
            Assert.True(key.PublicKey.Verify("ssh-ed25519", data, sodium));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_implementation_verifies_good_signatures_and_refuses_altered_ones(bool libSodium)
    {
        var sodium = libSodium ? Sodium : null;
        var seed = new byte[32];
        var data = new byte[100];
        Random.Shared.NextBytes(seed);
        Random.Shared.NextBytes(data);
        using var key = new Ed25519HostKey(seed);
        var publicKey = (Ed25519PublicKey)key.PublicKey;
        var signature = RawSignature(key.Sign("ssh-ed25519", data, sodium: null));
        Assert.True(publicKey.Verify(data, signature, sodium));

        var otherData = (byte[])data.Clone();
        otherData[0] ^= 1;
        Assert.False(publicKey.Verify(otherData, signature, sodium));
        var otherSignature = (byte[])signature.Clone();
        otherSignature[10] ^= 1;
        Assert.False(publicKey.Verify(data, otherSignature, sodium));
        Assert.False(publicKey.Verify(data, signature.AsSpan(0, 63), sodium));
        Assert.False(publicKey.Verify(data, new byte[64], sodium));
    }

    private static byte[] RawSignature(byte[] blob)
    {
        var reader = new SshReader(blob);
        Assert.Equal("ssh-ed25519", reader.ReadAsciiString());
        return reader.ReadString().ToArray();
    }
}
