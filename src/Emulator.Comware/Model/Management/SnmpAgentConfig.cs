using System.Globalization;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Management;

/// <summary>SNMP versions the agent answers (<c>snmp-agent sys-info version</c>); Comware enables only SNMPv3 by default.</summary>
[Flags]
public enum SnmpVersions
{
    None = 0,
    V1 = 1,
    V2c = 2,
    V3 = 4,
    All = V1 | V2c | V3,
}

/// <summary>Security level of a v3 group: noAuthNoPriv, authNoPriv or authPriv.</summary>
public enum SnmpSecurityLevel
{
    NoAuthNoPriv,
    Authentication,
    Privacy,
}

/// <param name="Secret">The community name in clear text (what requests carry).</param>
/// <param name="StoredCipher">The <c>$c$3$</c> form printed when the name was entered or is rendered as cipher.</param>
public sealed record SnmpCommunity(string Secret, string StoredCipher, bool Write, int? Acl, bool EnteredAsCipher);

public sealed record SnmpGroup(string Name, string Version, SnmpSecurityLevel Level, int? Acl);

/// <param name="AuthMode">md5, sha or null (no authentication).</param>
/// <param name="PrivMode">des56, aes128 or null.</param>
/// <param name="AuthPassword">Clear text, used to derive the localized key; rendered in cipher form only.</param>
public sealed record SnmpUsmUser(string Name, string Group, string? AuthMode, string? AuthPassword, string? AuthCipher, string? PrivMode, string? PrivPassword, string? PrivCipher, int? Acl);

public sealed record SnmpTrapHost(Values.Ipv4Address Address, int Port, string SecurityName, string Version);

/// <summary>
/// The SNMP agent part of the running configuration (<c>device.GetState&lt;SnmpAgentConfig&gt;()</c>): switched on by
/// <c>snmp-agent</c> or any other <c>snmp-agent</c> setting, as the H3C Network Management and Monitoring Configuration
/// Guide says. Mutated by command handlers under the device lock; the agent reads a copy taken under the same lock.
/// </summary>
public sealed class SnmpAgentConfig : IDeviceState
{
    public const int DefaultTrapPort = 162;

    private DeviceFacts? _facts;

    public bool Enabled { get; set; }

    public string? Contact { get; set; }

    public string? Location { get; set; }

    public SnmpVersions Versions { get; set; } = SnmpVersions.V3;

    /// <summary>null = default (enabled, not printed); true/false = printed as configured.</summary>
    public bool? TrapEnabled { get; set; }

    public List<SnmpCommunity> Communities { get; } = [];

    public List<SnmpGroup> Groups { get; } = [];

    public List<SnmpUsmUser> Users { get; } = [];

    public List<SnmpTrapHost> TrapHosts { get; } = [];

    /// <summary>Counters shown by <c>display snmp-agent statistics</c>; the agent moves them from its own threads.</summary>
    public SnmpStatistics Statistics { get; } = new();

    public ComwareDialect Dialect => _facts?.Dialect ?? ComwareDialect.V7;

    public string DefaultContact => Dialect == ComwareDialect.V5 ? "Hangzhou H3C Tech. Co., Ltd." : "New H3C Technologies Co., Ltd.";

    public const string DefaultLocation = "Hangzhou, China";

    public string EffectiveContact => Contact ?? DefaultContact;

    public string EffectiveLocation => Location ?? DefaultLocation;

    /// <summary>
    /// snmpEngineID (RFC 3411 §5 SnmpEngineID): enterprise 25506 with the high bit set, then format 3 (MAC address) and
    /// the device's base MAC, as Comware V5 prints it (<c>800063A203…</c>); V7 uses its own format octet 0x80, the
    /// MAC and a 1 (<c>800063A280…00000001</c>).
    /// </summary>
    public string EngineIdHex => LocalEngineId ?? DefaultEngineIdHex;

    /// <summary><c>snmp-agent local-engineid</c>; null = the default derived from the MAC.</summary>
    public string? LocalEngineId { get; set; }

