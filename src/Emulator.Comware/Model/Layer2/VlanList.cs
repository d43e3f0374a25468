using System.Globalization;

namespace Emulator.Comware.Model.Layer2;

/// <summary>VLAN lists as Comware writes them: <c>10 20 to 30</c> (<c>all</c> on input is 1-4094).</summary>
public static class VlanList
{
    public static bool TryParse(string text, out SortedSet<int> vlans)
    {
        vlans = [];
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 1 && words[0].Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            vlans.UnionWith(Enumerable.Range(1, 4094));
            return true;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (!TryVlan(words[i], out var first))
            {
                return false;
            }

            var last = first;
            if (i + 2 < words.Length && words[i + 1].Equals("to", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryVlan(words[i + 2], out last) || last < first)
                {
                    return false;
                }

                i += 2;
            }

            vlans.UnionWith(Enumerable.Range(first, last - first + 1));
        }

        return vlans.Count > 0;
    }

    public static string Format(IEnumerable<int> vlans)
    {
        ArgumentNullException.ThrowIfNull(vlans);
        var parts = new List<string>();
        int? start = null, end = null;
        foreach (var v in vlans.Order())
        {
            if (end is { } e && v == e + 1)
            {
                end = v;
                continue;
            }

            Flush();
            start = end = v;
        }

        Flush();
        return string.Join(' ', parts);

        void Flush()
        {
            if (start is { } s && end is { } t)
            {
                parts.Add(s == t ? s.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{s} to {t}"));
            }
        }
    }

    private static bool TryVlan(string word, out int vlan) =>
        int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out vlan) && vlan is >= 1 and <= 4094;
}
