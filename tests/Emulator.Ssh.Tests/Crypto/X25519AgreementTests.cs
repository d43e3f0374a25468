using Emulator.Ssh.Crypto;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Emulator.Ssh.Tests.Crypto;

public sealed class X25519AgreementTests
{
    private static LibSodium Sodium => RequiredLibSodium.Instance;

    [Fact]
    public void LibSodium_is_used()
    {
        // A broken copy, a missing native asset or a wrong binding would silently fall back to BouncyCastle.
        Assert.True(X25519Agreement.UsesLibSodium);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Each_implementation_computes_the_rfc_7748_vector(bool libSodium)
    {
        var ours = new byte[32];
        var secret = new byte[32];
        Assert.True(libSodium
            ? Sodium.TryAgree(LibSodium.KnownAnswers.AlicePrivate, LibSodium.KnownAnswers.BobPublic, ours, secret)
            : X25519Agreement.BouncyCastleAgree(LibSodium.KnownAnswers.AlicePrivate, LibSodium.KnownAnswers.BobPublic, ours, secret));
        Assert.Equal(LibSodium.KnownAnswers.AlicePublic, ours);
        Assert.Equal(LibSodium.KnownAnswers.Shared, secret);
    }

    [Fact]
    public void Both_implementations_give_the_same_bytes_for_the_same_private_key()
    {
        for (int i = 0; i < 50; i++)
        {
            var privateKey = new byte[32];
            var peer = new byte[32];
            Random.Shared.NextBytes(privateKey);
            Random.Shared.NextBytes(peer);
            var (sodiumPublic, sodiumSecret, bcPublic, bcSecret) = (new byte[32], new byte[32], new byte[32], new byte[32]);
            Assert.Equal(X25519Agreement.BouncyCastleAgree(privateKey, peer, bcPublic, bcSecret), Sodium.TryAgree(privateKey, peer, sodiumPublic, sodiumSecret));
            Assert.Equal(bcPublic, sodiumPublic);
            Assert.Equal(bcSecret, sodiumSecret);
        }
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
            foreach (var implementation in new[] { LibSodium.Instance, null })
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
        Assert.Null(X25519Agreement.Agree(peer, Sodium).Secret);
        Assert.Null(X25519Agreement.Agree(peer, null).Secret);
    }
}
