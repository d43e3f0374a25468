using Emulator.Comware;
using Emulator.Ssh;

namespace Emulator.Device.Profiles;

/// <summary>
/// One model, loaded from YAML with its <c>extends:</c> chain resolved. Immutable and shared by every
/// device of the model; per-device facts (serial number, MAC addresses, sysname, users) come from
/// <see cref="CreateFacts"/>.
/// </summary>
public sealed record DeviceProfile
{
    /// <summary>Profile name: the file name without extension, e.g. <c>F1000-E</c>.</summary>
    public required string Name { get; init; }

    public required string SourceFile { get; init; }

    /// <summary>Model as displays print it, e.g. <c>SecPath F1000-E</c>.</summary>
    public required string Model { get; init; }

    public required string Family { get; init; }

    public required ComwareDialect Dialect { get; init; }

    public required string SoftwareVersion { get; init; }

    /// <summary>Release number without the word, e.g. <c>3177</c> or <c>9333P30</c>.</summary>
    public required string Release { get; init; }

    public required string CopyrightYears { get; init; }

    public required string DefaultSysname { get; init; }

    /// <summary>Number of VTY user lines (<c>vty-lines</c>): 5 on V5 SecPath, 64 on V7.</summary>
    public required int VtyLines { get; init; }

    /// <summary>Outputs a real device printed for commands the model does not implement (<c>recorded-outputs:</c>).</summary>
    public IReadOnlyDictionary<string, string> RecordedOutputs { get; init; } = Comware.RecordedOutputs.None;

    /// <summary>Uptime the device already has when the emulator starts it.</summary>
    public TimeSpan UptimeBase { get; init; }

    /// <summary>Hardware facts; <see cref="HardwareFacts.SerialNumber"/> and <see cref="HardwareFacts.BaseMacAddress"/> hold patterns.</summary>
    public required HardwareFacts Hardware { get; init; }

    public required SshProfile Ssh { get; init; }

    public required IReadOnlyList<InterfaceFacts> Interfaces { get; init; }

    public required IReadOnlyList<ProfileUser> Users { get; init; }

    /// <summary>Factory configuration body (Comware text) without sysname, users and <c>return</c>.</summary>
    public required string DefaultConfiguration { get; init; }

    /// <summary>SNMP sysObjectID: the model's entry of HH3C-PRODUCT-ID-MIB (<c>sys-object-id</c>).</summary>
    public string SysObjectId { get; init; } = H3cProductIdRoot;

    /// <summary>hh3cProductId (HH3C-OID-MIB): the root of H3C's product identifiers.</summary>
    public const string H3cProductIdRoot = "1.3.6.1.4.1.25506.1";

    /// <summary>The facts one device of this model shows: patterns filled from the device name.</summary>
    public DeviceFacts CreateFacts(string deviceName, string? sysname = null, IReadOnlyList<ProfileUser>? users = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        var baseMac = DeviceIdentity.Expand(Hardware.BaseMacAddress, deviceName, "mac");
        var interfaces = new InterfaceFacts[Interfaces.Count];
        for (var i = 0; i < interfaces.Length; i++)
        {
            interfaces[i] = Interfaces[i] with { MacAddress = DeviceIdentity.OffsetMac(baseMac, i + 1) };
        }

        var serial = DeviceIdentity.Expand(Hardware.SerialNumber, deviceName, "serial");
        var boards = Hardware.Boards.Count > 0
            ? Hardware.Boards.Select(b => b with { SerialNumber = DeviceIdentity.Expand(b.SerialNumber.Length > 0 ? b.SerialNumber : Hardware.SerialNumber, deviceName, $"board{b.Slot}.{b.SubSlot}") }).ToArray()
            : [new BoardFacts(0, 0, Model, "Normal", serial)];

        return new DeviceFacts
        {
            Model = Model,
            Dialect = Dialect,
            DefaultSysname = sysname ?? DefaultSysname,
            VtyLines = VtyLines,
            SoftwareVersion = SoftwareVersion,
            Release = "Release " + Release,
            CopyrightYears = CopyrightYears,
            Hardware = Hardware with { SerialNumber = serial, BaseMacAddress = baseMac, Boards = boards },
            Interfaces = interfaces,
            DefaultConfiguration = FactoryConfiguration.Compose(this, sysname ?? DefaultSysname, users ?? Users),
            RecordedOutputs = RecordedOutputs,
        };
    }
}

/// <summary>SSH facts of a model.</summary>
/// <param name="Identification">Identification string without CR LF, e.g. <c>SSH-1.99-Comware-5.20</c>.</param>
/// <param name="Algorithms">Exactly what the model offers.</param>
/// <param name="HostKeys">Host keys the model has.</param>
/// <param name="DefaultPolicy">Algorithm policy of devices that do not choose one.</param>
public sealed record SshProfile(string Identification, SshAlgorithmLists Algorithms, IReadOnlyList<HostKeySpec> HostKeys, AlgorithmPolicy DefaultPolicy);

/// <param name="KeyType">ssh-rsa, ssh-dss, ecdsa-sha2-nistp256/384/521, ssh-ed25519.</param>
public sealed record HostKeySpec(string KeyType, int Bits)
{
    /// <summary>File name part as OpenSSH names host keys: rsa, dsa, ecdsa, ed25519.</summary>
    public string FileKind => HostKeyTypes.FileKind(KeyType);
}

/// <summary>A local user of the factory configuration.</summary>
/// <param name="Level">V5 privilege level 0-3.</param>
/// <param name="Role">V7 user role, e.g. network-admin.</param>
public sealed record ProfileUser(string Name, string Password, int? Level, string? Role, IReadOnlyList<string> Services);
