using System.Net;
using Emulator.Device.Profiles;

namespace Emulator.Device.Fleet;

/// <summary>One device to run: its model, name, SSH endpoint and per-device choices.</summary>
/// <param name="Users">Factory users; null takes the profile's.</param>
/// <param name="Sysname">Factory sysname; null takes the profile's.</param>
public sealed record DeviceSpec(
    string Name,
    DeviceProfile Profile,
    IPEndPoint SshEndPoint,
    AlgorithmPolicy Policy,
    IReadOnlyList<ProfileUser>? Users = null,
    string? Sysname = null)
{
    /// <summary>UDP address of the SNMP agent (fleet <c>snmp:</c>); null = no SNMP listener.</summary>
    public IPEndPoint? SnmpEndPoint { get; init; }

    /// <summary>Defaults of the one-device emulator: fw1, F1000-E, 127.0.0.1:2222.</summary>
    public const string DefaultName = "fw1";

    public const string DefaultProfile = "F1000-E";

    public const int DefaultPort = 2222;

    /// <summary>Faults injected from the start (fleet file <c>faults:</c>).</summary>
    public IReadOnlyList<Faults.FaultSpec> Faults { get; init; } = [];
    /// <summary>NETCONF-over-SSH listener (fleet <c>netconf:</c>, the device's port 830); null = none.</summary>
    public IPEndPoint? NetconfEndPoint { get; init; }

    /// <summary>Devices at the other end of its ports (fleet <c>links:</c> and the entry's <c>neighbors:</c>).</summary>
    public IReadOnlyList<Comware.Model.Layer2.NeighborFacts> Neighbors { get; init; } = [];

    /// <summary>Telnet listener (fleet <c>telnet:</c>, the device's port 23); null = none.</summary>
    public IPEndPoint? TelnetEndPoint { get; init; }
}
