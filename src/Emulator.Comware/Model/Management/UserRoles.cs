using System.Globalization;

namespace Emulator.Comware.Model.Management;

/// <summary>
/// V5 command levels and V7 user roles, and how they compare. A privilege is expressed as a V5-style level
/// 0-3 so one rule serves both dialects: V7 <c>network-admin</c>, <c>level-15</c> and level roles 3 and up
/// configure everything; <c>network-operator</c> and <c>level-1</c> read; <c>level-0</c> only visits.
/// This is the one role↔level table: sessions (<see cref="Runtime.CliUser"/>), <c>local-user</c> and the profile and
/// fleet <c>users:</c> entries (a V5 device maps a <c>role:</c> to its level) all use it.
/// </summary>
public static class UserRoles
{
    public const string NetworkAdmin = "network-admin";
    public const string NetworkOperator = "network-operator";
    public const string ContextAdmin = "context-admin";
    public const string SecurityAudit = "security-audit";

    public const int Visit = 0;
    public const int Monitor = 1;
    public const int System = 2;
    public const int Manage = 3;

    /// <summary>V5 <c>super</c> banner names.</summary>
    public const string V5PrivilegeNote = "Privilege note: 0-VISIT, 1-MONITOR, 2-SYSTEM, 3-MANAGE";

    /// <summary>True for the predefined V7 roles: network-admin, network-operator, context-admin, security-audit, level-0..level-15.</summary>
    public static bool IsKnownRole(string role) =>
        role is NetworkAdmin or NetworkOperator or ContextAdmin or SecurityAudit || TryParseLevelRole(role, out _);

    public static bool TryParseLevelRole(string role, out int level)
    {
        level = -1;
        return role is not null
            && role.StartsWith("level-", StringComparison.Ordinal)
            && int.TryParse(role.AsSpan("level-".Length), out level)
            && level is >= 0 and <= 15
            && role.Length == "level-".Length + level.ToString(CultureInfo.InvariantCulture).Length;
    }

    /// <summary>The V5-equivalent level of one V7 role.</summary>
    public static int LevelOfRole(string role) => role switch
    {
        NetworkAdmin or ContextAdmin => Manage,
        NetworkOperator or SecurityAudit => Monitor,
        _ when TryParseLevelRole(role, out var n) => n switch
        {
            0 => Visit,
            1 => Monitor,
            2 => System,
            _ => Manage,
        },
        _ => Visit,
    };

    /// <summary>The highest privilege among several roles (a V7 user holds the union of its roles).</summary>
    public static int LevelOfRoles(IEnumerable<string> roles)
    {
        var best = Visit;
        foreach (var role in roles)
        {
            best = Math.Max(best, LevelOfRole(role));
        }

        return best;
    }
}
