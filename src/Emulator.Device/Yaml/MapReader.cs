using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Yaml;

/// <summary>
/// Strict, typed access to one YAML mapping. Every accessor records what it expected when the value is
/// missing or of the wrong type; <see cref="Complete"/> reports every key nobody asked for.
/// </summary>
internal sealed class MapReader
{
    private readonly YamlContext _context;
    private readonly YamlMappingNode _node;
    private readonly string _what;
    private readonly bool _requireFields;
    private readonly List<string> _known = [];

    private MapReader(YamlContext context, YamlMappingNode node, string what, bool requireFields)
    {
        _context = context;
        _node = node;
        _what = what;
        _requireFields = requireFields;
    }

    public YamlMappingNode Node => _node;

    /// <summary>Reader for <paramref name="node"/> if it is a mapping; otherwise records an error and returns null.</summary>
    public static MapReader? For(YamlContext context, YamlNode node, string what, bool requireFields = true)
    {
        if (node is YamlMappingNode map)
        {
            return new MapReader(context, map, what, requireFields);
        }

        context.Error(node, $"{what} must be a mapping (key: value lines), found {Describe(node)}");
        return null;
    }

    public YamlNode? Raw(string key)
    {
        _known.Add(key);
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public bool Has(string key) => _node.Children.ContainsKey(new YamlScalarNode(key));

    public string? String(string key, bool required, string expected)
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, expected);
            return null;
        }

        if (node is YamlScalarNode { Value: { } value } && !IsNull(node))
        {
            return value;
        }

        _context.Error(node, $"'{key}' in {_what} must be {expected}, found {Describe(node)}");
        return null;
    }

    public int? Int(string key, bool required, int min, int max, string expected)
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, expected);
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= min && value <= max)
            {
                return value;
            }

            _context.Error(node, $"'{key}' in {_what} must be between {min} and {max}, found {value}");
            return null;
        }

        _context.Error(node, $"'{key}' in {_what} must be {expected}, found {Describe(node)}");
        return null;
    }

    public bool? Bool(string key, bool required)
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, "true or false");
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && bool.TryParse(text, out var value))
        {
            return value;
        }

        _context.Error(node, $"'{key}' in {_what} must be true or false, found {Describe(node)}");
        return null;
    }

    /// <summary>A list of plain strings; also accepts a single string as a one-element list.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)>? StringList(string key, bool required, string expected)
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, expected);
            return null;
        }

        if (node is YamlSequenceNode seq)
        {
            var list = new List<(string, YamlNode)>(seq.Children.Count);
            foreach (var item in seq.Children)
            {
                if (item is YamlScalarNode { Value: { } v } && !IsNull(item))
                {
                    list.Add((v, item));
                }
                else
                {
                    _context.Error(item, $"each item of '{key}' in {_what} must be {expected}, found {Describe(item)}");
                }
            }

            return list;
        }

        _context.Error(node, $"'{key}' in {_what} must be a list of {expected}, found {Describe(node)}");
        return null;
    }

    /// <summary>A list whose items are mappings; each is handed to <paramref name="read"/>.</summary>
    public IReadOnlyList<T>? MapList<T>(string key, bool required, string itemWhat, Func<MapReader, T?> read)
        where T : class
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, "a list of " + itemWhat);
            return null;
        }

        if (node is not YamlSequenceNode seq)
        {
            _context.Error(node, $"'{key}' in {_what} must be a list of {itemWhat}, found {Describe(node)}");
            return null;
        }

        var list = new List<T>(seq.Children.Count);
        foreach (var item in seq.Children)
        {
            if (For(_context, item, itemWhat, _requireFields) is { } reader)
            {
                var value = read(reader);
                reader.Complete();
                if (value is not null)
                {
                    list.Add(value);
                }
            }
        }

        return list;
    }

    public MapReader? Map(string key, bool required, string what)
    {
        var node = Raw(key);
        if (node is null)
        {
            Missing(key, required, "a mapping (" + what + ")");
            return null;
        }

        return For(_context, node, what, _requireFields);
    }

    public void Error(YamlNode node, string message) => _context.Error(node, message);

    public void ErrorHere(string message) => _context.Error(_node, message);

    /// <summary>Reports keys of this mapping that no accessor asked for.</summary>
    public void Complete()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!_known.Contains(key, StringComparer.Ordinal))
            {
                var hint = Suggest(key);
                _context.Error(keyNode, $"unknown key '{key}' in {_what}{hint}; expected one of: {string.Join(", ", _known.Distinct())}");
            }
        }
    }

    private string Suggest(string key)
    {
        var close = _known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k.Replace("-", "", StringComparison.Ordinal), key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        return close is null ? "" : $" (did you mean '{close}'?)";
    }

    private void Missing(string key, bool required, string expected)
    {
        if (required && _requireFields)
        {
            _context.Error(_node, $"missing required key '{key}' in {_what}: expected {expected}");
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted), Value: "" or "~" or "null" };

    internal static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
