using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>
/// Issue 20, user enumeration through the "none" method list: unknown users, publickey-only users, two-factor users
/// and password users must get byte-identical answers until one of them proves a factor.
/// </summary>
public class UserEnumerationTests
{
    private static readonly AuthenticationPolicy _password = new(["password", "keyboard-interactive"], []);

    /// <summary>Policies shaped like the device's (DeviceAuthenticator): unknown users are judged as password users.</summary>
    private static UpperLayerHarness NewHarness()
    {
        var harness = new UpperLayerHarness();
        harness.Users
            .AddPassword("pw", "secret").SetPolicy("pw", _password)
            .AddKey("keyonly", FakeSignatures.NewKeyBlob()).SetPolicy("keyonly", new AuthenticationPolicy(["publickey"], []))
            .AddPassword("both", "secret").AddKey("both", FakeSignatures.NewKeyBlob()).SetPolicy("both", new AuthenticationPolicy([], ["publickey", "password"]))
            .SetPolicy("ghost", _password);
        return harness;
    }

    private static async Task<List<byte[]>> TranscriptAsync(string user)
    {
        await using var harness = NewHarness();
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        var answers = new List<byte[]>();
        peer.SendNone(user);
        answers.Add(await peer.ExpectAsync(MessageNumbers.UserAuthFailure));
        peer.SendPassword(user, "wrong");
        answers.Add(await peer.ExpectAsync(MessageNumbers.UserAuthFailure));
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String(user).String("ssh-connection").String("keyboard-interactive").String("").String(""));
        answers.Add(await peer.ExpectAsync(MessageNumbers.UserAuthInfoRequest));
        peer.Send(b => b.Byte(MessageNumbers.UserAuthInfoResponse).UInt32(1).String("wrong"));
        answers.Add(await peer.ExpectAsync(MessageNumbers.UserAuthFailure));
        return answers;
    }

    [Fact]
    public async Task None_method_list_does_not_tell_unknown_users_from_publickey_only_ones()
    {
        var ghost = await TranscriptAsync("ghost");
        foreach (var user in new[] { "keyonly", "both", "pw" })
        {
            var transcript = await TranscriptAsync(user);
            Assert.Equal(ghost.Count, transcript.Count);
            for (var i = 0; i < ghost.Count; i++)
            {
                Assert.True(ghost[i].AsSpan().SequenceEqual(transcript[i]), $"answer {i} for {user} differs from an unknown user's");
            }
        }
    }

    [Fact]
    public async Task Keyboard_interactive_for_a_publickey_only_user_never_logs_in_with_the_password()
    {
        await using var harness = NewHarness();
        harness.Users.AddPassword("keyonly", "secret");
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("keyonly").String("ssh-connection").String("keyboard-interactive").String("").String(""));
        await peer.ExpectAsync(MessageNumbers.UserAuthInfoRequest);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthInfoResponse).UInt32(1).String("secret"));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        Assert.False(harness.ServerSides[0].Authenticated);
    }
}
