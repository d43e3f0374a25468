using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Objects;

/// <summary>Address and service objects (V5 objects, V7 object groups), with the predefined services. An object that a policy, rule or group uses cannot be deleted.</summary>
public sealed class ObjectTable
{
    /// <summary>V5 default objects that match everything (unverified names).</summary>
    public const string AnyAddress = "any_address";
    public const string AnyService = "any_service";

    // Predefined services present on both dialects; V7 lists them under "display object-group service default".
    private static readonly (string Name, int Protocol, int Port)[] s_predefinedServices =
    [
        ("http", Ports.Tcp, 80), ("https", Ports.Tcp, 443), ("ssh", Ports.Tcp, 22), ("telnet", Ports.Tcp, 23),
        ("ftp", Ports.Tcp, 21), ("smtp", Ports.Tcp, 25), ("pop3", Ports.Tcp, 110), ("dns", Ports.Udp, 53),
        ("ntp", Ports.Udp, 123), ("snmp", Ports.Udp, 161), ("ping", Ports.Icmp, -1), ("icmp", Ports.Icmp, -1),
    ];

    private readonly FirewallConfig _config;
    private Dictionary<string, AddressObject>? _addressObjects;
    private Dictionary<string, ServiceObject>? _serviceObjects;

    internal ObjectTable(FirewallConfig config)
    {
        _config = config;
    }

    private ComwareDialect Dialect => _config.Dialect;

    private Dictionary<string, AddressObject> AddressObjectMap => _addressObjects ??= CreateDefaultAddressObjects();

    private Dictionary<string, ServiceObject> ServiceObjectMap => _serviceObjects ??= CreateDefaultServiceObjects();

    /// <summary>User-created address objects (V5 address objects, V7 IPv4 address object groups), by name.</summary>
    public IEnumerable<AddressObject> AddressObjects => AddressObjectMap.Values.Where(o => !o.IsDefault).OrderBy(o => o.Name, StringComparer.Ordinal);

    public IEnumerable<ServiceObject> ServiceObjects => ServiceObjectMap.Values.Where(o => !o.IsDefault).OrderBy(o => o.Name, StringComparer.Ordinal);

    public IEnumerable<ServiceObject> DefaultServiceObjects => ServiceObjectMap.Values.Where(o => o.IsDefault);

    public AddressObject? FindAddressObject(string name) => AddressObjectMap.GetValueOrDefault(name);

    public ServiceObject? FindServiceObject(string name) => ServiceObjectMap.GetValueOrDefault(name);

    public FwResult GetOrCreateAddressObject(string name, out AddressObject? obj)
    {
        if (AddressObjectMap.TryGetValue(name, out obj))
        {
            return obj.IsDefault ? FwResult.Fail("A default object cannot be modified.") : FwResult.Success;
        }

        if (!IsValidObjectName(name) || ServiceObjectMap.ContainsKey(name))
        {
            return FwResult.Fail(ServiceObjectMap.ContainsKey(name) ? FwErrors.ObjectTypeMismatch : "Invalid object name.");
        }

        obj = new AddressObject(name, isDefault: false);
        AddressObjectMap[name] = obj;
        return FwResult.Success;
    }

    public FwResult GetOrCreateServiceObject(string name, out ServiceObject? obj)
    {
        if (ServiceObjectMap.TryGetValue(name, out obj))
        {
            return obj.IsDefault ? FwResult.Fail("A default object cannot be modified.") : FwResult.Success;
        }

        if (!IsValidObjectName(name) || AddressObjectMap.ContainsKey(name))
        {
            return FwResult.Fail(AddressObjectMap.ContainsKey(name) ? FwErrors.ObjectTypeMismatch : "Invalid object name.");
        }

        obj = new ServiceObject(name, isDefault: false);
        ServiceObjectMap[name] = obj;
        return FwResult.Success;
    }

    /// <summary>Deleting an object that a policy, rule or group uses fails with the device's "in use" error.</summary>
    public FwResult DeleteAddressObject(string name)
    {
        var obj = FindAddressObject(name);
        if (obj is null)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        if (obj.IsDefault)
        {
            return FwResult.Fail("A default object cannot be deleted.");
        }

        if (IsAddressObjectReferenced(obj.Name))
        {
            return FwResult.Fail(FwErrors.ObjectInUse);
        }

        AddressObjectMap.Remove(obj.Name);
        return FwResult.Success;
    }

    public FwResult DeleteServiceObject(string name)
    {
        var obj = FindServiceObject(name);
        if (obj is null)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        if (obj.IsDefault)
        {
            return FwResult.Fail("A default object cannot be deleted.");
        }

        if (IsServiceObjectReferenced(obj.Name))
        {
            return FwResult.Fail(FwErrors.ObjectInUse);
        }

        ServiceObjectMap.Remove(obj.Name);
        return FwResult.Success;
    }

