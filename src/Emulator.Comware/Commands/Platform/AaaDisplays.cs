using System.Text;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>display domain</c> and <c>display password-control</c>. The device always holds the ISP domain <c>system</c>
/// with local authentication; password control is disabled at the factory and this emulator has no command to enable it.
/// </summary>
public static class AaaDisplays
{
    /// <summary>
    /// V5: numbered domain blocks closed by "Default Domain Name:" and "Total N domain(s)." (H3C MSR/SecPath V5 Security
    /// Command Reference, AAA, display domain; field set shortened). V7: "Total N domains", "Domain: NAME" blocks and
    /// "Default domain name:" (H3C Comware 7 Security Command Reference, AAA, display domain). Neither verified on a SecPath.
    /// </summary>
    public static string Domains(ComwareDialect dialect, string? defaultDomain)
    {
        var name = defaultDomain ?? "system";
        var domains = name == "system" ? new[] { "system" } : ["system", name];
        var sb = new StringBuilder();
        if (dialect == ComwareDialect.V5)
        {
            for (var i = 0; i < domains.Length; i++)
            {
                sb.Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("  Domain : ").Append(domains[i]).Append('\n');
                sb.Append("   State : Active\n");
                sb.Append("   Access-limit : Disabled\n");
                sb.Append("   Accounting method : Required\n");
                sb.Append("   Default authentication scheme      : local\n");
                sb.Append("   Default authorization scheme       : local\n");
                sb.Append("   Default accounting scheme          : local\n");
                sb.Append("   Domain User Template:\n");
                sb.Append("   Idle-cut : Disabled\n");
                sb.Append("   Self-service : Disabled\n");
                sb.Append("   Authorization attributes :\n");
                sb.Append('\n');
            }

            sb.Append("Default Domain Name: ").Append(name).Append('\n');
            sb.Append("Total ").Append(domains.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" domain(s).\n");
            return sb.ToString();
        }

        sb.Append("Total ").Append(domains.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" domains\n");
        foreach (var domain in domains)
        {
            sb.Append('\n');
            sb.Append("Domain: ").Append(domain).Append('\n');
            sb.Append("  State:                          Active\n");
            sb.Append("  Default authentication scheme:  Local\n");
            sb.Append("  Default authorization scheme:   Local\n");
            sb.Append("  Default accounting scheme:      Local\n");
            sb.Append("  Accounting start failure action: Online\n");
            sb.Append("  Accounting update failure action: Online\n");
            sb.Append("  Accounting quota out action:    Offline\n");
            sb.Append("  Session time:                   Exclude idle time\n");
            sb.Append("  NAS-ID:                         N/A\n");
            sb.Append("  Authorization attributes:\n");
            sb.Append("    Idle cut:                     Disabled\n");
            sb.Append("    Session timeout:              Disabled\n");
        }

        sb.Append('\n');
        sb.Append("Default domain name: ").Append(name).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// Global password control settings with the factory values (aging 90 days, length 10, history 4, 3 login attempts)
    /// as the H3C password control references list them (V5: MSR/SecPath Security Command Reference; V7: Comware 7
    /// Security Command Reference, display password-control). Field wording unverified on a SecPath.
    /// </summary>
    public static string PasswordControl(ComwareDialect dialect)
    {
        var sb = new StringBuilder();
        sb.Append(" Global password control configurations:\n");
        sb.Append(" Password control:                      Disabled\n");
        if (dialect == ComwareDialect.V5)
        {
            sb.Append(" Password aging:                        Enabled (90 days)\n");
            sb.Append(" Password length:                       Enabled (10 characters)\n");
            sb.Append(" Password composition:                  Enabled (1 types, 1 characters per type)\n");
            sb.Append(" Password history:                      Enabled (max history records:4)\n");
            sb.Append(" Early notice on password expiration:   7 days\n");
            sb.Append(" User authentication timeout:           60 seconds\n");
            sb.Append(" Maximum failed login attempts:         3 times\n");
            sb.Append(" Login attempt-failed action:           Lock\n");
            sb.Append(" Minimum password update time:          24 hours\n");
            sb.Append(" User account idle-time:                90 days\n");
            sb.Append(" Login with aged password:              3 times in 30 day(s)\n");
            sb.Append(" Password complexity:                   Disabled (username checking)\n");
            sb.Append("                                        Disabled (repeated characters checking)\n");
            return sb.ToString();
        }

        sb.Append(" Password aging:                        Enabled (90 days)\n");
        sb.Append(" Password length:                       Enabled (10 characters)\n");
        sb.Append(" Password composition:                  Enabled (1 types, 1 characters per type)\n");
        sb.Append(" Password history:                      Enabled (max history records:4)\n");
        sb.Append(" Early notice on password expiration:   7 days\n");
        sb.Append(" Maximum login attempts:                3\n");
        sb.Append(" Action for exceeding login attempts:   Lock user for 1 minutes\n");
        sb.Append(" Minimum interval between two updates:  24 hours\n");
        sb.Append(" User account idle time:                90 days\n");
        sb.Append(" Logins with aged password:             3 times in 30 days\n");
        sb.Append(" Password complexity:                   Disabled (username checking)\n");
        sb.Append("                                        Disabled (repeated characters checking)\n");
        return sb.ToString();
    }
}
