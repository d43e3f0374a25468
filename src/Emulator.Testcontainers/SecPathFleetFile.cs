using System.Globalization;
using System.Text;

namespace Emulator.Testcontainers;

/// <summary>Renders the one-device fleet file the module hands the host when users differ from the factory admin
/// (the host's fleet file format: a <c>devices:</c> list whose entries may carry <c>users:</c>). Users are written
/// with their role on every model: a V5 device maps the role to the privilege level it stands for, so the module
/// needs no table of which model runs which Comware.</summary>
internal static class SecPathFleetFile
{
    public const string ContainerPath = "/etc/emulator/fleet.yaml";

    public static byte[] Render(SecPathConfiguration configuration)
    {
        var profile = configuration.Profile ?? SecPathBuilder.DefaultProfile;
        var text = new StringBuilder();
        text.Append("# Written by Emulator.Testcontainers.\n");
        text.Append("devices:\n");
        text.Append("  - name: ").Append(Quote(configuration.DeviceName ?? SecPathBuilder.DefaultDeviceName)).Append('\n');
        text.Append("    profile: ").Append(Quote(profile)).Append('\n');
        text.Append("    ssh: ").Append(Quote(string.Create(CultureInfo.InvariantCulture, $"0.0.0.0:{SecPathBuilder.SshPort}"))).Append('\n');
        text.Append("    users:\n");
        foreach (var user in configuration.Users ?? [])
        {
            text.Append("      - name: ").Append(Quote(user.Name)).Append('\n');
            text.Append("        password: ").Append(Quote(user.Password)).Append('\n');
            text.Append("        role: ").Append(Quote(user.Role)).Append('\n');
            text.Append("        services: [ssh]\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // YAML double-quoted scalar: backslash and double quote are the only printable characters to escape.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
