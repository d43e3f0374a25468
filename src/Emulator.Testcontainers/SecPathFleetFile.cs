using System.Text;

namespace Emulator.Testcontainers;

/// <summary>Renders the fleet file the module hands the host when users differ from the factory admin.</summary>
internal static class SecPathFleetFile
{
    public const string ContainerPath = "/etc/emulator/fleet.yaml";

    public static byte[] Render(SecPathConfiguration configuration)
    {
        var text = new StringBuilder();
        text.Append("# Written by Emulator.Testcontainers.\n");
        text.Append("devices:\n");
        text.Append("  - name: ").Append(Quote(configuration.DeviceName ?? SecPathBuilder.DefaultDeviceName)).Append('\n');
        text.Append("    profile: ").Append(Quote(configuration.Profile ?? SecPathBuilder.DefaultProfile)).Append('\n');
        text.Append("    port: ").Append(SecPathBuilder.SshPort).Append('\n');
        text.Append("    users:\n");
        foreach (var user in configuration.Users ?? [])
        {
            text.Append("      - name: ").Append(Quote(user.Name)).Append('\n');
            text.Append("        password: ").Append(Quote(user.Password)).Append('\n');
            text.Append("        role: ").Append(Quote(user.Role)).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // YAML double-quoted scalar: only backslash and double quote need escaping for printable text.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
