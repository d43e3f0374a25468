using System.Globalization;

namespace Emulator.Comware.Model.Firewall.Objects;

/// <summary>V5 <c>display object</c> and V7 <c>display object-group</c>.</summary>
public static class ObjectDisplays
{
    /// <summary>
    /// V7 <c>display object-group</c> (layout from the H3C V7 object group command reference,
    /// https://www.h3c.com/en/d_202208/1658814_294551_0.htm); V5 <c>display object</c> uses the same layout (unverified).
    /// </summary>
    public static List<string> Objects(FirewallConfig config, string? name = null, bool? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        if (addresses is null or true)
        {
            foreach (var obj in config.Objects.AddressObjects.Where(o => name is null || o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Separate(lines);
                lines.Add(Inv($"IP address object group {obj.Name}: {Count(obj.Members.Count)}({(config.Objects.IsAddressObjectInUse(obj.Name) ? "in use" : "out of use")})"));
                lines.AddRange(obj.Members.Select(m => m.Render(ComwareDialect.V7)));
            }
        }

        if (addresses is null or false)
        {
            foreach (var obj in config.Objects.ServiceObjects.Where(o => name is null || o.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                Separate(lines);
                lines.Add(Inv($"Service object group {obj.Name}: {Count(obj.Members.Count)}({(config.Objects.IsServiceObjectInUse(obj.Name) ? "in use" : "out of use")})"));
                lines.AddRange(obj.Members.Select(m => m.Render(ComwareDialect.V7)));
            }
        }

        return lines;
    }

    private static void Separate(List<string> lines)
    {
        if (lines.Count > 0)
        {
            lines.Add("");
        }
    }

    private static string Count(int count) => Inv($"{count} object{(count > 1 ? "s" : "")}");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
