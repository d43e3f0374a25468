using System.IO.Pipelines;
using System.Net;
using System.Text;
using Emulator.Comware;
using Emulator.Device.Telnet;
using Emulator.Device.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Device.Tests.Telnet;

/// <summary>Telnet logins against a real device model: the dialects' prompts, the line's authentication mode, refusals.</summary>
public sealed class TelnetLoginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    internal static ComwareDevice Device(string profile, string? extraConfiguration = null)
    {
        var facts = ShippedProfileTests.Shipped.Get(profile).CreateFacts("fw", null, null);
        var device = new ComwareDevice(facts, new ScratchDeviceServices(), TimeProvider.System);
        if (extraConfiguration is not null)
        {
            device.EnsureBootedAsync(Ct).GetAwaiter().GetResult();
            Assert.True(device.LoadConfigurationAsync(extraConfiguration, Ct).GetAwaiter().GetResult().Succeeded);
        }

        return device;
    }

    private sealed class Client : IDuplexPipe
    {
        private readonly StringBuilder _seen = new();
        public Pipe ToServer { get; } = new();
        public Pipe ToClient { get; } = new();
        public PipeReader Input => ToServer.Reader;
        public PipeWriter Output => ToClient.Writer;

        /// <summary>Reads until <paramref name="text"/> has appeared (telnet commands stripped crudely: bytes above 127 dropped).</summary>
        public async Task<string> WaitForAsync(string text)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            while (!_seen.ToString().Contains(text, StringComparison.Ordinal))
            {
                var result = await ToClient.Reader.ReadAsync(timeout.Token);
                foreach (var b in System.Buffers.BuffersExtensions.ToArray(result.Buffer).Where(b => b < 128 && b is not (1 or 3 or 24 or 31)))
                {
                    _seen.Append((char)b);
                }

                ToClient.Reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            return _seen.ToString();
        }

        public async Task TypeAsync(string line) => await ToServer.Writer.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), Ct);
    }

    private static Task Run(ComwareDevice device, Client client) =>
        TelnetSession.RunAsync(device, client, new IPEndPoint(IPAddress.Loopback, 40000), NullLogger.Instance, Ct);

    [Fact]
    public async Task V5_asks_with_Login_authentication_and_logs_a_scheme_user_in_as_Telnet()
    {
        var device = Device("F1000-E", "user-interface vty 0 4\n authentication-mode scheme\n");
        var client = new Client();
        var run = Run(device, client);
        Assert.Contains("\r\nLogin authentication\r\n\r\n\r\nUsername:", await client.WaitForAsync("Username:"), StringComparison.Ordinal);
        await client.TypeAsync("admin");
        await client.WaitForAsync("Password:");
        await client.TypeAsync("wrong");
        await client.WaitForAsync(TelnetSession.LoginFailed);
        await client.TypeAsync("admin");
        await client.WaitForAsync("Password:\r\n" + TelnetSession.LoginFailed + "\r\nUsername:admin\r\nPassword:");
        await client.TypeAsync("admin");
        await client.WaitForAsync("<");
        await client.TypeAsync("display users");
        var screen = await client.WaitForAsync("User name: admin");
        Assert.Contains("Telnet", screen, StringComparison.Ordinal);
        await client.TypeAsync("quit");
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    /// <summary>The information center logs telnet logins as it does SSH ones: failure, SHELL_LOGIN, SHELL_LOGOUT.</summary>
    [Fact]
    public async Task Telnet_logins_failures_and_logouts_reach_the_log_buffer()
    {
        var device = Device("F1000-AI-55", "telnet server enable\nline vty 0 63\n authentication-mode scheme\nlocal-user admin\n service-type telnet ssh\n");
        var client = new Client();
        var run = Run(device, client);
        await client.WaitForAsync("login: ");
        await client.TypeAsync("admin");
        await client.TypeAsync("wrong");
        await client.WaitForAsync(TelnetSession.LoginFailed);
        await client.TypeAsync("admin");
        await client.TypeAsync("admin");
        await client.WaitForAsync(">");
        await client.TypeAsync("quit");
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        var buffer = string.Join("\n", device.GetState<Comware.Model.Management.InfoCenterConfig>().Buffer.Snapshot());
        Assert.Contains("LOGIN/5/LOGIN_FAILED: admin failed to log in from 127.0.0.1.", buffer, StringComparison.Ordinal);
        Assert.Contains("SHELL/5/SHELL_LOGIN: admin logged in from 127.0.0.1.", buffer, StringComparison.Ordinal);
        Assert.Contains("SHELL/5/SHELL_LOGOUT: admin logged out from 127.0.0.1.", buffer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_failures_close_the_connection()
    {
        var device = Device("F1000-E", "user-interface vty 0 4\n authentication-mode scheme\n");
        var client = new Client();
        var run = Run(device, client);
        for (var i = 0; i < TelnetSession.MaxAttempts; i++)
        {
            await client.WaitForAsync("Username:");
            await client.TypeAsync("admin");
            await client.TypeAsync("nope");
        }

        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.ToClient.Writer.CompleteAsync();
        var screen = await client.WaitForAsync("never");
        Assert.Equal(TelnetSession.MaxAttempts, screen.Split(TelnetSession.LoginFailed).Length - 1);
        Assert.DoesNotContain("<H3C>", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V7_password_mode_asks_only_for_the_line_password()
    {
        var device = Device("F1000-AI-55", "telnet server enable\nline vty 0 63\n authentication-mode password\n set authentication password simple Line-Pass1\n");
        var client = new Client();
        var run = Run(device, client);
        var screen = await client.WaitForAsync("Password: ");
        Assert.DoesNotContain("login:", screen, StringComparison.Ordinal);
        await client.TypeAsync("Line-Pass1");
        await client.WaitForAsync("<H3C>");
        await client.TypeAsync("quit");
        await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
    }

    [Theory]
    [InlineData("F1000-AI-55", null)]
    [InlineData("F1000-E", "undo telnet server enable\n")]
    [InlineData("F1000-E", "user-interface vty 0 4\n protocol inbound ssh\n")]
    public async Task Refused_logins_close_before_any_prompt(string profile, string? configuration)
    {
        var device = Device(profile, configuration);
        var client = new Client();
        await Run(device, client).WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await client.ToClient.Writer.CompleteAsync();
        Assert.DoesNotContain(":", await client.WaitForAsync("never"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Telnet_server_enable_renders_only_when_it_differs_from_the_dialect_default()
    {
        var v7 = Device("F1000-AI-55", "telnet server enable\n");
        Assert.Contains("\n telnet server enable\n", await v7.RenderCurrentConfigurationAsync(Ct), StringComparison.Ordinal);
        var v5 = Device("F1000-E", "undo telnet server enable\n");
        Assert.Contains("\n undo telnet server enable\n", await v5.RenderCurrentConfigurationAsync(Ct), StringComparison.Ordinal);
        var v5Default = Device("F1000-E", "telnet server enable\n");
        Assert.DoesNotContain("telnet server", await v5Default.RenderCurrentConfigurationAsync(Ct), StringComparison.Ordinal);
    }
}
