using System.Collections.Frozen;
using Emulator.Comware;
using Emulator.Ssh;

namespace Emulator.Device.Wiring;

/// <summary>A protocol a device serves as an SSH subsystem (RFC 4254 6.5), such as SFTP or NETCONF.</summary>
internal interface IDeviceSubsystem
{
    /// <summary>The subsystem name clients ask for ("sftp", "netconf").</summary>
    string Name { get; }

    /// <summary>Whether the device's running configuration offers it to this user now.</summary>
    bool IsOffered(ComwareDevice device, SubsystemRequest request);

    /// <summary>Serves the channel until the client ends it; the result is sent as exit-status.</summary>
    Task<int?> RunAsync(ComwareDevice device, SshSession session, CancellationToken cancellationToken);
}

/// <summary>The subsystems every device knows; whether one is offered is the device's running configuration's choice.</summary>
internal static class DeviceSubsystems
{
    private static readonly FrozenDictionary<string, IDeviceSubsystem> ByName =
        new IDeviceSubsystem[] { new SftpSubsystem(), new NetconfSubsystem() }.ToFrozenDictionary(subsystem => subsystem.Name, StringComparer.Ordinal);

    public static IDeviceSubsystem? Find(string name) => ByName.GetValueOrDefault(name);
}