    private string DefaultEngineIdHex
    {
        get
        {
            var mac = new string((_facts?.Hardware.BaseMacAddress ?? "").Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();
            mac = mac.Length == 12 ? mac : "000FE2000001";
            return Dialect == ComwareDialect.V5 ? "800063A203" + mac : "800063A280" + mac + "00000001";
        }
    }

    public void Initialize(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _facts = device.Facts;
    }

    public static string VersionText(SnmpVersions versions) => versions == SnmpVersions.All
        ? "all"
        : string.Join(' ', new[] { (SnmpVersions.V1, "v1"), (SnmpVersions.V2c, "v2c"), (SnmpVersions.V3, "v3") }
            .Where(v => versions.HasFlag(v.Item1)).Select(v => v.Item2));

    /// <summary>The configuration lines, in the order real V5/V7 configurations print them.</summary>
    public IReadOnlyList<string> Render()
    {
        var settings = RenderSettings().ToList();
        if (Enabled)
        {
            // Every snmp-agent setting switches the agent on: one switched off again keeps its settings and prints the undo last.
            return [" snmp-agent", " snmp-agent local-engineid " + EngineIdHex, .. settings];
        }

        return settings.Count == 0 ? [] : [.. settings, " undo snmp-agent"];
    }

    private IEnumerable<string> RenderSettings()
    {
        foreach (var c in Communities)
        {
            var access = c.Write ? "write" : "read";
            var name = Dialect == ComwareDialect.V7 || c.EnteredAsCipher ? "cipher " + c.StoredCipher : c.Secret;
            yield return $" snmp-agent community {access} {name}" + AclSuffix(c.Acl);
        }

        if (Contact is not null)
        {
            yield return " snmp-agent sys-info contact " + Contact;
        }

        if (Location is not null)
        {
            yield return " snmp-agent sys-info location " + Location;
        }

        if (Versions != SnmpVersions.V3)
        {
            yield return " snmp-agent sys-info version " + VersionText(Versions);
        }

        foreach (var g in Groups)
        {
            var level = g.Level switch
            {
                SnmpSecurityLevel.Authentication => " authentication",
                SnmpSecurityLevel.Privacy => " privacy",
                _ => "",
            };
            yield return $" snmp-agent group {g.Version} {g.Name}" + (g.Version == "v3" ? level : "") + AclSuffix(g.Acl);
        }

        foreach (var t in TrapHosts)
        {
            var port = t.Port == DefaultTrapPort ? "" : " udp-port " + t.Port.ToString(CultureInfo.InvariantCulture);
            yield return $" snmp-agent target-host trap address udp-domain {t.Address}{port} params securityname {t.SecurityName} {t.Version}";
        }

        foreach (var u in Users)
        {
            var line = $" snmp-agent usm-user v3 {u.Name} {u.Group}";
            if (u.AuthMode is not null)
            {
                line += $" cipher authentication-mode {u.AuthMode} {u.AuthCipher}";
                if (u.PrivMode is not null)
                {
                    line += $" privacy-mode {u.PrivMode} {u.PrivCipher}";
                }
            }

            yield return line + AclSuffix(u.Acl);
        }

        if (TrapEnabled is { } trap)
        {
            yield return trap ? " snmp-agent trap enable" : " undo snmp-agent trap enable";
        }
    }

    private static string AclSuffix(int? acl) => acl is { } n ? " acl " + n.ToString(CultureInfo.InvariantCulture) : "";
}

/// <summary>SNMP message counters (SNMPv2-MIB snmp group, RFC 3418 §2), incremented without the device lock.</summary>
public sealed class SnmpStatistics
{
    private long _inPackets;
    private long _badVersions;
    private long _badCommunityNames;
    private long _badCommunityUses;
    private long _asnParseErrors;
    private long _outPackets;
    private long _getRequests;
    private long _getNexts;
    private long _getBulks;
    private long _setRequests;
    private long _traps;
    private long _noSuchNames;
    private long _badValues;
    private long _genErrs;
    private long _tooBigs;
    private long _retrieved;
    private long _altered;
    private long _silentDrops;

    public long InPackets => Interlocked.Read(ref _inPackets);

    public long BadVersions => Interlocked.Read(ref _badVersions);

    public long BadCommunityNames => Interlocked.Read(ref _badCommunityNames);

    public long BadCommunityUses => Interlocked.Read(ref _badCommunityUses);

    public long AsnParseErrors => Interlocked.Read(ref _asnParseErrors);

    public long OutPackets => Interlocked.Read(ref _outPackets);

    public long GetRequests => Interlocked.Read(ref _getRequests);

    public long GetNexts => Interlocked.Read(ref _getNexts);

    public long GetBulks => Interlocked.Read(ref _getBulks);

    public long SetRequests => Interlocked.Read(ref _setRequests);

    public long Traps => Interlocked.Read(ref _traps);

    public long NoSuchNames => Interlocked.Read(ref _noSuchNames);

    public long BadValues => Interlocked.Read(ref _badValues);

    public long GenErrs => Interlocked.Read(ref _genErrs);

    public long TooBigs => Interlocked.Read(ref _tooBigs);

    public long Retrieved => Interlocked.Read(ref _retrieved);

    public long Altered => Interlocked.Read(ref _altered);

    public long SilentDrops => Interlocked.Read(ref _silentDrops);

    public void CountIn() => Interlocked.Increment(ref _inPackets);

    public void CountBadVersion() => Interlocked.Increment(ref _badVersions);

    public void CountBadCommunityName() => Interlocked.Increment(ref _badCommunityNames);

    public void CountBadCommunityUse() => Interlocked.Increment(ref _badCommunityUses);

    public void CountParseError() => Interlocked.Increment(ref _asnParseErrors);

    public void CountOut() => Interlocked.Increment(ref _outPackets);

    public void CountTrap() => Interlocked.Increment(ref _traps);

    public void CountSilentDrop() => Interlocked.Increment(ref _silentDrops);

    /// <summary>A request PDU processed: its type (0xA0 GET, 0xA1 GETNEXT, 0xA3 SET, 0xA5 GETBULK), error and objects.</summary>
    public void CountRequest(byte pduType, int errorStatus, int objects)
    {
        _ = pduType switch
        {
            0xA0 => Interlocked.Increment(ref _getRequests),
            0xA1 => Interlocked.Increment(ref _getNexts),
            0xA3 => Interlocked.Increment(ref _setRequests),
            0xA5 => Interlocked.Increment(ref _getBulks),
            _ => 0,
        };
        _ = errorStatus switch
        {
            1 => Interlocked.Increment(ref _tooBigs),
            2 => Interlocked.Increment(ref _noSuchNames),
            3 or 7 or 8 or 9 or 10 => Interlocked.Increment(ref _badValues),
            5 => Interlocked.Increment(ref _genErrs),
            _ => 0,
        };
        if (errorStatus == 0)
        {
            Interlocked.Add(ref pduType == 0xA3 ? ref _altered : ref _retrieved, objects);
        }
    }
}
