using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Auth;

/// <summary>publickey authentication with real keys and signatures of every supported algorithm.</summary>
public class PublicKeySignatureTests
{
    [Theory]
    [InlineData("ssh-ed25519", "ssh-ed25519")]
    [InlineData("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256")]
    [InlineData("ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384")]
    [InlineData("ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521")]
    [InlineData("ssh-rsa", "rsa-sha2-256")]
    [InlineData("ssh-rsa", "rsa-sha2-512")]
    [InlineData("ssh-rsa", "ssh-rsa")]
    [InlineData("ssh-dss", "ssh-dss")]
    public async Task Signed_request_logs_in_and_a_tampered_one_does_not(string keyType, string algorithm)
    {
        using var key = SshHostKey.Generate(keyType, seed: [1, 2, 3]);
        var blob = key.PublicKeyBlob.ToArray();
        await using var harness = new UpperLayerHarness(realSignatures: true);
        harness.Users.AddKey("admin", blob);
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);

        // Signed for another user name: the signature does not cover this request.
        var forOther = key.Sign(algorithm, PeerMessages.PublicKeySignedData(peer.SessionId, "root", algorithm, blob));
        peer.SendPublicKey("admin", algorithm, blob, forOther);
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        var signature = key.Sign(algorithm, PeerMessages.PublicKeySignedData(peer.SessionId, "admin", algorithm, blob));
        peer.SendPublicKey("admin", algorithm, blob, signature);
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }

    [Fact]
    public async Task Garbage_key_blob_and_signature_fail_without_harm()
    {
        await using var harness = new UpperLayerHarness(realSignatures: true);
        var junk = new TestPeer.Builder().String("ssh-ed25519").String([1, 2, 3]).ToArray();
        harness.Users.AddKey("admin", junk);
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        peer.SendPublicKey("admin", "ssh-ed25519", junk, new TestPeer.Builder().String("ssh-ed25519").String([9, 9]).ToArray());
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        peer.SendPassword("admin", "secret");
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }
}
