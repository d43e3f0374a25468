using System.Globalization;
using System.Text.RegularExpressions;

namespace Emulator.Host;

/// <summary>
/// One of <see cref="Count"/> processes sharing a fleet file: it runs the devices at positions Index, Index+Count, ...
/// A Kubernetes StatefulSet gives each pod the host name <c>&lt;set&gt;-&lt;ordinal&gt;</c>, so <c>auto/N</c> lets
/// every pod of one manifest pick its own shard.
/// </summary>
internal sealed partial record FleetShard(int Index, int Count)
{
    [GeneratedRegex(@"-(\d{1,5})$")]
    private static partial Regex TrailingOrdinal();

    public static FleetShard Parse(string text, string hostName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            throw new ArgumentException($"--shard: '{text}' must be INDEX/COUNT, e.g. 0/4 or auto/4");
        }

        int index;
        if (parts[0].Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            var match = TrailingOrdinal().Match(hostName);
            index = match.Success
                ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new ArgumentException($"--shard auto: the host name '{hostName}' does not end in -<number> as a StatefulSet pod's does");
        }
        else if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out index))
        {
            throw new ArgumentException($"--shard: '{text}' must be INDEX/COUNT, e.g. 0/4 or auto/4");
        }

        return index < count ? new FleetShard(index, count) : throw new ArgumentException($"--shard: index {index} is not below the count {count}");
    }

    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> all) => [.. all.Where((_, position) => position % Count == Index)];
}
