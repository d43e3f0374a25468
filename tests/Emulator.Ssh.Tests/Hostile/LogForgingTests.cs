using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Hostile;

/// <summary>Issue 20, log forging: peer text with CR/LF or escape sequences never reaches a log line raw.</summary>
public class LogForgingTests
{
    [Theory]
    [InlineData("admin\r\n2026-01-01 INFO user root authenticated", @"admin\x0d\x0a2026-01-01 INFO user root authenticated")]
    [InlineData("a\u001b[31mred", @"a\x1b[31mred")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("line\u2028sep\u202eRTL", @"line\u2028sep\u202eRTL")]
    [InlineData("plain user", "plain user")]
    public void Escape_makes_control_characters_visible(string raw, string expected) =>
        Assert.Equal(expected, LogText.Escape(raw));

    [Fact]
    public void Escape_caps_the_length()
    {
        var escaped = LogText.Escape(new string('x', 10_000));
        Assert.True(escaped.Length < 300, escaped);
        Assert.EndsWith("...(10000 chars)", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_names_with_CR_LF_are_logged_escaped()
    {
        var logs = new CapturingLoggerFactory();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            AuthenticationFailureDelay = TimeSpan.Zero,
            LoggerFactory = logs,
        });
        var peer = harness.Connect();
        peer.RequestUserAuthService();
        await peer.ExpectAsync(MessageNumbers.ServiceAccept);
        peer.SendPassword("x\r\nFAKE: user admin authenticated by password", "wrong");
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        peer.Send(b => b.Byte(MessageNumbers.UserAuthRequest).String("bob").String("ssh-connection").String("weird\nmethod"));
        await peer.ExpectAsync(MessageNumbers.UserAuthFailure);
        Assert.Contains(logs.Lines, l => l.Contains(@"x\x0d\x0aFAKE", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains(@"weird\x0amethod", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain('\n', l));
        Assert.All(logs.Lines, l => Assert.DoesNotContain('\r', l));
    }

    [Fact]
    public async Task Channel_types_and_disconnect_texts_are_logged_escaped()
    {
        var logs = new CapturingLoggerFactory();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            AuthenticationFailureDelay = TimeSpan.Zero,
            LoggerFactory = logs,
        });
        var peer = await harness.ConnectAuthenticatedAsync();
        peer.Send(b => b.Byte(MessageNumbers.ChannelOpen).String("evil\r\ntype").UInt32(0).UInt32(1024).UInt32(1024));
        await peer.ExpectAsync(MessageNumbers.ChannelOpenFailure);
        peer.Send(b => b.Byte(MessageNumbers.ServiceRequest).String("ssh-userauth\nINJECTED"));
        await peer.ExpectDisconnectAsync();
        await harness.LastConnection.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains(logs.Lines, l => l.Contains(@"evil\x0d\x0atype", StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain('\n', l));
    }
}
