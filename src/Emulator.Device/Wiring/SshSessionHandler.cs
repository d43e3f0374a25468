using System.Net;
using Emulator.Comware;
using Emulator.Device.Runtime;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Wiring;

/// <summary>
/// Binds an SSH session channel to the device's CLI: registers the login on a VTY line (for
/// <c>display users</c>), logs it, and hands the channel to the engine.
/// </summary>
internal sealed partial class SshSessionHandler(DeviceInstance device, ILogger logger) : ISessionHandler
{
    public async Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var engine = await device.GetEngineAsync(cancellationToken);
        var id = session.ConnectionId + "/" + Guid.NewGuid().ToString("N")[..8];
        var remote = session.RemoteEndPoint is IPEndPoint ip ? ip.Address.ToString() : session.RemoteEndPoint?.ToString() ?? "";
        var info = new LoginSessionInfo("VTY " + device.NextVty(), session.UserName, remote, device.Time.GetUtcNow(), "SSH", "", "");
        device.AddSession(id, info);
        LogOpened(logger, session.UserName, remote, session.Kind, info.Line);
        if (session.Kind == SshSessionKind.Exec)
        {
            LogExec(logger, session.UserName, Emulator.Comware.CliSession.RedactSecrets(session.Command ?? ""));
        }
        try
        {
            var status = await engine.RunSessionAsync(session, cancellationToken);
            return status;
        }
        finally
        {
            device.RemoveSession(id);
            LogClosed(logger, session.UserName, remote, info.Line);
        }
    }

    [LoggerMessage(LogLevel.Information, "user {User} logged in from {Remote} ({Kind}, {Line})")]
    private static partial void LogOpened(ILogger logger, string user, string remote, SshSessionKind kind, string line);

    [LoggerMessage(LogLevel.Information, "user {User} runs: {Command}")]
    private static partial void LogExec(ILogger logger, string user, string command);

    [LoggerMessage(LogLevel.Information, "user {User} from {Remote} logged out ({Line})")]
    private static partial void LogClosed(ILogger logger, string user, string remote, string line);
}
