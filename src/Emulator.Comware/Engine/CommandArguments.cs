using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Engine;

/// <summary>The value bound for a matched keyword, so a keyword and a parameter may share a name.</summary>
public sealed record MatchedKeyword(string Word);

/// <summary>An immutable list of what a path matched so far (shared between branching paths).</summary>
internal sealed record Binding(string Name, object Value, Binding? Previous)
{
    public IEnumerable<Binding> InOrder()
    {
        var stack = new Stack<Binding>();
        for (var b = this; b is not null; b = b.Previous)
        {
            stack.Push(b);
        }

        return stack;
    }
}

/// <summary>
/// The keywords and parameter values a command line matched. Keywords are present under their own word
/// (<c>Has("brief")</c>); parameters under their name, in the type of their <see cref="ParameterType"/>.
/// </summary>
public sealed class CommandArguments
{
    private readonly List<KeyValuePair<string, object>> _values;

    internal CommandArguments(Binding? bindings) =>
        _values = bindings is null ? [] : [.. bindings.InOrder().Select(b => KeyValuePair.Create(b.Name, b.Value))];

    public static CommandArguments Empty { get; } = new(null);

    /// <summary>Everything matched, in line order (keywords as <see cref="MatchedKeyword"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values => _values;

    public bool Has(string name) => _values.Exists(v => v.Key == name);

    public T Get<T>(string name) => TryGet<T>(name, out var value)
        ? value
        : throw new KeyNotFoundException($"Argument {name} of type {typeof(T).Name} was not matched.");

    public bool TryGet<T>(string name, out T value)
    {
        foreach (var pair in _values)
        {
            if (pair.Key == name && pair.Value is T typed)
            {
                value = typed;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>All values of a repeated parameter.</summary>
    public IReadOnlyList<T> GetAll<T>(string name) => [.. _values.Where(v => v.Key == name && v.Value is T).Select(v => (T)v.Value)];

    public string GetString(string name) => Get<string>(name);

    public string? GetStringOrNull(string name) => TryGet<string>(name, out var v) ? v : null;

    public int GetInt32(string name) => checked((int)Get<long>(name));

    public int? GetInt32OrNull(string name) => TryGet<long>(name, out var v) ? checked((int)v) : null;

    public Ipv4Address GetIpv4(string name) => Get<Ipv4Address>(name);

    public Ipv4Address? GetIpv4OrNull(string name) => TryGet<Ipv4Address>(name, out var v) ? v : null;

    public SubnetMask GetMask(string name) => Get<SubnetMask>(name);

    public InterfaceName GetInterface(string name) => Get<InterfaceName>(name);
}
