using System.Globalization;
using System.Net;
using System.Text;
using Emulator.Device.Runtime;

namespace Emulator.Host;

/// <summary>One device as automation tools see it: where to connect and as whom.</summary>
/// <param name="User">The first factory user with the ssh service (fleet users, else the profile's); null when none has it.</param>
/// <param name="Groups">model_&lt;profile&gt; and comware_&lt;dialect&gt;, e.g. model_f1000_e and comware_v5.</param>
internal sealed record InventoryHost(string Name, string Address, int Port, string? User, string? Password,
    string Model, string Profile, string Dialect, IReadOnlyList<string> Groups)
{
    /// <summary>The netmiko device_type and Nornir/Napalm platform name of H3C Comware.</summary>
    public const string Platform = "hp_comware";

    public static InventoryHost From(DeviceInstance device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var user = (device.Spec.Users ?? device.Profile.Users)
            .FirstOrDefault(u => u.Services.Contains("ssh", StringComparer.OrdinalIgnoreCase));
        var dialect = device.Profile.Dialect.ToString();
        return new InventoryHost(device.Name, ConnectAddress(device.EndPoint.Address), device.EndPoint.Port, user?.Name, user?.Password,
            device.Profile.Model, device.Profile.Name, dialect, [GroupName("model_" + device.Profile.Name), GroupName("comware_" + dialect)]);
    }

    /// <summary>A wildcard listener is reached on loopback from the machine that runs it.</summary>
    private static string ConnectAddress(IPAddress address) =>
        address.Equals(IPAddress.Any) ? IPAddress.Loopback.ToString()
        : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback.ToString()
        : address.ToString();

    /// <summary>Lower case letters, digits and underscores: valid as an Ansible group name (no warning) and a YAML key.</summary>
    private static string GroupName(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return name.ToString();
    }
}

/// <summary>The fleet as inventories for Ansible, Nornir, netmiko's tools and spreadsheets (docs/control-api.md).</summary>
internal static class Inventory
{
    public static readonly string[] Formats = ["ansible", "nornir", "nornir-groups", "netmiko", "csv"];

    public static string ContentType(string format) => format == "csv" ? "text/csv" : "application/yaml";

    /// <exception cref="ArgumentException">An unknown format.</exception>
    public static string Render(string format, IReadOnlyList<InventoryHost> hosts) => format switch
    {
        "ansible" => Yaml(Ansible(hosts)),
        "nornir" => Yaml(NornirHosts(hosts)),
        "nornir-groups" => Yaml(NornirGroups(hosts)),
        "netmiko" => Yaml(Netmiko(hosts)),
        "csv" => Csv(hosts),
        _ => throw new ArgumentException($"inventory format '{format}' must be one of {string.Join(", ", Formats)}"),
    };

    /// <summary>Ansible's YAML inventory: host variables under all.hosts, one child group per model and per dialect.</summary>
    private static Dictionary<string, object> Ansible(IReadOnlyList<InventoryHost> hosts)
    {
        var all = new Dictionary<string, object?>();
        foreach (var h in hosts)
        {
            var vars = new Dictionary<string, object?> { ["ansible_host"] = h.Address, ["ansible_port"] = h.Port };
            if (h.User is not null)
            {
                vars["ansible_user"] = h.User;
                vars["ansible_password"] = h.Password;
            }

            vars["platform"] = InventoryHost.Platform;
            vars["model"] = h.Model;
            vars["profile"] = h.Profile;
            vars["dialect"] = h.Dialect;
            all[h.Name] = vars;
        }

        var children = GroupMembers(hosts).ToDictionary(g => g.Key, g => (object)new Dictionary<string, object>
        {
            ["hosts"] = g.Value.ToDictionary(n => n, _ => (object?)null),
        });
        return new() { ["all"] = new Dictionary<string, object> { ["hosts"] = all, ["children"] = children } };
    }

    /// <summary>Nornir SimpleInventory's hosts file; its groups must exist in the groups file (<c>nornir-groups</c>).</summary>
    private static Dictionary<string, object> NornirHosts(IReadOnlyList<InventoryHost> hosts) =>
        hosts.ToDictionary(h => h.Name, h => (object)Without(new Dictionary<string, object?>
        {
            ["hostname"] = h.Address,
            ["port"] = h.Port,
            ["username"] = h.User,
            ["password"] = h.Password,
            ["platform"] = InventoryHost.Platform,
            ["groups"] = h.Groups,
            ["data"] = new Dictionary<string, object> { ["model"] = h.Model, ["profile"] = h.Profile, ["dialect"] = h.Dialect },
        }));

    private static Dictionary<string, object> NornirGroups(IReadOnlyList<InventoryHost> hosts) =>
        GroupMembers(hosts).ToDictionary(g => g.Key, _ => (object)new Dictionary<string, object> { ["platform"] = InventoryHost.Platform });

    /// <summary>
    /// netmiko's tools file (~/.netmiko.yml): each device a dict for ConnectHandler(**device), each group a list of names.
    /// </summary>
    private static Dictionary<string, object> Netmiko(IReadOnlyList<InventoryHost> hosts)
    {
        var file = hosts.ToDictionary(h => h.Name, h => (object)Without(new Dictionary<string, object?>
        {
            ["device_type"] = InventoryHost.Platform,
            ["host"] = h.Address,
            ["port"] = h.Port,
            ["username"] = h.User,
            ["password"] = h.Password,
        }));
        foreach (var (group, members) in GroupMembers(hosts))
        {
            file[group] = members;
        }

        return file;
    }

    /// <summary>RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted; groups space-separated.</summary>
    private static string Csv(IReadOnlyList<InventoryHost> hosts)
    {
        var text = new StringBuilder("name,address,port,platform,username,password,model,profile,dialect,groups\r\n");
        foreach (var h in hosts)
        {
            string[] fields = [h.Name, h.Address, h.Port.ToString(CultureInfo.InvariantCulture), InventoryHost.Platform, h.User ?? "", h.Password ?? "",
                h.Model, h.Profile, h.Dialect, string.Join(' ', h.Groups)];
            text.AppendJoin(',', fields.Select(CsvField)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string CsvField(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static SortedDictionary<string, List<string>> GroupMembers(IReadOnlyList<InventoryHost> hosts)
    {
        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var h in hosts)
        {
            foreach (var g in h.Groups)
            {
                if (!groups.TryGetValue(g, out var members))
                {
                    groups[g] = members = [];
                }

                members.Add(h.Name);
            }
        }

        return groups;
    }

    private static Dictionary<string, object> Without(Dictionary<string, object?> map) =>
        map.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    private static string Yaml(object document) => InventoryYaml.Write(document);
}
