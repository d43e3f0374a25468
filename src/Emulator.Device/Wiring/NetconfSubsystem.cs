using System.Net;
using Emulator.Comware;
using Emulator.Comware.Auth;
using Emulator.Comware.Commands.Netconf;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Netconf;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Wiring;

/// <summary>
/// The <c>netconf</c> SSH subsystem (RFC 6242): offered on Comware 7 devices while <c>netconf ssh server enable</c> is
/// configured, to users whose <c>ssh user … service-type</c> (if any) is <c>netconf</c> or <c>all</c>. The session runs
/// as the SSH user with the same roles as a CLI login.
/// </summary>
internal sealed partial class NetconfSubsystem : IDeviceSubsystem
{
    public string Name => "netconf";

    public bool IsOffered(ComwareDevice device, SubsystemRequest request)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(request);
        if (device.Facts.Dialect != ComwareDialect.V7 || !device.GetState<NetconfSettings>().SshServerEnabled)
        {
            return false;
        }

        var sshUser = device.GetState<ManagementState>().Current.Ssh.Users.GetValueOrDefault(request.UserName);
        return sshUser?.ServiceType is null or "all" or "netconf";
    }

    public async Task<int?> RunAsync(ComwareDevice device, SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(session);
        var remote = (session.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "";
        var user = new UserDirectory(device).CreateCliUser(session.UserName, remote, 0);
        using var netconf = await NetconfSession.OpenAsync(device, user, session.Input, session.Output, cancellationToken);
        var name = LogText.Escape(session.UserName);
        LogOpened(device.Logger, name, remote, netconf.Id);
        try
        {
            return await netconf.RunAsync(cancellationToken);
        }
        finally
        {
            LogClosed(device.Logger, name, remote, netconf.Id);
        }
    }

    [LoggerMessage(LogLevel.Information, "user {User} from {Remote} opened NETCONF session {Id}")]
    private static partial void LogOpened(ILogger logger, string user, string remote, int id);

    [LoggerMessage(LogLevel.Information, "user {User} from {Remote} closed NETCONF session {Id}")]
    private static partial void LogClosed(ILogger logger, string user, string remote, int id);
}
