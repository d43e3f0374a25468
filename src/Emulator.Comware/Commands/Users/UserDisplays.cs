using System.Globalization;
using System.Text;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Users;

/// <summary><c>display local-user</c> in the V5 (MSR capture) and V7 (FlexFabric STIG capture) layouts.</summary>
public static class UserDisplays
{
    /// <param name="sessionsOf">Number of current logins of a user (V5 <c>Current AccessNum</c>).</param>
    public static string LocalUsers(ComwareDialect dialect, IEnumerable<LocalUser> users, Func<string, int> sessionsOf)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(sessionsOf);
        var list = users.ToList();
        var sb = new StringBuilder();
        foreach (var user in list)
        {
            if (dialect == ComwareDialect.V5)
            {
                sb.Append("The contents of local user ").Append(user.Name).Append(":\n");
                sb.Append(" State:                    Active\n");
                sb.Append(" ServiceType:              ").Append(UserServiceNames.DisplayList(dialect, user.Services)).Append('\n');
                sb.Append(" Access-limit:             Disabled          Current AccessNum: ")
                  .Append(sessionsOf(user.Name).ToString(CultureInfo.InvariantCulture)).Append('\n');
                sb.Append(" User-group:               system\n");
                sb.Append(" Bind attributes:\n");
                sb.Append(" Authorization attributes:\n");
                if (user.Level is { } level)
                {
                    sb.Append("  User Privilege:          ").Append(level.ToString(CultureInfo.InvariantCulture)).Append('\n');
                }
            }
            else
            {
                sb.Append(user.UserClass == "network" ? "Network access user " : "Device management user ").Append(user.Name).Append(":\n");
                sb.Append("  State:                     Active\n");
                sb.Append("  Service type:              ").Append(UserServiceNames.DisplayList(dialect, user.Services)).Append('\n');
                sb.Append("  User group:                system\n");
                sb.Append("  Bind attributes:\n");
                sb.Append("  Authorization attributes:\n");
                sb.Append("    Work directory:          flash:\n");
                sb.Append("    User role list:          ").Append(string.Join(", ", user.Roles)).Append('\n');
            }
        }

        sb.Append(dialect == ComwareDialect.V5
            ? $"Total {list.Count.ToString(CultureInfo.InvariantCulture)} local user(s) matched.\n"
            : $"Total {list.Count.ToString(CultureInfo.InvariantCulture)} local users matched.\n");
        return sb.ToString();
    }
}
