using Emulator.Comware;
using Emulator.Comware.Auth;
using Emulator.Comware.Runtime;
using Emulator.Ssh;

namespace Emulator.Device.Runtime;

/// <summary>
/// The CLI half of a device as the device layer drives it: configuration, users and shell sessions.
/// <see cref="Wiring.ComwareEngine"/> implements it over <see cref="ComwareDevice"/>; keeping the seam this
/// small keeps the device layer independent of the CLI's internals.
/// </summary>
public interface IDeviceEngine : IDisposable
{
    /// <summary>Loads startup.cfg (or the factory configuration) once; later calls return at once.</summary>
    Task BootAsync(CancellationToken cancellationToken);

    /// <summary>Running configuration := saved configuration (reboot).</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Running configuration := the profile's factory configuration.</summary>
    Task ResetToDefaultsAsync(CancellationToken cancellationToken);

    /// <summary>What <c>display current-configuration</c> prints, as <c>save</c> writes it: one consistent snapshot.</summary>
    Task<string> RenderRunningConfigurationAsync(CancellationToken cancellationToken);

    /// <summary>Lines of the last boot, reboot or reset that failed (empty when all ran).</summary>
    ConfigurationLoadReport? LastBootReport { get; }

    /// <summary>Who is logged in on which VTY.</summary>
    IReadOnlyList<LoginSessionInfo> Sessions { get; }

    /// <summary>Local users and SSH server settings of the running configuration.</summary>
    UserDirectory Users { get; }

    /// <summary>
    /// Whether the running configuration offers this SSH subsystem ("sftp", "netconf") to this user: the switch
    /// (<c>sftp server enable</c>, <c>netconf ssh server enable</c>) and the user's service types.
    /// </summary>
    bool OffersSubsystem(SubsystemRequest request);

    /// <summary>The SNMP agent's configuration and the model its MIBs show, copied under the device lock.</summary>
    Task<Snmp.SnmpSnapshot> ReadSnmpAsync(CancellationToken cancellationToken);

    /// <summary>Runs configuration lines as if typed in system view (an SNMP SET writes the model as the CLI would).</summary>
    Task<ConfigurationLoadReport> ApplyConfigurationAsync(string text, CancellationToken cancellationToken);

    /// <summary>An SSH login failed: the information center logs it (SSHS_LOG / SSH_LOGIN_FAIL).</summary>
    void LoginFailed(string userName, string remoteAddress);

    /// <summary>Emits an information-center message as the device's own (log buffer, terminal monitor, loghosts).</summary>
    Task EmitLogAsync(string moduleName, int severity, string mnemonic, string text, CancellationToken cancellationToken);

    /// <summary>Runs a shell or exec request on a free VTY, or an offered subsystem, until it ends; returns the exit status.</summary>
    Task<int?> RunSessionAsync(SshSession session, CancellationToken cancellationToken);

    /// <summary>Serves one telnet connection (login, then a CLI session on a VTY) until it ends.</summary>
    Task RunTelnetAsync(System.IO.Pipelines.IDuplexPipe transport, System.Net.IPEndPoint? remote, CancellationToken cancellationToken);
}

/// <summary>Creates the engine of one device the first time the device is used.</summary>
public delegate IDeviceEngine DeviceEngineFactory(DeviceFacts facts, IDeviceServices services, TimeProvider time, Microsoft.Extensions.Logging.ILogger logger);
