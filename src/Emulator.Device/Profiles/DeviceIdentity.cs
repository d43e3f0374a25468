using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Emulator.Device.Profiles;

/// <summary>
/// Fills per-device identity patterns (serial numbers, MAC addresses) from a hash of the device name:
/// stable across restarts, different between devices. <c>{digits:N}</c> and <c>{hex:N}</c> are the placeholders.
/// </summary>
public static partial class DeviceIdentity
{
    [GeneratedRegex(@"\{(digits|hex):(\d{1,2})\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}\z")]
    private static partial Regex MacFormat();

    /// <summary>Null when the pattern is usable, otherwise the problem.</summary>
    public static string? CheckPattern(string pattern)
    {
        var stripped = Placeholder().Replace(pattern, "");
        if (stripped.Contains('{', StringComparison.Ordinal) || stripped.Contains('}', StringComparison.Ordinal))
        {
            return "only {digits:N} and {hex:N} placeholders are allowed";
        }

        foreach (Match m in Placeholder().Matches(pattern))
        {
            if (!int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 32)
            {
                return "placeholder width must be 1 to 32";
            }
        }

        return null;
    }

    public static bool IsMac(string text) => MacFormat().IsMatch(text);

    public static string Expand(string pattern, string deviceName, string purpose)
    {
        var index = 0;
        return Placeholder().Replace(pattern, m =>
        {
            var width = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{deviceName}\n{purpose}\n{index++}"));
            var sb = new StringBuilder(width);
            for (var i = 0; sb.Length < width; i++)
            {
                var b = hash[i % hash.Length];
                sb.Append(m.Groups[1].Value == "hex" ? "0123456789abcdef"[b & 0xF] : (char)('0' + (b % 10)));
            }

            return sb.ToString();
        });
    }

    /// <summary>The MAC address <paramref name="offset"/> after <paramref name="mac"/> (xxxx-xxxx-xxxx), as devices number their ports.</summary>
    public static string OffsetMac(string mac, int offset)
    {
        var value = ulong.Parse(mac.Replace("-", "", StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        value = (value + (ulong)offset) & 0xFFFF_FFFF_FFFF;
        var hex = value.ToString("x12", CultureInfo.InvariantCulture);
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..]}";
    }
}
