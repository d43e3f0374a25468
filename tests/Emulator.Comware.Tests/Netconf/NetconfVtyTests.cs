using Emulator.Comware.Sessions;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>A NETCONF session holds a VTY line as a CLI login does: <c>display users</c> lists it, and it counts against the VTYs.</summary>
public sealed class NetconfVtyTests
{
    [Fact]
    public async Task A_netconf_session_takes_a_vty_and_display_users_lists_it_until_it_closes()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        await using (var client = await NetconfClient.OpenAsync(device, NetconfClient.Admin with { RemoteAddress = "192.0.2.7" }))
        {
            Assert.Equal("VTY 0", client.Session.Line);
            var login = Assert.Single(device.Logins.Snapshot());
            Assert.Equal("NETCONF", login.Request.Protocol);
            var users = await ShellDriver.RunAsync(device, "display users\nquit\n");
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(users, @"\n. 10   VTY 0 .*NETCONF\r\n"), users);
            Assert.Contains("192.0.2.7", users, StringComparison.Ordinal);
        }

        await WaitUntilAsync(() => device.Logins.Snapshot().Count == 0);
    }

    [Fact]
    public async Task With_every_vty_taken_a_netconf_session_ends_before_its_hello()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var held = new List<Login>();
        while (device.Logins.TryOpen(new LoginRequest("other", null)) is { } taken)
        {
            held.Add(taken);
        }

        var toServer = new System.IO.Pipelines.Pipe();
        var toClient = new System.IO.Pipelines.Pipe();
        using var session = await Emulator.Comware.Netconf.NetconfSession.OpenAsync(device, NetconfClient.Admin, toServer.Reader, toClient.Writer, TestContext.Current.CancellationToken);
        Assert.Null(session.Line);
        Assert.Equal(1, await session.RunAsync(TestContext.Current.CancellationToken));
        held.ForEach(l => l.Dispose());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
