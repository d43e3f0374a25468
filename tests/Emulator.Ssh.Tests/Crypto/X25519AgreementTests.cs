using Emulator.Ssh.Crypto;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Emulator.Ssh.Tests.Crypto;

public sealed class X25519AgreementTests
{
    // RFC 7748 section 6.1.
    private static readonly byte[] AlicePrivate = Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static readonly byte[] AlicePublic = Convert.FromHexString("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static readonly byte[] BobPublic = Convert.FromHexString("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static readonly byte[] Shared = Convert.FromHexString("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    private static OpenSslX25519 OpenSsl =>
        OpenSslX25519.Instance ?? throw new InvalidOperationException("libcrypto.so.3 did not load: every Linux .NET 10 install has it");

    [Fact]
    public void OpenSsl_is_used_on_linux()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        Assert.True(X25519Agreement.UsesOpenSsl);
    }

    [Fact]
    public void OpenSsl_computes_the_rfc_7748_vector()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        var ours = new byte[32];
        var secret = new byte[32];
        Assert.True(OpenSsl.TryAgree(AlicePrivate, BobPublic, ours, secret));
        Assert.Equal(AlicePublic, ours);
        Assert.Equal(Shared, secret);
    }

    [Fact]
    public void Both_implementations_agree_with_a_peer_on_random_keys()
    {
        for (int i = 0; i < 50; i++)
        {
            var peerPrivate = new byte[32];
            Random.Shared.NextBytes(peerPrivate);
            var peerPublic = new byte[32];
            X25519.ScalarMultBase(peerPrivate, 0, peerPublic, 0);
            foreach (var implementation in new[] { OpenSslX25519.Instance, null })
            {
                var (ourPublic, secret) = X25519Agreement.Agree(peerPublic, implementation);
                Assert.NotNull(secret);
                var peerSecret = new byte[32];
                Assert.True(X25519.CalculateAgreement(peerPrivate, 0, ourPublic, 0, peerSecret, 0));
                Assert.Equal(peerSecret, secret);
            }
        }
    }

    public static TheoryData<string> LowOrderPoints => new()
    {
        // Points of small order (the list libsodium and RFC 7748's discussion refuse): every agreement is all zero.
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };

    [Theory]
    [MemberData(nameof(LowOrderPoints))]
    public void Low_order_peer_points_give_no_secret_on_either_path(string point)
    {
        var peer = Convert.FromHexString(point);
        Assert.Null(X25519Agreement.Agree(peer, OpenSslX25519.Instance).Secret);
        Assert.Null(X25519Agreement.Agree(peer, null).Secret);
    }

    [Fact]
    public void A_refused_agreement_leaves_no_openssl_error_for_dotnet()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "OpenSSL is only bound on Linux");
        Assert.False(OpenSsl.TryAgree(AlicePrivate, new byte[32], new byte[32], new byte[32]));
        // .NET's own OpenSSL-backed primitives still work on this thread after the refused derive.
        using var ecdh = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var other = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        Assert.Equal(32, ecdh.DeriveRawSecretAgreement(other.PublicKey).Length);
    }
}
