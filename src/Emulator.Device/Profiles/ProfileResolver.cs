using Emulator.Device.Yaml;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Profiles;

/// <summary>
/// Resolves <c>extends:</c> chains by merging YAML trees: mappings merge key by key (deeply), anything
/// else in the child replaces the parent's value. Merged nodes keep the file and position they came from.
/// </summary>
internal sealed class ProfileResolver
{
    private static readonly YamlScalarNode _extends = new("extends");
    private static readonly YamlScalarNode _abstract = new("abstract");

    private readonly YamlContext _context;
    private readonly Func<string, YamlMappingNode?> _root;
    private readonly IReadOnlyCollection<string> _names;
    private readonly Dictionary<string, YamlMappingNode?> _resolved = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _inProgress = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="root">A profile's own tree, parsed on first use (null when its file could not be read as a mapping).</param>
    /// <param name="names">Every profile name (for 'extends' errors).</param>
    public ProfileResolver(YamlContext context, Func<string, YamlMappingNode?> root, IReadOnlyCollection<string> names)
    {
        _context = context;
        _root = root;
        _names = names;
    }

    /// <summary>The profile's tree with its whole <c>extends:</c> chain merged in, or null after recording why not.</summary>
    public YamlMappingNode? Resolve(string name)
    {
        if (_resolved.TryGetValue(name, out var done))
        {
            return done;
        }

        var root = _root(name);
        YamlMappingNode? result = root;
        if (root is not null && root.Children.TryGetValue(_extends, out var parentNode))
        {
            result = ResolveParent(name, root, parentNode);
        }

        _resolved[name] = result;
        return result;
    }

    public bool IsAbstract(string name) =>
        _root(name) is { } root && root.Children.TryGetValue(_abstract, out var node) && node is YamlScalarNode { Value: "true" or "True" };

    private YamlMappingNode? ResolveParent(string name, YamlMappingNode root, YamlNode parentNode)
    {
        if (parentNode is not YamlScalarNode { Value: { Length: > 0 } parentName })
        {
            _context.Error(parentNode, $"'extends' must name another profile, found {MapReader.Describe(parentNode)}");
            return null;
        }

        if (!_names.Contains(parentName))
        {
            _context.Error(parentNode, $"'extends: {parentName}' names no profile; known profiles: {string.Join(", ", _names.Order(StringComparer.OrdinalIgnoreCase))}");
            return null;
        }

        if (!_inProgress.Add(name))
        {
            _context.Error(parentNode, $"profile '{name}' extends itself through '{parentName}' (a cycle)");
            return null;
        }

        try
        {
            if (_inProgress.Contains(parentName))
            {
                _context.Error(parentNode, $"profile '{name}' extends itself through '{parentName}' (a cycle)");
                return null;
            }

            var parent = Resolve(parentName);
            return parent is null ? null : Merge(_context, parent, root);
        }
        finally
        {
            _inProgress.Remove(name);
        }
    }

    /// <summary>Child over parent. <c>abstract</c> and <c>extends</c> are never inherited.</summary>
    public static YamlMappingNode Merge(YamlContext context, YamlMappingNode parent, YamlMappingNode child)
    {
        var merged = new YamlMappingNode();
        context.RegisterAs(merged, child);
        foreach (var (key, value) in parent.Children)
        {
            if (key.Equals(_abstract) || key.Equals(_extends))
            {
                continue;
            }

            merged.Children[key] = value;
        }

        foreach (var (key, value) in child.Children)
        {
            if (merged.Children.TryGetValue(key, out var inherited) && inherited is YamlMappingNode parentMap && value is YamlMappingNode childMap)
            {
                merged.Children[key] = MergeNested(context, parentMap, childMap);
            }
            else
            {
                merged.Children.Remove(key);
                merged.Children[key] = value;
            }
        }

        return merged;
    }

    private static YamlMappingNode MergeNested(YamlContext context, YamlMappingNode parent, YamlMappingNode child)
    {
        var merged = new YamlMappingNode();
        context.RegisterAs(merged, child);
        foreach (var (key, value) in parent.Children)
        {
            merged.Children[key] = value;
        }

        foreach (var (key, value) in child.Children)
        {
            var next = merged.Children.TryGetValue(key, out var inherited) && inherited is YamlMappingNode p && value is YamlMappingNode c
                ? MergeNested(context, p, c)
                : value;
            merged.Children.Remove(key);
            merged.Children[key] = next;
        }

        return merged;
    }
}
