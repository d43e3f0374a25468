using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Interfaces;

/// <summary>One Layer 3 interface: physical ports from the profile, plus logical ones created on demand.</summary>
public sealed class FwInterface
{
    private readonly List<IpPrefix> _subAddresses = [];

    internal FwInterface(InterfaceName id, string macAddress, string defaultSpeed)
    {
        Id = id;
        Name = id.FullName;
        Kind = id.Kind;
        MacAddress = macAddress;
        DefaultSpeed = defaultSpeed;
        SortKey = id.SortKey;
    }

    /// <summary>The parsed name; <see cref="Name"/> is its full form, the key everything else refers to it by.</summary>
    public InterfaceName Id { get; }

    public string Name { get; }

    public InterfaceKind Kind { get; }

    /// <summary>Computed once: listings sort every interface on each display.</summary>
    public InterfaceSortKey SortKey { get; }

    public string BriefName => Id.BriefName;

    /// <summary>Physical ports and the system interfaces exist from boot and cannot be removed.</summary>
    public bool IsPermanent => Kind is InterfaceKind.Ethernet or InterfaceKind.Null or InterfaceKind.InLoopBack;

    /// <summary>Shown in configuration only when set; displays fall back to <see cref="DefaultDescription"/>.</summary>
    public string? Description { get; internal set; }

    public string DefaultDescription => $"{Name} Interface";

    public string EffectiveDescription => Description ?? DefaultDescription;

    public bool AdminDown { get; internal set; }

    /// <summary><c>auto</c>, <c>10</c>, <c>100</c>, <c>1000</c>; null = auto (the default, not rendered).</summary>
    public string? Speed { get; internal set; }

    /// <summary><c>auto</c>, <c>full</c>, <c>half</c>; null = auto.</summary>
    public string? Duplex { get; internal set; }

    public string DefaultSpeed { get; }

    public string MacAddress { get; }

    public IpPrefix? PrimaryAddress { get; internal set; }

    public IReadOnlyList<IpPrefix> SubAddresses => _subAddresses;

    internal List<IpPrefix> SubAddressList => _subAddresses;

    public IEnumerable<IpPrefix> AllAddresses => PrimaryAddress is { } primary ? [primary, .. _subAddresses] : _subAddresses;

    /// <summary>Ethernet sub-interfaces terminate this VLAN ID (<c>vlan-type dot1q vid N</c>); null when not set.</summary>
    public int? Dot1qVid { get; internal set; }

    public InterfaceCounters Counters { get; } = new();

    /// <summary>
    /// The emulated wire is always connected, so the physical state follows the administrative state alone;
    /// a sub-interface also follows its parent.
    /// </summary>
    public bool PhysicalUp(FwInterface? parent) => !AdminDown && (parent is null || parent.PhysicalUp(null));

    /// <summary>
    /// Line protocol: NULL0/InLoopBack0 are always up (spoofing); routed interfaces need an address.
    /// </summary>
    public bool ProtocolUp(FwInterface? parent) => Kind switch
    {
        InterfaceKind.Null or InterfaceKind.InLoopBack => true,
        _ => PhysicalUp(parent) && PrimaryAddress is not null,
    };

    public bool IsSpoofing => Kind is InterfaceKind.Null or InterfaceKind.InLoopBack or InterfaceKind.LoopBack;
}

/// <summary>Traffic counters a simulated ping or tracert moves; read by display interface.</summary>
public sealed class InterfaceCounters
{
    public long InputPackets { get; private set; }

    public long InputBytes { get; private set; }

    public long OutputPackets { get; private set; }

    public long OutputBytes { get; private set; }

    internal void CountOutput(int bytes)
    {
        OutputPackets++;
        OutputBytes += bytes;
    }

    internal void CountInput(int bytes)
    {
        InputPackets++;
        InputBytes += bytes;
    }

    internal void Reset()
    {
        InputPackets = InputBytes = OutputPackets = OutputBytes = 0;
    }
}
