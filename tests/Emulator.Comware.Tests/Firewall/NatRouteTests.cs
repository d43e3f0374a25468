using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Nat;
using Emulator.Comware.Model.Firewall.Routes;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

public class NatRouteTests
{
    [Fact]
    public void Nat_outbound_needs_existing_acl_and_pool_and_pins_them()
    {
        var config = NewV5();
        var wan = Iface(config, "GE0/2");
        Assert.Equal(FwErrors.AclNotFound, config.Nat.AddOutbound(wan, 2000, null, false).Error);
        Ok(config.Acls.GetOrCreate(2000, null, out _));
        Assert.Equal(FwErrors.AddressGroupNotFound, config.Nat.AddOutbound(wan, 2000, 1, false).Error);
        Ok(config.Nat.SetGroupRange(1, A("202.1.1.10"), A("202.1.1.20")));
        Assert.Equal(FwErrors.AddressRangeOverlaps, config.Nat.SetGroupRange(2, A("202.1.1.20"), A("202.1.1.30")).Error);
        Ok(config.Nat.AddOutbound(wan, 2000, 1, true));
        Assert.Equal(FwErrors.AddressGroupInUse, config.Nat.DeleteGroup(1).Error);
        Assert.Equal(FwErrors.AclInUse, config.Acls.Delete(2000).Error);
        Ok(config.Nat.RemoveOutbound(wan, 2000));
        Ok(config.Nat.DeleteGroup(1));
        Ok(config.Acls.Delete(2000));
    }

    [Fact]
    public void Nat_server_global_port_is_unique()
    {
        var config = NewV7();
        var wan = Iface(config, "GE1/0/1");
        Ok(config.Nat.AddServer(wan, Ports.Tcp, A("203.0.113.5"), 80, A("10.0.0.10"), 8080));
        Assert.Equal(FwErrors.NatServerConflict, config.Nat.AddServer(wan, Ports.Tcp, A("203.0.113.5"), 80, A("10.0.0.11"), 80).Error);
        Ok(config.Nat.AddServer(wan, Ports.Udp, A("203.0.113.5"), 80, A("10.0.0.11"), 80));
        Assert.Equal("nat server protocol tcp global 203.0.113.5 www inside 10.0.0.10 8080", NatStaticSection.RenderNatServer(config.Nat.Servers[0]));
    }

    [Fact]
    public void Routing_table_has_direct_and_resolvable_static_routes()
    {
        var config = NewV5();
        var wan = Iface(config, "GE0/1");
        Ok(config.Interfaces.SetAddress(wan, A("1.1.1.1"), M("24"), sub: false));
        Ok(config.Routes.Add(A("0.0.0.0"), M("0.0.0.0"), null, A("1.1.1.254"), null, null));
        Ok(config.Routes.Add(A("10.0.0.0"), M("8"), null, A("9.9.9.9"), 70, "unreachable"));
        Assert.Equal(FwErrors.RouteMaskInconsistent, config.Routes.Add(A("10.1.1.1"), M("24"), null, A("1.1.1.254"), null, null).Error);
        Assert.Equal(FwErrors.RouteNextHopLocal, config.Routes.Add(A("20.0.0.0"), M("8"), null, A("1.1.1.1"), null, null).Error);
        var table = config.Routes.RoutingTable();
        Assert.Equal(["0.0.0.0/0 Static", "1.1.1.0/24 Direct", "1.1.1.1/32 Direct", "127.0.0.0/8 Direct", "127.0.0.1/32 Direct"],
            table.Select(r => $"{r.Destination} {r.Protocol}"));
        Assert.Equal("GigabitEthernet0/1", config.Routes.Lookup(Ip("8.8.8.8"))!.Interface);
        Ok(InterfaceTable.SetShutdown(wan, true));
        Assert.Null(config.Routes.Lookup(Ip("8.8.8.8")));
    }

    [Fact]
    public void V7_routing_table_display_matches_the_real_layout()
    {
        var config = NewV7();
        Ok(config.Interfaces.SetAddress(Iface(config, "GE1/0/1"), A("10.20.1.1"), M("24"), sub: false));
        var lines = RoutingDisplays.Table(config);
        Assert.Equal("Destinations : 12        Routes : 12", lines[0]);
        Assert.Equal("Destination/Mask    Proto  Pre  Cost         NextHop         Interface", lines[2]);
        Assert.Contains("10.20.1.0/24        Direct 0    0            10.20.1.1       GE1/0/1", lines);
        Assert.Contains("224.0.0.0/4         Direct 0    0            0.0.0.0         NULL0", lines);
        Assert.Contains("10.20.1.255/32      Direct 0    0            10.20.1.1       GE1/0/1", lines);
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public void Ping_moves_counters_and_reports_loss_when_unrouted(ComwareDialect dialect)
    {
        var config = New(dialect);
        var name = dialect == ComwareDialect.V5 ? "GE0/1" : "GE1/0/1";
        var wan = Iface(config, name);
        Ok(config.Interfaces.SetAddress(wan, A("1.1.1.1"), M("24"), sub: false));
        var ok = Reachability.Ping(config, Ip("1.1.1.2"));
        Assert.Equal(5, wan.Counters.OutputPackets);
        Assert.Equal(5, wan.Counters.InputPackets);
        Assert.Equal(5 * 84, wan.Counters.OutputBytes);
        Assert.Contains(ok, l => l.Contains("0.0", StringComparison.Ordinal) && l.Contains("packet loss", StringComparison.Ordinal));
        var lost = Reachability.Ping(config, Ip("8.8.8.8"), count: 2);
        Assert.Equal(2, lost.Count(l => l.Contains("Request time out", StringComparison.Ordinal)));
        Assert.Contains(lost, l => l.Contains("100.0", StringComparison.Ordinal));
        Assert.Equal(5, wan.Counters.OutputPackets);
    }

    [Fact]
    public void Tracert_lists_the_next_hop_then_the_destination()
    {
        var config = NewV7();
        Ok(config.Interfaces.SetAddress(Iface(config, "GE1/0/1"), A("1.1.1.1"), M("24"), sub: false));
        Ok(config.Routes.Add(A("0.0.0.0"), M("0"), null, A("1.1.1.254"), null, null));
        var lines = Reachability.Tracert(config, Ip("8.8.8.8"));
        Assert.Equal(" 1  1.1.1.254 (1.1.1.254)  1.000 ms  1.000 ms  1.000 ms", lines[1]);
        Assert.Equal(" 2  8.8.8.8 (8.8.8.8)  1.000 ms  1.000 ms  1.000 ms", lines[2]);
    }
}
