using System.Globalization;
using System.Text;
using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Snmp;

/// <summary>
/// <c>display snmp-agent community|sys-info|statistics|local-engineid</c>, laid out as in the H3C Network Management
/// and Monitoring Command References (V5 "display snmp-agent community" and V7's "Storage type" spelling).
/// </summary>
internal static class SnmpDisplayCommands
{
    public static void Register(CommandRegistry r)
    {
        DisplayCommand.Register(r, "display snmp-agent community [ read | write ]",
            ["", "", "Display SNMP community information", "Read-only communities", "Read and write communities"],
            ctx => Communities(ctx.Device.GetState<SnmpAgentConfig>(), ctx.Args.Has("read") ? false : ctx.Args.Has("write") ? true : null));
        DisplayCommand.Register(r, "display snmp-agent sys-info [ contact | location | version ]*",
            ["", "", "Display system information of the local SNMP entity", "Contact information", "Physical location", "SNMP version"],
            ctx => SysInfo(ctx.Device.GetState<SnmpAgentConfig>(), ctx.Args.Has("contact"), ctx.Args.Has("location"), ctx.Args.Has("version")));
        DisplayCommand.Register(r, "display snmp-agent statistics", ["", "", "Display SNMP statistics"],
            ctx => Statistics(ctx.Device.GetState<SnmpAgentConfig>().Statistics));
        DisplayCommand.Register(r, "display snmp-agent local-engineid", ["", "", "Display the local SNMP engine ID"],
            ctx => "SNMP local EngineID: " + ctx.Device.GetState<SnmpAgentConfig>().EngineIdHex + "\n");
    }

    public static string Communities(SnmpAgentConfig config, bool? write)
    {
        var sb = new StringBuilder();
        var storage = config.Dialect == ComwareDialect.V5 ? "Storage-type" : "Storage type";
        foreach (var c in config.Communities.Where(c => write is null || c.Write == write))
        {
            var name = config.Dialect == ComwareDialect.V7 || c.EnteredAsCipher ? c.StoredCipher : c.Secret;
            sb.Append("   Community name: ").Append(name).Append('\n');
            sb.Append("       Group name: ").Append(name).Append('\n');
            if (c.Acl is { } acl)
            {
                sb.Append("       Acl:").Append(acl.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            sb.Append("       ").Append(storage).Append(": nonVolatile\n\n");
        }

        return sb.ToString();
    }

    public static string SysInfo(SnmpAgentConfig config, bool contact, bool location, bool version)
    {
        var all = !contact && !location && !version;
        var sb = new StringBuilder();
        if (all || contact)
        {
            sb.Append("The contact person for this managed node:\n        ").Append(config.EffectiveContact).Append("\n\n");
        }

        if (all || location)
        {
            sb.Append("The physical location of this node:\n        ").Append(config.EffectiveLocation).Append("\n\n");
        }

        if (all || version)
        {
            var names = new[] { (SnmpVersions.V1, "SNMPv1"), (SnmpVersions.V2c, "SNMPv2c"), (SnmpVersions.V3, "SNMPv3") }
                .Where(v => config.Versions.HasFlag(v.Item1)).Select(v => v.Item2);
            sb.Append("SNMP version running in the system:\n        ").Append(string.Join(' ', names)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Statistics(SnmpStatistics s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var rows = new (long, string)[]
        {
            (s.InPackets, "Messages delivered to the SNMP entity"),
            (s.BadVersions, "Messages which were for an unsupported version"),
            (s.BadCommunityNames, "Messages which used a SNMP community name not known"),
            (s.BadCommunityUses, "Messages which represented an illegal operation for the community supplied"),
            (s.AsnParseErrors, "ASN.1 or BER errors in the process of decoding"),
            (s.OutPackets, "Messages passed from the SNMP entity"),
            (s.BadValues, "SNMP PDUs which had badValue error-status"),
            (s.GenErrs, "SNMP PDUs which had genErr error-status"),
            (s.NoSuchNames, "SNMP PDUs which had noSuchName error-status"),
            (s.TooBigs, "SNMP PDUs which had tooBig error-status (Maximum packet size 1500)"),
            (s.Retrieved, "MIB objects retrieved successfully"),
            (s.Altered, "MIB objects altered successfully"),
            (s.GetRequests, "GetRequest-PDU accepted and processed"),
            (s.GetNexts, "GetNextRequest-PDU accepted and processed"),
            (s.GetBulks, "GetBulkRequest-PDU accepted and processed"),
            (s.OutPackets, "GetResponse-PDU accepted and processed"),
            (s.SetRequests, "SetRequest-PDU accepted and processed"),
            (s.Traps, "Trap PDUs accepted and processed"),
            (0, "Alternate Response Class PDUs dropped silently"),
            (s.SilentDrops, "Forwarded Confirmed Class PDUs dropped silently"),
        };
        var sb = new StringBuilder();
        foreach (var (value, text) in rows)
        {
            sb.Append("  ").Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(text).Append('\n');
        }

        return sb.ToString();
    }
}
