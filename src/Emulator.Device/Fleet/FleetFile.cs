using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Yaml;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Fleet;

/// <summary>
/// Reads a fleet file: a <c>devices:</c> list (plus optional <c>defaults:</c>) where an entry is one
/// device or, with <c>count:</c>, a template for N numbered devices on consecutive ports or addresses.
/// Every problem is reported with file:line:column; nothing runs from a file with errors.
/// </summary>
public static partial class FleetFile
{
    public const int MaxDevices = 100_000;

    [GeneratedRegex(@"\{n(?::(\d{1,2}))?\}")]
    private static partial Regex Number();

    public static IReadOnlyList<DeviceSpec> Load(string path, ProfileCatalog catalog)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new YamlValidationException([new YamlError(path, 1, 1, "cannot read the fleet file: " + ex.Message)]);
        }

        return Parse(path, text, catalog);
    }

    public static IReadOnlyList<DeviceSpec> Parse(string file, string text, ProfileCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var context = catalog.CreateChildContext();
        var result = new List<DeviceSpec>();
        if (context.Load(file, text) is { } root && MapReader.For(context, root, "the fleet file") is { } top)
        {
            var defaults = top.Map("defaults", false, "defaults for every device");
            var defaultProfile = defaults?.String("profile", false, "a profile name");
            var defaultPolicy = defaults is null ? null : Policy(defaults);
            defaults?.Complete();

            var names = new Dictionary<string, YamlNode>(StringComparer.OrdinalIgnoreCase);
            var endpoints = new Dictionary<IPEndPoint, string>();
            var snmpEndpoints = new Dictionary<IPEndPoint, string>();
            top.MapList("devices", true, "device (name, profile, ssh, ...)", entry =>
            {
                foreach (var spec in ReadEntry(context, catalog, entry, defaultProfile, defaultPolicy))
                {
                    var at = entry.Raw("name") ?? entry.Node;
                    if (!names.TryAdd(spec.Name, at))
                    {
                        entry.Error(at, $"device name '{spec.Name}' is used twice (first at line {names[spec.Name].Start.Line})");
                    }
                    else if (spec.SshEndPoint.Port != 0 && !endpoints.TryAdd(spec.SshEndPoint, spec.Name))
                    {
                        entry.Error(entry.Raw("ssh") ?? at, $"device '{spec.Name}' would listen on {spec.SshEndPoint}, already taken by '{endpoints[spec.SshEndPoint]}'");
                    }
                    else if (new[] { ("netconf", spec.NetconfEndPoint), ("telnet", spec.TelnetEndPoint) }
                        .FirstOrDefault(e => e.Item2 is { Port: not 0 } ep && !endpoints.TryAdd(ep, spec.Name)) is ({ } key, { } taken))
                    {
                        entry.Error(entry.Raw(key) ?? at, $"device '{spec.Name}' would listen on {taken}, already taken by '{endpoints[taken]}'");
                    }
                    else if (spec.SnmpEndPoint is { Port: not 0 } snmp && !snmpEndpoints.TryAdd(snmp, spec.Name))
                    {
                        entry.Error(entry.Raw("snmp") ?? at, $"device '{spec.Name}' would answer SNMP on {snmp}, already taken by '{snmpEndpoints[snmp]}'");
                    }
                    else if (result.Count >= MaxDevices)
                    {
                        entry.Error(at, $"a fleet runs at most {MaxDevices} devices");
                        break;
                    }
                    else
                    {
                        result.Add(spec);
                    }
                }

                return (object?)null;
            });
            result = FleetLinks.Apply(top, result);
            top.Complete();
        }

        context.ThrowIfErrors();
        return result;
    }

    private static AlgorithmPolicy? Policy(MapReader map)
    {
        var text = map.String("algorithm-policy", false, "device, modern or device+modern");
        if (text is null)
        {
            return null;
        }

        if (AlgorithmPolicies.TryParse(text, out var policy))
        {
            return policy;
        }

        map.Error(map.Raw("algorithm-policy")!, $"'algorithm-policy' must be device, modern or device+modern, found '{text}'");
        return null;
    }

    private static List<DeviceSpec> ReadEntry(YamlContext context, ProfileCatalog catalog, MapReader entry, string? defaultProfile, AlgorithmPolicy? defaultPolicy)
    {
        var specs = new List<DeviceSpec>();
        var name = entry.String("name", true, "a device name (letters, digits, _ . -; {n} numbers a count template)");
        var profileName = entry.String("profile", defaultProfile is null, "a profile name, e.g. F1000-E") ?? defaultProfile;
        var sshText = entry.String("ssh", true, "the SSH listen address address:port, e.g. 127.0.0.1:2222");
        var sysname = entry.String("sysname", false, "the factory sysname");
        var netconf = ExtraEndPoint(entry, "netconf", "the NETCONF-over-SSH listen address address:port, e.g. 127.0.0.1:8300");
        var telnet = ExtraEndPoint(entry, "telnet", "the telnet listen address address:port, e.g. 127.0.0.1:2300");
        var snmpFirst = ExtraEndPoint(entry, "snmp", "the SNMP agent's UDP address address:port, e.g. 127.0.0.1:1161");
        var policy = Policy(entry) ?? defaultPolicy;
        var count = entry.Int("count", false, 1, MaxDevices, "the number of devices this template makes");
        var start = entry.Int("start", false, 0, 1_000_000, "the first number of a count template");
        var step = entry.String("step", false, "port or address");
        var overridesNode = entry.Raw("overrides");
        var usersNode = entry.Has("users");
        var faults = entry.Has("faults") ? entry.MapList("faults", false, "fault (kind, and its fields)", ReadFault) : null;
        var haRole = FleetLinks.ReadHaRole(entry);

        DeviceProfile? profile = null;
        if (profileName is not null && !catalog.TryGet(profileName, out profile))
        {
            entry.Error(entry.Raw("profile") ?? entry.Node, $"unknown profile '{profileName}'; known profiles: {string.Join(", ", catalog.Models.Select(m => m.Name))}");
        }

        if (profile is not null && overridesNode is not null)
        {
            if (overridesNode is YamlMappingNode overrides)
            {
                profile = catalog.Override(context, profile, overrides);
            }
            else
            {
                entry.Error(overridesNode, "'overrides' must be a mapping with profile keys (software:, ssh:, hardware: ...)");
                profile = null;
            }
        }

        // The name is checked further on; an empty or missing one must not stop the neighbours being read first.
        var neighbors = FleetLinks.ReadNeighbors(entry, profile?.CreateFacts(string.IsNullOrEmpty(name) ? DeviceSpec.DefaultName : name));
        List<ProfileUser>? users = null;
        if (usersNode)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            users = entry.MapList("users", false, "user (name, password, level or role, services)", u => ProfileReader.ReadUser(u, profile?.Dialect, seen))?.ToList();
        }

        if (step is not null and not ("port" or "address"))
        {
            entry.Error(entry.Raw("step")!, $"'step' must be port or address, found '{step}'");
            return specs;
        }

        if (count is null && (start is not null || step is not null))
        {
            entry.ErrorHere("'start' and 'step' only make sense with 'count'");
        }

        if (name is not null && sysname is not null && (sysname.Length > 30 || sysname.Any(char.IsWhiteSpace)))
        {
            entry.Error(entry.Raw("sysname")!, "'sysname' must be 1 to 30 characters without spaces");
            return specs;
        }

        IPEndPoint? first = null;
        if (sshText is not null && !IPEndPoint.TryParse(sshText, out first))
        {
            entry.Error(entry.Raw("ssh")!, $"'ssh' must be address:port (e.g. 127.0.0.1:2222 or [::1]:2222), found '{sshText}'");
        }
        else if (first is not null && !sshText!.Contains(':', StringComparison.Ordinal))
        {
            entry.Error(entry.Raw("ssh")!, $"'ssh' needs a port, e.g. {sshText}:22");
            first = null;
        }

        if (name is null || profile is null || first is null || (usersNode && users is null))
        {
            return specs;
        }

        var n = count ?? 1;
        var from = start ?? 1;
        for (var i = 0; i < n; i++)
        {
            var deviceName = count is null ? name : Numbered(name, from + i);
            if (!DeviceStateDirectory.IsValidDeviceName(deviceName))
            {
                entry.Error(entry.Raw("name")!, $"device name '{deviceName.ReplaceLineEndings("\\n")}' must be {DeviceStateDirectory.DeviceNameRule}");
                return specs;
            }

            IPEndPoint endpoint;
            if (step == "address")
            {
                if (NextAddress(first.Address, i) is not { } address)
                {
                    entry.Error(entry.Raw("ssh")!, $"{n} consecutive addresses from {first.Address} run past the end of the address space");
                    return specs;
                }

                endpoint = new IPEndPoint(address, first.Port);
            }
            else if (first.Port == 0)
            {
                endpoint = first;
            }
            else if (first.Port + i > IPEndPoint.MaxPort)
            {
                entry.Error(entry.Raw("ssh")!, $"{n} consecutive ports from {first.Port} run past 65535");
                return specs;
            }
            else
            {
                endpoint = new IPEndPoint(first.Address, first.Port + i);
            }

            if (snmpFirst is not null && Stepped(snmpFirst, step, i) is null)
            {
                entry.Error(entry.Raw("snmp")!, $"{n} consecutive SNMP addresses or ports from {snmpFirst} run past the end of their range");
                return specs;
            }

            specs.Add(new DeviceSpec(deviceName, profile, endpoint, policy ?? profile.Ssh.DefaultPolicy, users, sysname is null ? null : count is null ? sysname : Numbered(sysname, from + i))
            {
                Faults = haRole is null ? faults ?? [] : [.. faults ?? [], haRole],
                Neighbors = neighbors ?? [],
                NetconfEndPoint = Stepped(netconf, step, i),
                TelnetEndPoint = Stepped(telnet, step, i),
                SnmpEndPoint = Stepped(snmpFirst, step, i),
            });
        }

        return specs;
    }

    /// <summary>One entry of <c>faults:</c>: the same flat fields as a POST to the control API's faults endpoint.</summary>
    private static Faults.FaultSpec? ReadFault(MapReader map)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in map.Node.Children.Keys.OfType<YamlScalarNode>())
        {
            if (key.Value is { } name && map.String(name, false, "a value (text, number, true or false)") is { } value)
            {
                fields[name] = value;
            }
        }

        if (Device.Faults.FaultSpec.TryParse(fields, out var error) is { } spec)
        {
            return spec;
        }

        map.ErrorHere("fault: " + error);
        return null;
    }

    /// <summary>An optional second listener (<c>netconf:</c>, <c>telnet:</c>): address:port, stepped like <c>ssh:</c>.</summary>
    private static IPEndPoint? ExtraEndPoint(MapReader entry, string key, string description)
    {
        var text = entry.String(key, false, description);
        if (text is null)
        {
            return null;
        }

        if (!IPEndPoint.TryParse(text, out var endPoint) || !text.Contains(':', StringComparison.Ordinal))
        {
            entry.Error(entry.Raw(key)!, $"'{key}' must be address:port (e.g. 127.0.0.1:830), found '{text}'");
            return null;
        }

        return endPoint;
    }

    /// <summary>The i-th device of a count template: the next port (or address), as for <c>ssh:</c>; null past the end.</summary>
    private static IPEndPoint? Stepped(IPEndPoint? first, string? step, int i) => first switch
    {
        null => null,
        _ when step == "address" => NextAddress(first.Address, i) is { } address ? new IPEndPoint(address, first.Port) : null,
        { Port: 0 } => first,
        _ => first.Port + i <= IPEndPoint.MaxPort ? new IPEndPoint(first.Address, first.Port + i) : null,
    };

    /// <summary><c>{n}</c> or <c>{n:3}</c> (zero-padded) is replaced by the number; a name without it gets the number appended.</summary>
    internal static string Numbered(string template, int number)
    {
        if (!Number().IsMatch(template))
        {
            return template + number.ToString(CultureInfo.InvariantCulture);
        }

        return Number().Replace(template, m => m.Groups[1].Success
            ? number.ToString("D" + m.Groups[1].Value, CultureInfo.InvariantCulture)
            : number.ToString(CultureInfo.InvariantCulture));
    }

    private static IPAddress? NextAddress(IPAddress address, int offset)
    {
        var bytes = address.GetAddressBytes();
        var carry = offset;
        for (var i = bytes.Length - 1; i >= 0 && carry > 0; i--)
        {
            var sum = bytes[i] + carry;
            bytes[i] = (byte)(sum & 0xFF);
            carry = sum >> 8;
        }

        return carry > 0 ? null : address.AddressFamily == AddressFamily.InterNetworkV6 ? new IPAddress(bytes, address.ScopeId) : new IPAddress(bytes);
    }
}
