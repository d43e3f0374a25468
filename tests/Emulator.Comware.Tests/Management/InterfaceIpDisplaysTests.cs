using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Routes;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Management;

/// <summary>display ip interface / fib / counters follow the interfaces, addresses, routes and counters of the model (issue 13).</summary>
public class InterfaceIpDisplaysTests
{
    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public void Ip_interface_shows_address_block_only_for_addressed_interfaces(ComwareDialect dialect)
    {
        var config = New(dialect);
        var wan = Iface(config, dialect == ComwareDialect.V5 ? "GE0/1" : "GE1/0/1");
        Ok(config.Interfaces.SetAddress(wan, A("192.0.2.1"), M("25"), sub: false));
        Ok(InterfaceTable.SetShutdown(Iface(config, dialect == ComwareDialect.V5 ? "GE0/2" : "GE1/0/2"), true));

        var lines = InterfaceIpDisplays.IpInterface(config);

        var at = lines.IndexOf($"{wan.Name} current state: UP");
        Assert.True(at >= 0);
        Assert.Equal("Internet Address is 192.0.2.1/25 Primary", lines[at + 2]);
        Assert.Equal("Broadcast address: 192.0.2.127", lines[at + 3]);
        Assert.Contains(lines, l => l.EndsWith("current state: Administratively DOWN", StringComparison.Ordinal));
        Assert.Contains("NULL0 current state: UP", lines);
        Assert.Equal("Line protocol current state: UP(spoofing)", lines[lines.IndexOf("NULL0 current state: UP") + 1]);
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public void Fib_lists_static_routes_as_gateway_entries(ComwareDialect dialect)
    {
        var config = New(dialect);
        var wan = Iface(config, dialect == ComwareDialect.V5 ? "GE0/1" : "GE1/0/1");
        Ok(config.Interfaces.SetAddress(wan, A("198.51.100.2"), M("24"), sub: false));
        Ok(config.Routes.Add(A("0.0.0.0"), M("0"), null, A("198.51.100.1"), null, null));

        var fib = InterfaceIpDisplays.Fib(config);

        Assert.Contains(fib, l => l.StartsWith("0.0.0.0/0          198.51.100.1    UGS ", StringComparison.Ordinal));
        Assert.Contains(fib, l => l.StartsWith("198.51.100.2/32    127.0.0.1       UH ", StringComparison.Ordinal));
        Assert.Equal(config.Routes.RoutingTable().Count, fib.Count(l => l.Length > 0 && char.IsDigit(l[0])));
    }

    [Fact]
    public void Counters_follow_the_interface_packet_counts()
    {
        var config = NewV7();
        var wan = Iface(config, "GE1/0/1");
        Ok(config.Interfaces.SetAddress(wan, A("1.1.1.1"), M("24"), sub: false));
        Reachability.Ping(config, Ip("1.1.1.2"), count: 3);

        var inbound = InterfaceIpDisplays.Counters(config, inbound: true);

        Assert.Contains("GE1/0/1                      3                  0                  0           0", inbound);
    }
}
