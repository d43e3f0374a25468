namespace Emulator.Comware;

public enum ComwareDialect
{
    /// <summary>Comware V5 (Version 5.20): the SecPath F1000-E, F5000-A5, U200 and SecBlade families.</summary>
    V5,

    /// <summary>Comware V7 (Version 7.1.x): F1000-AI/F5000-AI series and later.</summary>
    V7,
}

/// <summary>
/// What the CLI needs to know about the hardware and software it pretends to be. Filled by the device
/// layer from a YAML profile; immutable and shared by every device of one model.
/// </summary>
public sealed record DeviceFacts
{
    /// <summary>Marketing model name as displays print it, e.g. <c>SecPath F1000-E</c>.</summary>
    public required string Model { get; init; }

    public required ComwareDialect Dialect { get; init; }

    public required string DefaultSysname { get; init; }

    /// <summary>e.g. <c>5.20</c> or <c>7.1.064</c>.</summary>
    public required string SoftwareVersion { get; init; }

    /// <summary>e.g. <c>Release 3177</c> (V5) or <c>Release 9333P26</c> (V7).</summary>
    public required string Release { get; init; }

    /// <summary>Years in the login copyright banner, e.g. <c>2004-2011</c>.</summary>
    public string CopyrightYears { get; init; } = "2004-2011";

    /// <summary>Hardware facts printed by display version / display device / manuinfo.</summary>
    public HardwareFacts Hardware { get; init; } = new();

    /// <summary>Physical interfaces present at boot, by full Comware name (e.g. GigabitEthernet0/0).</summary>
    public IReadOnlyList<InterfaceFacts> Interfaces { get; init; } = [];

    /// <summary>
    /// Number of VTY user lines, a model fact: V5 SecPath/MSR boxes have <c>user-interface vty 0 4</c> (5), V7 has
    /// <c>line vty 0 63</c> (64). Logins beyond it are refused; <c>user-interface vty</c> ranges stop at it.
    /// </summary>
    public required int VtyLines { get; init; }

    /// <summary>Devices at the other end of our ports (fleet <c>links:</c>, static neighbours): LLDP, ARP and MAC tables learn them.</summary>
    public IReadOnlyList<Model.Layer2.NeighborFacts> Neighbors { get; init; } = [];

    /// <summary>Factory configuration as Comware text, replayed when no startup.cfg exists.</summary>
    public string DefaultConfiguration { get; init; } = "";

    /// <summary>Command line (normalised by <see cref="Comware.RecordedOutputs.Normalize"/>) → what a real device printed for it.</summary>
    public IReadOnlyDictionary<string, string> RecordedOutputs { get; init; } = Comware.RecordedOutputs.None;
}

public sealed record HardwareFacts
{
    public string Cpu { get; init; } = "";
    public int MemoryMb { get; init; } = 1024;
    public int FlashMb { get; init; } = 256;

    /// <summary>Name of the storage device holding startup.cfg, without the colon: <c>cfa0</c> (CF card) or <c>flash</c>.</summary>
    public string StorageMedium { get; init; } = "flash";
    public string BootRomVersion { get; init; } = "";
    public string PcbVersion { get; init; } = "";
    public string CpldVersion { get; init; } = "";
    public string SerialNumber { get; init; } = "";
    public string BaseMacAddress { get; init; } = "";
    public string ManufacturingDate { get; init; } = "";
    public string VendorName { get; init; } = "H3C";

    /// <summary>Boards/slots for display device (chassis models have several).</summary>
    public IReadOnlyList<BoardFacts> Boards { get; init; } = [];

    /// <summary>Fans listed by <c>display fan</c> (profile <c>hardware.fans</c>); all report Normal.</summary>
    public int Fans { get; init; } = 2;

    /// <summary>Power supply bays listed by <c>display power</c> (<c>hardware.power-supplies</c>).</summary>
    public int PowerSupplies { get; init; } = 2;

    /// <summary>Bays holding a working supply (<c>hardware.power-supplies-present</c>); the rest print Absent.</summary>
    public int PowerSuppliesPresent { get; init; } = 1;

    /// <summary>Temperature sensors of <c>display environment</c> (<c>hardware.temperature-sensors</c>).</summary>
    public IReadOnlyList<string> TemperatureSensors { get; init; } = ["hotspot 1"];

    /// <summary>Temperature every sensor reads, in degrees Celsius (<c>hardware.temperature-c</c>).</summary>
    public int TemperatureC { get; init; } = 38;

    /// <summary>
    /// Boot image file names without the medium (<c>hardware.boot-images</c>): one <c>.bin</c> on V5, the boot and
    /// system packages on V7. Empty: derived from the model and release as <c>display version</c> names them.
    /// </summary>
    public IReadOnlyList<string> BootImages { get; init; } = [];

    /// <summary>
    /// Size in bytes of each of <see cref="BootImages"/>, in order (<c>hardware.boot-image-sizes</c>); missing entries
    /// take <see cref="Storage.StorageLayout.DefaultImageBytes"/>. The images exist on the medium as sparse placeholders.
    /// </summary>
    public IReadOnlyList<long> BootImageSizes { get; init; } = [];

    /// <summary>Size of the storage medium in MB (<c>hardware.storage-mb</c>); 0 = <see cref="FlashMb"/>.</summary>
    public int StorageMb { get; init; }
}

public sealed record BoardFacts(int Slot, int SubSlot, string Type, string Status, string SerialNumber);

public sealed record InterfaceFacts(string Name, string DefaultSpeed = "1000", string MediaType = "copper", string? MacAddress = null);
