using System.Collections;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Zones;

/// <summary>The security zones: the defaults (V5 Management/Local/Trust/DMZ/Untrust with ids and priorities; V7 the same names) and those created by <c>zone name</c> / <c>security-zone name</c>, with their member interfaces.</summary>
public sealed class ZoneTable : IReadOnlyList<SecurityZone>
{
    /// <summary>Name of the zone the device itself belongs to; traffic to or from the box is in it.</summary>
    public const string LocalZone = "Local";

    private readonly FirewallConfig _config;
    private readonly List<SecurityZone> _zones = [];

    internal ZoneTable(FirewallConfig config)
    {
        _config = config;
        InitZones();
    }

    public int Count => _zones.Count;

    private ComwareDialect Dialect => _config.Dialect;

    public SecurityZone this[int index] => _zones[index];

    public IEnumerator<SecurityZone> GetEnumerator() => _zones.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An interface that is deleted leaves its zone.</summary>
    internal void Forget(string interfaceName)
    {
        foreach (var zone in _zones)
        {
            zone.InterfaceList.RemoveAll(n => n == interfaceName);
        }
    }

    public SecurityZone? Find(string name) => _zones.Find(z => string.Equals(z.Name, name, StringComparison.OrdinalIgnoreCase));

    public SecurityZone? ZoneOf(string interfaceName) => _zones.Find(z => z.InterfaceList.Contains(interfaceName));

    /// <summary><c>zone name NAME [id N]</c> (V5) / <c>security-zone name NAME</c> (V7): find or create.</summary>
    public FwResult GetOrCreate(string name, int? id, out SecurityZone? zone)
    {
        zone = Find(name);
        if (zone is not null)
        {
            return id is null || id == zone.Id ? FwResult.Success : FwResult.Fail("The zone ID is inconsistent with the existing zone.");
        }

        if (name.Length is 0 or > 31 || name.Contains(' ', StringComparison.Ordinal))
        {
            return FwResult.Fail("Invalid zone name.");
        }

        if (id is { } wanted && (wanted is < 0 or > 255 || _zones.Exists(z => z.Id == wanted)))
        {
            return FwResult.Fail("The zone ID already exists.");
        }

        var assigned = id ?? Enumerable.Range(0, 256).First(n => !_zones.Exists(z => z.Id == n));
        zone = new SecurityZone(name, assigned, Dialect == ComwareDialect.V5 ? 0 : null, isDefault: false);
        _zones.Add(zone);
        return FwResult.Success;
    }

    public FwResult Delete(string name)
    {
        var zone = Find(name);
        if (zone is null)
        {
            return FwResult.Fail(FwErrors.ZoneNotFound);
        }

        if (zone.IsDefault)
        {
            return FwResult.Fail(FwErrors.DefaultZoneUndeletable);
        }

        if (IsZoneReferenced(zone.Name))
        {
            return FwResult.Fail(FwErrors.ZoneInUse);
        }

        _zones.Remove(zone);
        return FwResult.Success;
    }

    /// <summary>V5 <c>priority N</c>; default zones keep their priority, as the firewall documentation states.</summary>
    public static FwResult SetPriority(SecurityZone zone, int priority)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.IsDefault && zone.Priority != priority)
        {
            return FwResult.Fail("The priority of a default security zone cannot be modified.");
        }

        if (priority is < 0 or > 100)
        {
            return FwResult.Fail("Invalid priority.");
        }

        zone.Priority = priority;
        return FwResult.Success;
    }

    public FwResult ImportInterface(SecurityZone zone, InterfaceName interfaceName)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var iface = _config.Interfaces.Find(interfaceName);
        if (iface is null || iface.Kind is InterfaceKind.Null or InterfaceKind.InLoopBack)
        {
            return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        if (string.Equals(zone.Name, LocalZone, StringComparison.OrdinalIgnoreCase))
        {
            return FwResult.Fail("Interfaces cannot be added to the Local zone.");
        }

        var current = ZoneOf(iface.Name);
        if (current == zone)
        {
            return FwResult.Success;
        }

        if (current is not null)
        {
            return FwResult.Fail(FwErrors.InterfaceInOtherZone);
        }

        zone.InterfaceList.Add(iface.Name);
        zone.InterfaceList.Sort(InterfaceNames.Compare);
        return FwResult.Success;
    }

    public FwResult RemoveInterface(SecurityZone zone, InterfaceName interfaceName)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var iface = _config.Interfaces.Find(interfaceName);
        return iface is not null && zone.InterfaceList.Remove(iface.Name) ? FwResult.Success : FwResult.Fail(FwErrors.InterfaceNotInZone);
    }

    private void InitZones()
    {
        // V5 ids and priorities follow (unverified on H3C; attested for the sister USG family).
        (string Name, int Priority)[] defaults = Dialect == ComwareDialect.V5
            ? [("Management", 100), ("Local", 100), ("Trust", 85), ("DMZ", 50), ("Untrust", 5)]
            : [("Local", 0), ("Trust", 0), ("DMZ", 0), ("Untrust", 0), ("Management", 0)];
        for (var i = 0; i < defaults.Length; i++)
        {
            var priority = Dialect == ComwareDialect.V5 ? defaults[i].Priority : (int?)null;
            _zones.Add(new SecurityZone(defaults[i].Name, i, priority, isDefault: true));
        }
    }

    private bool IsZoneReferenced(string zone) =>
        _config.SecurityPolicy.Any(r => r.SourceZones.Contains(zone, StringComparer.OrdinalIgnoreCase) || r.DestinationZones.Contains(zone, StringComparer.OrdinalIgnoreCase))
        || _config.Interzones.Any(i => string.Equals(i.Source, zone, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Destination, zone, StringComparison.OrdinalIgnoreCase));
}
