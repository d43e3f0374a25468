using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Runtime;

/// <summary>
/// Who runs a session: name, V5 level, V7 roles, where from. The CLI maps V7 roles onto the V5 levels commands
/// declare through <see cref="UserRoles"/>.
/// </summary>
public sealed record CliUser(string Name, int Level, IReadOnlyList<string> Roles, string RemoteAddress = "")
{
    /// <summary>User-interface line as <c>display users</c> shows it, e.g. <c>VTY 0</c>.</summary>
    public string Line { get; init; } = "VTY 0";

    /// <summary>The context of boot replay and tests: everything allowed.</summary>
    public static CliUser System { get; } = new("", 3, ["network-admin"]) { Line = "" };

    public int EffectiveLevel(ComwareDialect dialect)
    {
        if (dialect == ComwareDialect.V5 || Roles.Count == 0)
        {
            return Level;
        }

        return UserRoles.LevelOfRoles(Roles);
    }
}
