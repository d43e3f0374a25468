using System.Security.Cryptography;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Keys;
using Emulator.Ssh.Wire;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace Emulator.Ssh.Tests.Crypto;

public sealed class OpenSslEd25519Tests
{
    // RFC 8032 section 7.1, TEST 1 (the empty message).
    private static readonly byte[] Test1Secret = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static readonly byte[] Test1Signature = Convert.FromHexString(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    private static OpenSslEd25519 OpenSsl =>
        OpenSslEd25519.Instance ?? throw new InvalidOperationException("libcrypto.so.3 did not load or failed its self-test: every Linux .NET 10 install has it");

    [Fact]
    public void OpenSsl_signs_the_rfc_8032_test_1_vector()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        using var key = OpenSsl.CreateKey(Test1Secret);
        Assert.NotNull(key);
        var signature = new byte[OpenSslEd25519.SignatureSize];
        Assert.True(OpenSsl.TrySign(key, [], signature));
        Assert.Equal(Test1Signature, signature);
    }

    [Fact]
    public void OpenSsl_and_BouncyCastle_give_the_same_signatures_on_random_keys_and_messages()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        for (var i = 0; i < 50; i++)
        {
            var seed = RandomNumberGenerator.GetBytes(32);
            var message = RandomNumberGenerator.GetBytes(i * 37);
            using var key = OpenSsl.CreateKey(seed)!;
            var ours = new byte[64];
            Assert.True(OpenSsl.TrySign(key, message, ours));
            var expected = new byte[64];
            BcEd25519.Sign(seed, 0, message, 0, message.Length, expected, 0);
            Assert.Equal(expected, ours);
        }
    }

    [Fact]
    public void A_host_key_signature_is_the_rfc_8032_one_in_its_ssh_blob_and_verifies()
    {
        using var host = new Ed25519HostKey(Test1Secret);
        var blob = host.Sign("ssh-ed25519", []);
        var reader = new SshReader(blob);
        Assert.Equal("ssh-ed25519", reader.ReadUtf8String());
        Assert.Equal(Test1Signature, reader.ReadString().ToArray());
        Assert.True(host.PublicKey.Verify("ssh-ed25519", [], blob));
    }

    [Fact]
    public void A_disposed_host_key_refuses_to_sign_instead_of_signing_with_a_wiped_secret()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        var host = new Ed25519HostKey(Test1Secret);
        host.Dispose();
        Assert.Throws<ObjectDisposedException>(() => host.Sign("ssh-ed25519", [1, 2, 3]));
    }
}
