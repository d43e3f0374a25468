using System.Text;
using Emulator.Comware;

namespace Emulator.Device.Profiles;

/// <summary>
/// Builds a device's factory configuration as Comware text, the same grammar as a saved startup.cfg:
/// the sysname, the profile's body, then one <c>local-user</c> section per user in the device's dialect.
/// </summary>
public static class FactoryConfiguration
{
    public static string Compose(DeviceProfile profile, string sysname, IReadOnlyList<ProfileUser> users)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(users);
        var text = new StringBuilder();
        text.Append("#\n sysname ").Append(sysname).Append('\n');
        foreach (var line in profile.DefaultConfiguration.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length > 0)
            {
                text.Append(trimmed).Append('\n');
            }
        }

        foreach (var user in users)
        {
            text.Append("#\n");
            AppendUser(text, profile.Dialect, user);
        }

        text.Append("#\nreturn\n");
        return text.ToString();
    }

    private static void AppendUser(StringBuilder text, ComwareDialect dialect, ProfileUser user)
    {
        if (dialect == ComwareDialect.V7)
        {
            text.Append("local-user ").Append(user.Name).Append(" class manage\n");
            text.Append(" password simple ").Append(user.Password).Append('\n');
            if (user.Services.Count > 0)
            {
                text.Append(" service-type ").AppendJoin(' ', user.Services).Append('\n');
            }

            text.Append(" authorization-attribute user-role ").Append(user.Role ?? "network-operator").Append('\n');
            return;
        }

        text.Append("local-user ").Append(user.Name).Append('\n');
        text.Append(" password simple ").Append(user.Password).Append('\n');
        if (user.Level is { } level)
        {
            text.Append(" authorization-attribute level ").Append(level).Append('\n');
        }

        if (user.Services.Count > 0)
        {
            text.Append(" service-type ").AppendJoin(' ', user.Services).Append('\n');
        }
    }
}
