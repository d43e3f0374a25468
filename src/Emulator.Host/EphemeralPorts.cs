using System.Globalization;
using Emulator.Device.Runtime;

namespace Emulator.Host;

/// <summary>
/// The kernel's range of ports for outgoing connections (<c>net.ipv4.ip_local_port_range</c>, 32768-60999 by default
/// on Linux). A device listening inside it fails at random with "Address already in use" once clients have used that
/// port as their own source port (a restart while their connections linger, heavy test traffic).
/// </summary>
internal static class EphemeralPorts
{
    public const string RangeFile = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>"32768\t60999" -> (32768, 60999); null when the text is not two port numbers.</summary>
    public static (int Low, int High)? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            && low <= high && high <= 65535
            ? (low, high)
            : null;
    }

    /// <summary>The range of this machine, or null where there is none to read (not Linux, a restricted container).</summary>
    public static (int Low, int High)? Read(string file = RangeFile)
    {
        try
        {
            return File.Exists(file) ? Parse(File.ReadAllText(file)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Devices whose configured port lies in the range (port 0, "any free port", is the kernel's choice and not listed).</summary>
    public static IReadOnlyList<DeviceInstance> Inside(IEnumerable<DeviceInstance> devices, (int Low, int High) range) =>
        [.. devices.Where(d => d.Spec.SshEndPoint.Port != 0 && d.Spec.SshEndPoint.Port >= range.Low && d.Spec.SshEndPoint.Port <= range.High)];

    /// <summary>One warning text for all of them: the first few names and ports, and how many in all.</summary>
    public static string Describe(IReadOnlyList<DeviceInstance> inside, (int Low, int High) range)
    {
        ArgumentNullException.ThrowIfNull(inside);
        var shown = string.Join(", ", inside.Take(5).Select(d => $"{d.Name}:{d.Spec.SshEndPoint.Port}"));
        var more = inside.Count > 5 ? $" and {inside.Count - 5} more" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{inside.Count} device port(s) lie in the kernel's ephemeral port range {range.Low}-{range.High} ({shown}{more}): they may fail with \"Address already in use\" after heavy client traffic; use ports below {range.Low} or change net.ipv4.ip_local_port_range");
    }
}
