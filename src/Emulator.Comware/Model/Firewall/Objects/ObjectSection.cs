using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Objects;

/// <summary>Address and service objects (V5 <c>object</c>, V7 <c>object-group</c>); referenced objects print first. Written by the object views.</summary>
public sealed class ObjectSection : FirewallSection
{
    public static ObjectSection Instance { get; } = new();

    public override int Order => ConfigOrder.Acl - 10;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ObjectBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is AddressObject or ServiceObject ? ObjectBlock(config, view.State) : null;

    private static List<IReadOnlyList<string>> ObjectBlocks(FirewallConfig config, bool v7)
    {
        var blocks = new List<IReadOnlyList<string>>();
        blocks.AddRange(DependenciesFirst(config.Objects.AddressObjects.ToList(), o => o.Members.Select(m => m.Group), o => o.Name).Select(o => ObjectBlock(config, o)));
        blocks.AddRange(DependenciesFirst(config.Objects.ServiceObjects.ToList(), o => o.Members.Select(m => m.Group), o => o.Name).Select(o => ObjectBlock(config, o)));
        return blocks;
    }
    /// <summary>One address or service object with its members (<c>display this</c> in the object view too).</summary>
    public static List<string> ObjectBlock(FirewallConfig config, object obj)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        var (header, description, members) = obj switch
        {
            AddressObject a => (v7 ? $"object-group ip address {a.Name}" : $"object address {a.Name}", a.Description, a.Members.Select(m => m.Render(config.Dialect))),
            ServiceObject s => (v7 ? $"object-group service {s.Name}" : $"object service {s.Name}", s.Description, s.Members.Select(m => m.Render(config.Dialect))),
            _ => throw new ArgumentException("Not an object.", nameof(obj)),
        };
        var lines = new List<string> { header };
        if (description is not null)
        {
            lines.Add($" description {description}");
        }

        lines.AddRange(members.Select(m => " " + m));
        return lines;
    }
    /// <summary>Objects a group references are printed before the group, so that a replay finds them (then by name).</summary>
    private static List<T> DependenciesFirst<T>(List<T> items, Func<T, IEnumerable<string?>> references, Func<T, string> name)
    {
        var byName = items.ToDictionary(name, StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<T>();
        void Visit(T item, int depth)
        {
            if (depth > 16 || !done.Add(name(item)))
            {
                return;
            }

            foreach (var reference in references(item))
            {
                if (reference is not null && byName.TryGetValue(reference, out var dependency))
                {
                    Visit(dependency, depth + 1);
                }
            }

            ordered.Add(item);
        }

        foreach (var item in items)
        {
            Visit(item, 0);
        }

        return ordered;
    }
}