    /// <summary>Adds a member: <c>host address A</c>, <c>subnet A M|LEN</c>, <c>range A B</c>, <c>group-object N</c>.</summary>
    public FwResult AddAddressMember(AddressObject obj, int? id, AddressSpec spec)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(spec);
        var memberId = id ?? obj.NextMemberId();
        AddressMember member;
        if (spec.Group is null)
        {
            member = spec.ToMember(memberId);
        }
        else
        {
            var nested = FindAddressObject(spec.Group);
            if (nested is null || nested.IsDefault)
            {
                return FwResult.Fail(FwErrors.ObjectNotFound);
            }

            if (nested == obj || AddressReaches(nested, obj.Name, 0))
            {
                return FwResult.Fail(FwErrors.ObjectSelfReference);
            }

            member = new AddressMember(memberId, AddressMemberKind.Group, 0, 0, 0, nested.Name);
        }

        if (obj.MemberMap.Values.Any(m => m.Id != memberId && m with { Id = memberId } == member))
        {
            return FwResult.Fail(FwErrors.ObjectMemberExists);
        }

        obj.MemberMap[memberId] = member;
        return FwResult.Success;
    }

    /// <summary>Adds <c>service tcp|udp [source OP P [P2]] [destination OP P [P2]]</c>, <c>service icmp|N</c> or <c>group-object N</c>.</summary>
    public FwResult AddServiceMember(ServiceObject obj, int? id, ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(spec);
        var memberId = id ?? obj.NextMemberId();
        ServiceMember? member;
        if (spec.Group is not null)
        {
            var nested = FindServiceObject(spec.Group);
            if (nested is null)
            {
                return FwResult.Fail(FwErrors.ObjectNotFound);
            }

            if (nested == obj || ServiceReaches(nested, obj.Name, 0))
            {
                return FwResult.Fail(FwErrors.ObjectSelfReference);
            }

            member = new ServiceMember(memberId, null, null, null, nested.Name);
        }
        else
        {
            member = new ServiceMember(memberId, spec.Protocol, spec.SourcePort, spec.DestinationPort);
        }

        if (obj.MemberMap.Values.Any(m => m.Id != memberId && m with { Id = memberId } == member))
        {
            return FwResult.Fail(FwErrors.ObjectMemberExists);
        }

        obj.MemberMap[memberId] = member!;
        return FwResult.Success;
    }

    public static FwResult DeleteAddressMember(AddressObject obj, int id)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.MemberMap.Remove(id) ? FwResult.Success : FwResult.Fail(FwErrors.ObjectNotFound);
    }

    public static FwResult DeleteServiceMember(ServiceObject obj, int id)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.MemberMap.Remove(id) ? FwResult.Success : FwResult.Fail(FwErrors.ObjectNotFound);
    }

    /// <summary>Removes the member equal to the typed one (V5 objects have no IDs; undo repeats the member line).</summary>
    public FwResult DeleteAddressMemberByValue(AddressObject obj, AddressSpec spec)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var probe = new AddressObject("probe", isDefault: false);
        var parsed = AddAddressMember(probe, 0, spec);
        if (!parsed.Ok)
        {
            return parsed;
        }

        var target = probe.MemberMap[0];
        var existing = obj.MemberMap.Values.FirstOrDefault(m => m with { Id = 0 } == target);
        return existing is null ? FwResult.Fail(FwErrors.ObjectNotFound) : DeleteAddressMember(obj, existing.Id);
    }

    public FwResult DeleteServiceMemberByValue(ServiceObject obj, ServiceSpec spec)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var probe = new ServiceObject("probe", isDefault: false);
        var parsed = AddServiceMember(probe, 0, spec);
        if (!parsed.Ok)
        {
            return parsed;
        }

        var target = probe.MemberMap[0];
        var existing = obj.MemberMap.Values.FirstOrDefault(m => m with { Id = 0 } == target);
        return existing is null ? FwResult.Fail(FwErrors.ObjectNotFound) : DeleteServiceMember(obj, existing.Id);
    }

    public static FwResult SetDescription(object obj, string? text)
    {
        var value = string.IsNullOrEmpty(text) ? null : text;
        switch (obj)
        {
            case AddressObject address:
                address.Description = value;
                return FwResult.Success;
            case ServiceObject service:
                service.Description = value;
                return FwResult.Success;
            default:
                return FwResult.Fail(FwErrors.ObjectTypeMismatch);
        }
    }

    public bool AddressObjectContains(string name, uint address) =>
        FindAddressObject(name) is { } obj && AddressContains(obj, address, 0);

    public bool ServiceObjectMatches(string name, int protocol, int sourcePort, int destinationPort) =>
        FindServiceObject(name) is { } obj && ServiceMatches(obj, protocol, sourcePort, destinationPort, 0);

    private bool AddressContains(AddressObject obj, uint address, int depth)
    {
        if (obj.Name == AnyAddress)
        {
            return true;
        }

        foreach (var member in obj.MemberMap.Values)
        {
            var hit = member.Kind switch
            {
                AddressMemberKind.Host or AddressMemberKind.Range => address >= member.Start && address <= member.End,
                AddressMemberKind.Subnet => new IpPrefix(member.Start, member.Length).Contains(address),
                _ => depth < 8 && FindAddressObject(member.Group!) is { } nested && AddressContains(nested, address, depth + 1),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    private bool ServiceMatches(ServiceObject obj, int protocol, int sourcePort, int destinationPort, int depth) =>
        obj.Name == AnyService || obj.MemberMap.Values.Any(m => m.MatchesSelf(protocol, sourcePort, destinationPort)
            || (m.Group is not null && depth < 8 && FindServiceObject(m.Group) is { } nested && ServiceMatches(nested, protocol, sourcePort, destinationPort, depth + 1)));

    private bool AddressReaches(AddressObject from, string target, int depth) =>
        depth < 8 && from.MemberMap.Values.Any(m => m.Group is not null
            && (string.Equals(m.Group, target, StringComparison.OrdinalIgnoreCase) || (FindAddressObject(m.Group) is { } next && AddressReaches(next, target, depth + 1))));

    private bool ServiceReaches(ServiceObject from, string target, int depth) =>
        depth < 8 && from.MemberMap.Values.Any(m => m.Group is not null
            && (string.Equals(m.Group, target, StringComparison.OrdinalIgnoreCase) || (FindServiceObject(m.Group) is { } next && ServiceReaches(next, target, depth + 1))));

    public bool IsAddressObjectInUse(string name) => IsAddressObjectReferenced(name);

    public bool IsServiceObjectInUse(string name) => IsServiceObjectReferenced(name);

    private bool IsAddressObjectReferenced(string name) =>
        AddressObjectMap.Values.Any(o => o.MemberMap.Values.Any(m => string.Equals(m.Group, name, StringComparison.OrdinalIgnoreCase)))
        || _config.SecurityPolicy.Any(r => r.SourceAddresses.Concat(r.DestinationAddresses).Any(a => string.Equals(a.ObjectName, name, StringComparison.OrdinalIgnoreCase)))
        || _config.Interzones.Any(i => i.Rules.Any(r => r.SourceObjects.Concat(r.DestinationObjects).Contains(name, StringComparer.OrdinalIgnoreCase)));

    private bool IsServiceObjectReferenced(string name) =>
        ServiceObjectMap.Values.Any(o => o.MemberMap.Values.Any(m => string.Equals(m.Group, name, StringComparison.OrdinalIgnoreCase)))
        || _config.SecurityPolicy.Any(r => r.Services.Contains(name, StringComparer.OrdinalIgnoreCase))
        || _config.Interzones.Any(i => i.Rules.Any(r => r.Services.Contains(name, StringComparer.OrdinalIgnoreCase)));

    private static bool IsValidObjectName(string name) =>
        name.Length is > 0 and <= 31 && !name.Contains(' ', StringComparison.Ordinal) && !name.Equals("any", StringComparison.OrdinalIgnoreCase);

    private Dictionary<string, AddressObject> CreateDefaultAddressObjects()
    {
        var map = new Dictionary<string, AddressObject>(StringComparer.OrdinalIgnoreCase);
        if (Dialect == ComwareDialect.V5)
        {
            map[AnyAddress] = new AddressObject(AnyAddress, isDefault: true);
        }

        return map;
    }

    private Dictionary<string, ServiceObject> CreateDefaultServiceObjects()
    {
        var map = new Dictionary<string, ServiceObject>(StringComparer.OrdinalIgnoreCase);
        if (Dialect == ComwareDialect.V5)
        {
            map[AnyService] = new ServiceObject(AnyService, isDefault: true);
        }

        foreach (var (name, protocol, port) in s_predefinedServices)
        {
            var service = new ServiceObject(name, isDefault: true);
            var destination = port < 0 ? (PortMatch?)null : new PortMatch(PortOperator.Eq, port, port);
            service.MemberMap[0] = new ServiceMember(0, protocol, null, destination);
            map[name] = service;
        }

        return map;
    }
}
