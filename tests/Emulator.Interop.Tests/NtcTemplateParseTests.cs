using System.Globalization;
using System.Text.Json;

namespace Emulator.Interop.Tests;

/// <summary>
/// Issue 13: every command of ntc-templates' hp_comware list, sent through netmiko to a V5 (F1000-E) and a V7
/// (F1000-AI-55) device that has VLANs, a VPN instance, a Bridge-Aggregation, static ARP, a fleet link and a static
/// neighbour, parses with Debian's python3-textfsm and the vendored ntc-templates (ntc-templates/README.md), and the
/// parsers fill their key fields from our output (no empty table: the state exists).
/// </summary>
public sealed class NtcTemplateParseTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("F1000-E", "GigabitEthernet0/")]
    [InlineData("F1000-AI-55", "GigabitEthernet1/0/")]
    public async Task Ntc_templates_parse_every_command_and_fill_the_key_fields(string profile, string ports)
    {
        Clients.RequirePythonModule("netmiko");
        Clients.RequirePythonModule("textfsm");
        var fleet = $$"""
            devices:
              - name: fw
                profile: {{profile}}
                ssh: "127.0.0.1:0"
                neighbors:
                  - { interface: {{ports}}1, system-name: access-sw, port: GigabitEthernet1/0/7, chassis-id: 00e0-fc00-0007, mac: 00e0-fc00-0107, ip: [10.10.0.2] }
              - { name: peer, profile: F1000-AI-55, ssh: "127.0.0.1:0", sysname: PEER-FW }
            links:
              - [fw:{{ports}}3, peer:GigabitEthernet1/0/5]
            """;
        JsonElement run;
        await using (var host = await RunningHost.StartAsync(_dir, fleet))
        {
            var result = await Clients.RunAsync(Clients.Python,
                [Clients.Script("netmiko_ntc_parse.py"), host.Port("fw").ToString(CultureInfo.InvariantCulture), "admin", "admin",
                 Path.Combine(AppContext.BaseDirectory, "ntc-templates", "templates"), ports + "1", ports + "2"],
                null, TimeSpan.FromSeconds(300), Ct);
            Assert.True(result.ExitCode == 0, result.ToString());
            run = JsonDocument.Parse(result.StdOut).RootElement.Clone();
        }

        Assert.DoesNotContain("% ", run.GetProperty("config").GetProperty("output").GetString(), StringComparison.Ordinal);
        foreach (var command in run.EnumerateObject().Where(c => c.Name != "config"))
        {
            Assert.True(command.Value.GetProperty("error").ValueKind == JsonValueKind.Null,
                $"{profile} '{command.Name}': the template rejected our output: {command.Value.GetProperty("error")}\n{command.Value.GetProperty("output")}");
            Assert.True(command.Value.GetProperty("records").GetArrayLength() > 0, $"{profile} '{command.Name}' parsed to no record:\n{command.Value.GetProperty("output")}");
        }

        // Key fields, per template (field names are the templates' Values).
        Has(run, "display arp", r => r["IP_ADDRESS"] == "10.10.0.2" && r["MAC_ADDRESS"] == "00e0-fc00-0107" && r["VLAN_ID"] == "10" && r["TYPE"] == "D");
        Has(run, "display mac-address", r => r["MAC_ADDRESS"] == "00e0-fc00-0107" && r["VLAN_ID"] == "10" && r["INTERFACE"] == ports + "1");
        Has(run, "display lldp neighbor-information list", r => r["NEIGHBOR_NAME"] == "PEER-FW" && r["NEIGHBOR_INTERFACE"] == "GigabitEthernet1/0/5");
        Has(run, "display lldp neighbor-information list", r => r["NEIGHBOR_NAME"] == "access-sw" && r["CHASSIS_ID"] == "00e0-fc00-0007");
        Has(run, "display lldp neighbor-information verbose", r => r["LOCAL_INTERFACE"] == ports + "3" && r["NEIGHBOR_NAME"] == "PEER-FW");
        Has(run, "display vlan all", r => r["VLAN_ID"] == "10" && r["VLAN_NAME"] == "users" && r["IPV4_ADDRESS"] == "10.10.0.1");
        Has(run, "display vlan brief", r => r["VLAN_ID"] == "10" && r["VLAN_NAME"] == "users");
        Has(run, "display ip vpn-instance", r => r["NAME"] == "red" && r["RD"] == "100:1");
        Has(run, "display ip vpn-instance instance-name red", r => r["NAME"] == "red" && r["ID"] == "1" && r["RD"] == "100:1");
        Has(run, "display link-aggregation verbose", r => r["INTERFACE"] == "Bridge-Aggregation1");
        Has(run, "display link-aggregation member-port", r => r["MEMBER_PORT"] == ports + "2" && r["AGGREGATE_INTERFACE"] == "Bridge-Aggregation1");
    }

    private static void Has(JsonElement run, string command, Func<Dictionary<string, string>, bool> match)
    {
        var records = run.GetProperty(command).GetProperty("records").EnumerateArray()
            .Select(r => r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ToString()))
            .ToList();
        Assert.True(records.Any(match), $"'{command}': no record has the expected key fields:\n{run.GetProperty(command)}");
    }
}
