using CsCheck;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Firewall;

/// <summary>
/// Property: any sequence of firewall commands (valid or rejected by the device's validation) leaves a running
/// configuration that boots without errors and renders identically after save and reload.
/// </summary>
public class ConfigurationPropertyTests
{
    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public void Random_command_sequences_round_trip_through_save_and_reload(ComwareDialect dialect)
    {
        Block(dialect).Array[1, 25].Sample(blocks =>
        {
            var script = string.Join('\n', blocks.SelectMany(b => b.Prepend("#"))) + "\n#\nreturn\n";
            var first = TestDevices.Create(dialect, script);
            first.EnsureBootedAsync(CancellationToken.None).GetAwaiter().GetResult();
            var saved = first.RenderCurrentConfiguration();

            var second = TestDevices.Create(dialect, saved);
            var report = second.EnsureBootedAsync(CancellationToken.None).GetAwaiter().GetResult();
            Assert.True(report.Succeeded, "reload failed:\n" + string.Join("\n", report.Errors.Select(e => $"{e.Line} -> {e.Message}")) + "\n--- saved ---\n" + saved);
            Assert.Equal(saved, second.RenderCurrentConfiguration());
        }, iter: 100, threads: 1);
    }

    private static Gen<string[]> Block(ComwareDialect dialect)
    {
        var v5 = dialect == ComwareDialect.V5;
        var physical = v5 ? Gen.Int[0, 3].Select(i => $"GigabitEthernet0/{i}") : Gen.Int[0, 3].Select(i => $"GigabitEthernet1/0/{i}");
        var logical = Gen.OneOf(Gen.Int[0, 3].Select(i => $"LoopBack{i}"), Gen.Int[1, 3].Select(i => $"Vlan-interface{i}"));
        var anyInterface = Gen.OneOf(physical, logical, Gen.Select(physical, Gen.Int[1, 3]).Select((p, s) => $"{p}.{s}"));
        var octet = Gen.Int[1, 6];
        var prefix = Gen.OneOfConst("24", "255.255.255.0", "30", "16");
        var zone = Gen.OneOfConst("Trust", "Untrust", "DMZ", "Guest", "Lab");
        var objectName = Gen.OneOfConst("LAN", "SRV", "ALL");
        var service = Gen.OneOfConst("WEB", "http", "ssh");

        var iface = Gen.Select(anyInterface, octet, octet, prefix, Gen.Bool, Gen.Int[0, 3]).Select((name, a, b, mask, sub, extra) => new[]
        {
            $"interface {name}",
            $" ip address 10.{a}.{b}.1 {mask}" + (sub ? " sub" : ""),
            extra switch { 0 => " shutdown", 1 => " description uplink to core", 2 => " undo shutdown", _ => " undo ip address" },
        });
        var zones = Gen.Select(zone, anyInterface, Gen.Bool).Select((z, name, undo) => v5
            ? new[] { $"zone name {z}", (undo ? " undo" : "") + $" import interface {name}" }
            : [$"security-zone name {z}", (undo ? " undo" : "") + $" import interface {name}"]);
        var acl = Gen.Select(Gen.Int[2000, 2002], Gen.Int[3000, 3002], octet, Gen.Bool).Select((basic, advanced, a, permit) => new[]
        {
            $"acl number {(permit ? basic : advanced)}",
            permit ? $" rule permit source 10.{a}.0.0 0.0.255.255" : $" rule deny tcp destination 10.{a}.0.1 0 destination-port eq {80 + a}",
        });
        var objects = Gen.Select(objectName, octet, Gen.Int[0, 2]).Select((name, a, kind) => v5
            ? new[] { $"object address {name}", kind switch { 0 => $" subnet 10.{a}.0.0 255.255.0.0", 1 => $" host address 10.{a}.9.9", _ => " group-object LAN" } }
            : [$"object-group ip address {name}", kind switch { 0 => $" network subnet 10.{a}.0.0 16", 1 => $" network host address 10.{a}.9.9", _ => " network group-object LAN" }]);
        var services = Gen.Int[1, 5].Select(p => v5
            ? new[] { "object service WEB", $" service tcp destination eq {8000 + p}" }
            : ["object-group service WEB", $" service tcp destination eq {8000 + p}"]);
        var policy = Gen.Select(zone, zone, objectName, service, Gen.Bool, Gen.Int[0, 6]).Select((from, to, src, svc, pass, id) => v5
            ? new[] { $"interzone source {from} destination {to}", $" rule {id} {(pass ? "permit" : "deny")}", $"  source-ip {src}", $"  service {svc}" }
            : ["security-policy ip", $" rule {id} name r{id}", pass ? "  action pass" : "  action drop", $"  source-zone {from}", $"  destination-zone {to}", $"  source-ip {src}", $"  service {svc}", "  logging enable", $" move rule {id} before 0"]);
        var nat = Gen.Select(Gen.Int[1, 2], physical, Gen.Int[2000, 2001], Gen.Bool).Select((group, name, aclNumber, noPat) => v5
            ? new[] { $"nat address-group {group} 198.51.{group}.10 198.51.{group}.20", $"interface {name}", $" nat outbound {aclNumber} address-group {group}" + (noPat ? " no-pat" : ""), " nat server protocol tcp global 198.51.100.1 80 inside 10.1.1.10 8080" }
            : [$"nat address-group {group}", $" address 198.51.{group}.10 198.51.{group}.20", $"interface {name}", $" nat outbound {aclNumber} address-group {group}" + (noPat ? " no-pat" : ""), " nat server protocol tcp global 198.51.100.1 80 inside 10.1.1.10 8080"]);
        var route = Gen.Select(octet, octet, Gen.Int[0, 2]).Select((a, b, kind) => new[]
        {
            kind switch
            {
                0 => $" ip route-static 172.{a}.0.0 16 10.{b}.{b}.2",
                1 => $" ip route-static 0.0.0.0 0 10.{a}.{b}.254 preference {60 + a}",
                _ => $" undo ip route-static 172.{a}.0.0 16",
            },
        });
        var removal = Gen.OneOf(
            objectName.Select(n => new[] { v5 ? $"undo object address {n}" : $"undo object-group ip address {n}" }),
            Gen.Int[2000, 2002].Select(n => new[] { $"undo acl number {n}" }),
            zone.Select(z => new[] { v5 ? $"undo zone name {z}" : $"undo security-zone name {z}" }),
            logical.Select(n => new[] { $"undo interface {n}" }),
            Gen.Int[1, 2].Select(n => new[] { $"undo nat address-group {n}" }));
        return Gen.Frequency((4, iface), (2, zones), (2, acl), (2, objects), (1, services), (3, policy), (2, nat), (2, route), (2, removal));
    }
}
