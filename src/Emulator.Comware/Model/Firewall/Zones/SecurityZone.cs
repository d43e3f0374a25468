namespace Emulator.Comware.Model.Firewall.Zones;

/// <summary>A security zone: a named set of interfaces. V5 zones also carry an id and a priority.</summary>
public sealed class SecurityZone
{
    internal SecurityZone(string name, int id, int? priority, bool isDefault)
    {
        Name = name;
        Id = id;
        Priority = priority;
        IsDefault = isDefault;
    }

    public string Name { get; }

    public int Id { get; }

    /// <summary>V5 only (0-100); null on V7, which has no zone priorities.</summary>
    public int? Priority { get; internal set; }

    public bool IsDefault { get; }

    public IReadOnlyList<string> Interfaces => InterfaceList;

    internal List<string> InterfaceList { get; } = [];
}
