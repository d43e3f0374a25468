using Emulator.Comware;
using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;
using Emulator.Device.Runtime;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Wiring;

/// <summary><see cref="IDeviceEngine"/> over the Comware CLI: a <see cref="ComwareDevice"/> and one <see cref="CliSession"/> per SSH session.</summary>
public sealed class ComwareEngine : IDeviceEngine
{
    private readonly ComwareDevice _device;

    private ComwareEngine(DeviceFacts facts, IDeviceServices services, TimeProvider time, ILogger logger)
    {
        _device = new ComwareDevice(facts, services, time, logger: logger);
        Users = new UserDirectory(_device);
    }

    public static DeviceEngineFactory Factory { get; } = (facts, services, time, logger) => new ComwareEngine(facts, services, time, logger);

    public UserDirectory Users { get; }

    public Task BootAsync(CancellationToken cancellationToken) => _device.EnsureBootedAsync(cancellationToken);

    public Task ReloadAsync(CancellationToken cancellationToken) => _device.BootAsync(cancellationToken);

    public Task ResetToDefaultsAsync(CancellationToken cancellationToken) => _device.ResetToDefaultsAsync(cancellationToken);

    public string RenderRunningConfiguration() => _device.RenderCurrentConfiguration();

    public async Task<int?> RunSessionAsync(SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var terminal = new CliTerminal(session.Input, session.Output)
        {
            IsInteractive = session.Terminal is not null,
            TerminalType = session.Terminal?.TermType ?? "dumb",
        };
        if (session.Terminal is { } pty)
        {
            terminal.Resize(pty.Columns, pty.Rows);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var resizes = FollowResizesAsync(session, terminal, stop.Token);
        try
        {
            var privilege = Users.GetPrivilege(session.UserName);
            var remote = session.RemoteEndPoint is System.Net.IPEndPoint ip ? ip.Address.ToString() : "";
            var cli = new CliSession(_device, new CliUser(session.UserName, privilege.Level, privilege.Roles, remote));
            return session.Kind == SshSessionKind.Exec
                ? await cli.ExecAsync(session.Command ?? "", terminal, cancellationToken)
                : await cli.RunShellAsync(terminal, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await resizes.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _device.Dispose();

    private static async Task FollowResizesAsync(SshSession session, CliTerminal terminal, CancellationToken cancellationToken)
    {
        await foreach (var change in session.Events.WithCancellation(cancellationToken))
        {
            if (change is WindowChanged resize)
            {
                terminal.Resize(resize.Columns, resize.Rows);
            }
        }
    }
}
