using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

public class RenderTests
{
    /// <summary>
    /// The fixture files are the canonical rendering of <see cref="FixtureBuilder"/>'s model. Set
    /// FIREWALL_UPDATE_FIXTURES=1 to rewrite them after an intended rendering change (then review the diff).
    /// </summary>
    [Theory]
    [InlineData(ComwareDialect.V5, "firewall-v5.cfg")]
    [InlineData(ComwareDialect.V7, "firewall-v7.cfg")]
    public void Fixture_is_the_canonical_rendering_of_the_built_model(ComwareDialect dialect, string file)
    {
        var rendered = string.Join('\n', FirewallRenderer.RenderLines(FixtureBuilder.Build(dialect))) + "\n";
        var path = Path.Combine(FixtureDirectory(), file);
        if (Environment.GetEnvironmentVariable("FIREWALL_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllText(path, rendered);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), rendered);
        Assert.InRange(rendered.Count(c => c == '\n'), 150, 500);
    }

    [Fact]
    public void V5_lines_follow_the_reference_forms()
    {
        var lines = FirewallRenderer.RenderLines(FixtureBuilder.Build(ComwareDialect.V5));
        Assert.Contains(" nat address-group 1 203.0.113.100 203.0.113.110", lines);
        Assert.Contains("zone name Trust id 2", lines);
        Assert.Contains(" priority 85", lines);
        Assert.Contains("acl number 3000", lines);
        Assert.Contains(" ip route-static 0.0.0.0 0.0.0.0 203.0.113.1", lines);
        Assert.Contains(" ip route-static 10.50.0.0 255.255.0.0 192.168.1.253 preference 80", lines);
        Assert.Contains("interzone source Trust destination Untrust", lines);
        Assert.Contains(" nat outbound 2000 address-group 1", lines);
        Assert.Contains(" ip address 192.168.2.1 255.255.255.0 sub", lines);
    }

    [Fact]
    public void V7_lines_follow_the_reference_forms()
    {
        var lines = FirewallRenderer.RenderLines(FixtureBuilder.Build(ComwareDialect.V7));
        Assert.Contains("security-zone name Trust", lines);
        Assert.Contains(" import interface GigabitEthernet1/0/1.10", lines);
        Assert.Contains("security-policy ip", lines);
        Assert.Contains(" rule 0 name policy-00", lines);
        Assert.Contains("  action pass", lines);
        Assert.Contains("acl basic 2000", lines);
        Assert.Contains("nat address-group 1", lines);
        Assert.Contains(" address 203.0.113.100 203.0.113.110", lines);
        Assert.Contains(" ip route-static 0.0.0.0 0 203.0.113.1", lines);
        Assert.Contains("object-group ip address LAN", lines);
        Assert.Contains(" 0 network subnet 192.168.1.0 255.255.255.0", lines);
        Assert.Contains(" port link-mode route", lines);
    }

    [Fact]
    public void Fixture_policies_evaluate_as_designed()
    {
        var v7 = FixtureBuilder.Build(ComwareDialect.V7);
        var v5 = FixtureBuilder.Build(ComwareDialect.V5);
        foreach (var config in new[] { v5, v7 })
        {
            var web = new FlowQuery(null, Ip("192.168.10.7"), null, Ip("93.184.216.34"), Ports.Tcp, 50000, 443);
            var verdict = config.Evaluate(web);
            Assert.True(verdict.Permitted, verdict.ToString());
            Assert.Equal(("Trust", "Untrust"), (verdict.SourceZone, verdict.DestinationZone));
            var inbound = config.Evaluate(new FlowQuery("Untrust", Ip("198.18.0.1"), "Trust", Ip("192.168.1.20"), Ports.Tcp, 1, 22));
            Assert.False(inbound.Permitted, inbound.ToString());
        }
    }

    internal static string FixtureDirectory([global::System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Fixtures");
}
