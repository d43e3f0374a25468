using Emulator.Device.Runtime;
using Emulator.Ssh;

namespace Emulator.Device.Wiring;

/// <summary>Binds an SSH session channel to the device's CLI engine, booting the device on first use.</summary>
internal sealed class SshSessionHandler(DeviceInstance device) : ISessionHandler
{
    public Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (device.Faults.DropAtLogin(session.UserName))
        {
            device.DropConnection(session.RemoteEndPoint, Faults.DropStage.Login);
            return Task.FromResult<int?>(null);
        }

        if (session.Kind != SshSessionKind.Subsystem && device.IsNetconfPort(session.LocalEndPoint))
        {
            // The NETCONF port serves the netconf subsystem only (RFC 6242 3); a shell or command there ends at once.
            return Task.FromResult<int?>(1);
        }

        // The device is almost always booted by now: the engine's task is the session's, with no state machine of
        // this method waiting beside it for the whole session.
        var engine = device.GetEngineAsync(cancellationToken);
        return engine.IsCompletedSuccessfully
            ? engine.Result.RunSessionAsync(session, cancellationToken)
            : RunWhenBootedAsync(engine, session, cancellationToken);
    }

    private static async Task<int?> RunWhenBootedAsync(ValueTask<IDeviceEngine> engine, SshSession session, CancellationToken cancellationToken) =>
        await (await engine).RunSessionAsync(session, cancellationToken);

    public async ValueTask<bool> SupportsSubsystemAsync(SubsystemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var engine = await device.GetEngineAsync(cancellationToken);
        return engine.OffersSubsystem(request);
    }
}
