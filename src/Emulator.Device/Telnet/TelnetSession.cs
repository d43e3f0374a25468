using System.IO.Pipelines;
using System.Net;
using System.Text;
using Emulator.Comware;
using Emulator.Comware.Auth;
using Emulator.Comware.Commands.Telnet;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Sessions;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Telnet;

/// <summary>
/// A telnet login on a device: option negotiation, the VTY's <c>authentication-mode</c> (none, password, scheme) with
/// the device's prompts, then the same CLI session as SSH (a VTY line, idle timeout, <c>display users</c>) with
/// protocol "Telnet". Refused at once when <c>telnet server enable</c> is off or the VTY takes SSH only.
/// </summary>
internal static partial class TelnetSession
{
    /// <summary>Attempts before the connection is closed.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Time to complete the login, as on the device's VTYs.</summary>
    public static readonly TimeSpan LoginTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Comware 5 asks with this block before the prompts; Comware 7 asks <c>login:</c> directly.</summary>
    public const string V5Heading = "\r\nLogin authentication\r\n\r\n\r\n";

    public const string LoginFailed = "% Login failed!";

    public static async Task RunAsync(ComwareDevice device, IDuplexPipe transport, IPEndPoint? remote, ILogger logger, CancellationToken cancellationToken)
    {
        await device.EnsureBootedAsync(cancellationToken);
        var remoteText = remote?.Address.ToString() ?? "";
        if (!device.GetState<TelnetSettings>().ServerEnabled)
        {
            LogRefused(logger, remoteText, "telnet server is disabled");
            return;
        }

        var line = FreeLine(device);
        if (line?.ProtocolInbound == LineProtocols.Ssh)
        {
            LogRefused(logger, remoteText, "the VTY accepts SSH only");
            return;
        }

        await using var connection = new TelnetConnection(transport);
        await connection.StartAsync(cancellationToken);
        var userName = line is null ? "" : await AuthenticateAsync(device, connection, line, remoteText, logger, cancellationToken);
        if (userName is null)
        {
            return;
        }

        var terminal = new CliTerminal(connection.Input, connection.Output) { IsInteractive = true, TerminalType = connection.TerminalType };
        connection.Resized = terminal.Resize;
        using var cli = await CliSession.OpenAsync(device, new LoginRequest(userName, remote, "Telnet"), cancellationToken);
        var vty = cli.Login?.Line ?? "no free VTY";
        LogOpened(logger, LogText(userName), remoteText, vty);
        if (cli.Login is not null)
        {
            Comware.Logging.DeviceLog.Login(device, userName, remoteText);
        }

        try
        {
            await cli.RunShellAsync(terminal, cancellationToken);
        }
        finally
        {
            LogClosed(logger, LogText(userName), remoteText, vty);
            if (cli.Login is not null)
            {
                Comware.Logging.DeviceLog.Logout(device, userName, remoteText);
            }
        }
    }

    /// <summary>Settings of the VTY the login will take (the lowest free one); null when every VTY is in use.</summary>
    private static LineSettings? FreeLine(ComwareDevice device)
    {
        var used = device.Logins.Snapshot().Select(l => l.Vty).ToHashSet();
        var vty = Enumerable.Range(0, device.Logins.VtyCount).FirstOrDefault(i => !used.Contains(i), -1);
        var lines = device.GetState<ManagementState>().Current.Vty;
        return vty < 0 ? null : vty < lines.Length ? lines[vty] : LineSettings.Default(LineKind.Vty);
    }

    /// <summary>The user name that logged in ("" for none/password modes), or null when the login failed.</summary>
    private static async Task<string?> AuthenticateAsync(ComwareDevice device, TelnetConnection connection, LineSettings line, string remote, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (line.AuthenticationMode == LineAuthenticationMode.None)
        {
            return "";
        }

        using var timeout = new CancellationTokenSource(LoginTimeout, device.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var reader = new TelnetLineReader(connection.Input, connection.Output);
        var v5 = device.Facts.Dialect == ComwareDialect.V5;
        try
        {
            if (v5)
            {
                await reader.WriteAsync(V5Heading, linked.Token);
            }

            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                string? user = "";
                if (line.AuthenticationMode == LineAuthenticationMode.Scheme)
                {
                    user = await reader.ReadLineAsync(v5 ? "Username:" : "\r\nlogin: ", echo: true, linked.Token);
                }

                var password = user is null ? null : await reader.ReadLineAsync(v5 ? "Password:" : "Password: ", echo: false, linked.Token);
                if (user is null || password is null)
                {
                    return null;
                }

                var ok = line.AuthenticationMode == LineAuthenticationMode.Scheme
                    ? new UserDirectory(device).CheckPassword(user, password, UserServices.Telnet)
                    : line.Password is { } stored && PasswordEncoder.Verify(stored, password);
                if (ok)
                {
                    return user;
                }

                LogFailed(logger, LogText(user), remote);
                Comware.Logging.DeviceLog.TelnetLoginFailed(device, user, remote);
                await reader.WriteAsync(LoginFailed + "\r\n", linked.Token);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogRefused(logger, remote, "login timed out");
        }

        return null;
    }

    private static string LogText(string user) => Emulator.Ssh.LogText.Escape(user);

    [LoggerMessage(LogLevel.Information, "telnet connection from {Remote} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string remote, string reason);

    [LoggerMessage(LogLevel.Warning, "login failed for user {User} from {Remote} (telnet)")]
    private static partial void LogFailed(ILogger logger, string user, string remote);

    [LoggerMessage(LogLevel.Information, "user {User} logged in from {Remote} (Telnet, {Line})")]
    private static partial void LogOpened(ILogger logger, string user, string remote, string line);

    [LoggerMessage(LogLevel.Information, "user {User} from {Remote} logged out ({Line})")]
    private static partial void LogClosed(ILogger logger, string user, string remote, string line);
}

/// <summary>Reads one line of the login dialog (user name echoed, password not), with backspace; at most 128 characters.</summary>
internal sealed class TelnetLineReader(PipeReader input, PipeWriter output)
{
    private const int MaxLength = 128;

    public async Task WriteAsync(string text, CancellationToken cancellationToken) =>
        await output.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);

    /// <summary>The line without its CR; null at end of input.</summary>
    public async Task<string?> ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken)
    {
        await WriteAsync(prompt, cancellationToken);
        var line = new StringBuilder();
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var consumed = 0L;
            var echoed = new StringBuilder();
            string? done = null;
            foreach (var segment in buffer)
            {
                foreach (var b in segment.Span)
                {
                    consumed++;
                    if (b is (byte)'\r' or (byte)'\n')
                    {
                        done = line.ToString();
                        break;
                    }

                    if (b is 0x08 or 0x7F)
                    {
                        if (line.Length > 0)
                        {
                            line.Length--;
                            echoed.Append(echo ? "\b \b" : "");
                        }
                    }
                    else if (b is >= 0x20 and < 0x7F && line.Length < MaxLength)
                    {
                        line.Append((char)b);
                        echoed.Append(echo ? (char)b : "");
                    }
                }

                if (done is not null)
                {
                    break;
                }
            }

            input.AdvanceTo(buffer.GetPosition(consumed));
            if (echoed.Length > 0)
            {
                await WriteAsync(echoed.ToString(), cancellationToken);
            }

            if (done is not null)
            {
                // The device moves to the next line after Enter, echoed or not.
                await WriteAsync("\r\n", cancellationToken);
                return done;
            }

            if (result.IsCompleted)
            {
                return null;
            }
        }
    }
}
