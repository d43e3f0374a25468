using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Auth;

public class UserAuthTests
{
    private static (string Methods, bool Partial) ReadFailure(byte[] packet)
    {
        var reader = new SshReader(packet);
        Assert.Equal(MessageNumbers.UserAuthFailure, reader.ReadByte());
        var methods = string.Join(',', reader.ReadNameList());
        var partial = reader.ReadBoolean();
        reader.EnsureAtEnd();
        return (methods, partial);
    }

    private static async Task<TestPeer> ConnectToUserAuthAsync(UpperLayerHarness harness)
    {
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        var accept = await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        var reader = new SshReader(accept);
        reader.ReadByte();
        Assert.Equal("ssh-userauth", reader.ReadAsciiString());
        return peer;
    }

    [Fact]
    public async Task None_lists_the_methods_after_the_banner_and_does_not_count_as_a_failure()
    {
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            AuthenticationBanner = "Authorized users only\r\n",
            MaxAuthenticationAttempts = 1,
            AuthenticationFailureDelay = TimeSpan.Zero,
        });
        var peer = await ConnectToUserAuthAsync(harness);
        peer.SendNone("admin");
        var banner = new SshReader(await peer.ExpectAsync(MessageNumbers.UserAuthBanner));
        banner.ReadByte();
        Assert.Equal("Authorized users only\r\n", banner.ReadUtf8String());
        Assert.Equal(("publickey,password,keyboard-interactive", false), ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)));

        peer.SendNone("admin");
        ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure));
        peer.SendPassword("admin", "secret");
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
        Assert.True(harness.ServerSides[0].Authenticated);
    }

    [Fact]
    public async Task Wrong_passwords_fail_until_the_attempt_limit_then_disconnect()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await ConnectToUserAuthAsync(harness);
        peer.SendPassword("admin", "wrong1");
        Assert.False(ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)).Partial);
        peer.SendPassword("admin", "wrong2");
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        peer.SendPassword("admin", "secret-but-too-late");
        Assert.Equal((uint)DisconnectReason.NoMoreAuthMethodsAvailable, await peer.ExpectDisconnectAsync());
        await harness.LastConnection.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(harness.ServerSides[0].Authenticated);
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_answer_at_the_same_time()
    {
        var time = new FakeTimeProvider();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            AuthenticationFailureDelay = TimeSpan.FromSeconds(2),
            TimeProvider = time,
            MaxAuthenticationAttempts = 10,
        });
        var answers = new List<byte[]>();
        foreach (var user in new[] { "admin", "nobody" })
        {
            var peer = await ConnectToUserAuthAsync(harness);
            peer.SendPassword(user, "wrong");
            Assert.Null(await peer.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(200)));
            time.Advance(TimeSpan.FromMilliseconds(1999));
            Assert.Null(await peer.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(200)));
            time.Advance(TimeSpan.FromMilliseconds(1));
            answers.Add(await peer.ExpectAsync(MessageNumbers.UserAuthFailure));
        }

        Assert.Equal(answers[0], answers[1]);
    }

    [Fact]
    public async Task Public_key_query_gets_pk_ok_and_a_correct_signature_logs_in()
    {
        await using var harness = new UpperLayerHarness();
        var key = FakeSignatures.NewKeyBlob();
        harness.Users.AddKey("admin", key);
        var peer = await ConnectToUserAuthAsync(harness);

        peer.SendPublicKey("admin", "ssh-ed25519", key, null);
        var ok = new SshReader(await peer.ExpectAsync(MessageNumbers.UserAuthPkOk));
        ok.ReadByte();
        Assert.Equal("ssh-ed25519", ok.ReadAsciiString());
        Assert.True(ok.ReadString().SequenceEqual(key));

        var data = PeerMessages.PublicKeySignedData(peer.SessionId, "admin", "ssh-ed25519", key);
        peer.SendPublicKey("admin", "ssh-ed25519", key, FakeSignatures.Sign("ssh-ed25519", key, data));
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }

    [Fact]
    public async Task Public_key_fails_for_bad_signature_unauthorized_key_and_wrong_algorithm()
    {
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            MaxAuthenticationAttempts = 10,
            AuthenticationFailureDelay = TimeSpan.Zero,
        });
        var key = FakeSignatures.NewKeyBlob();
        var other = FakeSignatures.NewKeyBlob();
        harness.Users.AddKey("admin", key);
        var peer = await ConnectToUserAuthAsync(harness);
        var data = PeerMessages.PublicKeySignedData(peer.SessionId, "admin", "ssh-ed25519", key);

        // Signed over another session id.
        var wrongSession = PeerMessages.PublicKeySignedData(new byte[32], "admin", "ssh-ed25519", key);
        peer.SendPublicKey("admin", "ssh-ed25519", key, FakeSignatures.Sign("ssh-ed25519", key, wrongSession));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        // Key not authorized for the user, even with a valid signature.
        var otherData = PeerMessages.PublicKeySignedData(peer.SessionId, "admin", "ssh-ed25519", other);
        peer.SendPublicKey("admin", "ssh-ed25519", other, FakeSignatures.Sign("ssh-ed25519", other, otherData));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        // An RSA algorithm for an Ed25519 key.
        var rsaData = PeerMessages.PublicKeySignedData(peer.SessionId, "admin", "rsa-sha2-256", key);
        peer.SendPublicKey("admin", "rsa-sha2-256", key, FakeSignatures.Sign("rsa-sha2-256", key, rsaData));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        // Signature blob names another algorithm than the request.
        peer.SendPublicKey("admin", "ssh-ed25519", key, FakeSignatures.Sign("ssh-rsa", key, data));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        // A query for a key the user may not use gets FAILURE, not PK_OK.
        peer.SendPublicKey("admin", "ssh-ed25519", other, null);
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);

        peer.SendPublicKey("admin", "ssh-ed25519", key, FakeSignatures.Sign("ssh-ed25519", key, data));
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }

    [Fact]
    public async Task Keyboard_interactive_asks_one_password_prompt()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await ConnectToUserAuthAsync(harness);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("admin").String("ssh-connection").String("keyboard-interactive").String("").String(""));
            var request = new SshReader(await peer.ExpectAsync(MessageNumbers.UserAuthInfoRequest));
            request.ReadByte();
            request.ReadString();
            request.ReadString();
            request.ReadString();
            Assert.Equal(1u, request.ReadUInt32());
            Assert.Equal("Password: ", request.ReadUtf8String());
            Assert.False(request.ReadBoolean());
            peer.Send(b => b.Byte(MessageNumbers.UserAuthInfoResponse).UInt32(1).String(attempt == 0 ? "wrong" : "secret"));
            if (attempt == 0)
            {
                await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
            }
        }

        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
        Assert.Equal([("admin", "wrong"), ("admin", "secret")], harness.Users.PasswordChecks);
    }

    [Fact]
    public async Task Info_response_without_a_keyboard_interactive_request_disconnects()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await ConnectToUserAuthAsync(harness);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthInfoResponse).UInt32(1).String("secret"));
        Assert.Equal((uint)DisconnectReason.ProtocolError, await peer.ExpectDisconnectAsync());
    }

    [Fact]
    public async Task All_of_policy_answers_partial_success_then_requires_the_rest()
    {
        await using var harness = new UpperLayerHarness();
        var key = FakeSignatures.NewKeyBlob();
        harness.Users.AddKey("admin", key).SetPolicy("admin", new AuthenticationPolicy([], ["password", "publickey"]));
        var peer = await ConnectToUserAuthAsync(harness);

        peer.SendNone("admin");
        Assert.Equal(("publickey,password,keyboard-interactive", false), ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)));
        peer.SendPassword("admin", "secret");
        Assert.Equal(("publickey", true), ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)));
        Assert.False(harness.ServerSides[0].Authenticated);

        var data = PeerMessages.PublicKeySignedData(peer.SessionId, "admin", "ssh-ed25519", key);
        peer.SendPublicKey("admin", "ssh-ed25519", key, FakeSignatures.Sign("ssh-ed25519", key, data));
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }

    [Fact]
    public async Task Another_user_name_starts_from_scratch()
    {
        await using var harness = new UpperLayerHarness();
        var key = FakeSignatures.NewKeyBlob();
        var all = new AuthenticationPolicy([], ["password", "publickey"]);
        harness.Users.AddPassword("operator", "other").AddKey("operator", key).SetPolicy("admin", all).SetPolicy("operator", all);
        var peer = await ConnectToUserAuthAsync(harness);

        peer.SendPassword("admin", "secret");
        Assert.True(ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)).Partial);

        // operator's key alone must not complete: admin's password proves nothing about operator.
        var data = PeerMessages.PublicKeySignedData(peer.SessionId, "operator", "ssh-ed25519", key);
        peer.SendPublicKey("operator", "ssh-ed25519", key, FakeSignatures.Sign("ssh-ed25519", key, data));
        Assert.Equal(("password", true), ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)));

        // And operator cannot log in with admin's password.
        peer.SendPassword("operator", "secret");
        Assert.False(ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)).Partial);
        Assert.False(harness.ServerSides[0].Authenticated);
    }

    [Fact]
    public async Task Password_change_request_is_answered_failure_even_with_the_right_old_password()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await ConnectToUserAuthAsync(harness);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("admin").String("ssh-connection").String("password").Bool(true).String("secret").String("new"));
        Assert.False(ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)).Partial);
        peer.SendPassword("admin", "secret");
        await peer.ExpectAsync(MessageNumbers.UserAuthSuccess);
    }

    [Fact]
    public async Task Methods_outside_the_policy_fail_without_checking_credentials()
    {
        await using var harness = new UpperLayerHarness();
        harness.Users.SetPolicy("admin", new AuthenticationPolicy(["publickey"], []));
        var peer = await ConnectToUserAuthAsync(harness);
        peer.SendPassword("admin", "secret");
        Assert.Equal(("publickey,password,keyboard-interactive", false), ReadFailure(await peer.ExpectAsync(MessageNumbers.UserAuthFailure)));
        Assert.Empty(harness.Users.PasswordChecks);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("admin").String("ssh-connection").String("hostbased").String("x"));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
    }

    [Theory]
    [InlineData("ssh-connection", "ssh-userauth-typo")]
    [InlineData("sftp", null)]
    public async Task Unknown_services_disconnect(string first, string? second)
    {
        await using var harness = new UpperLayerHarness();
        var peer = harness.Connect();
        if (second is null)
        {
            peer.Send(b => b.Byte(MessageNumbers.ServiceRequest).String(first));
        }
        else
        {
            peer.RequestUserAuthService();
            await peer.ExpectAsync(MessageNumbers.ServiceAccept);
            peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("admin").String(second).String("password").Bool(false).String("secret"));
        }

        Assert.Equal((uint)DisconnectReason.ServiceNotAvailable, await peer.ExpectDisconnectAsync());
    }

    [Fact]
    public async Task Login_grace_time_disconnects_a_client_that_never_authenticates()
    {
        var time = new FakeTimeProvider();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            TimeProvider = time,
            LoginGraceTime = TimeSpan.FromSeconds(30),
        });
        var peer = await ConnectToUserAuthAsync(harness);
        time.Advance(TimeSpan.FromSeconds(29));
        peer.SendNone("admin");
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((uint)DisconnectReason.ByApplication, await peer.ExpectDisconnectAsync());
        Assert.Equal("login grace time exceeded", harness.ServerSides[0].DisconnectDescription);
    }

    [Fact]
    public async Task Login_grace_time_stops_mattering_after_success()
    {
        var time = new FakeTimeProvider();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            TimeProvider = time,
            LoginGraceTime = TimeSpan.FromSeconds(30),
        });
        var peer = await harness.ConnectAuthenticatedAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        var channel = await peer.OpenSessionAsync(0);
        peer.Exec(channel, "echo still here");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        var transcript = await ChannelTranscript.CollectAsync(peer, 0);
        Assert.Equal("still here\n", System.Text.Encoding.UTF8.GetString(transcript.Stdout));
    }
}
