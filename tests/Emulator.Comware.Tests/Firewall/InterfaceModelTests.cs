using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

public class InterfaceModelTests
{
    [Theory]
    [InlineData("g0/1", "GigabitEthernet0/1")]
    [InlineData("GE0/1", "GigabitEthernet0/1")]
    [InlineData("gig 0/1", "GigabitEthernet0/1")]
    [InlineData("GigabitEthernet0/1.10", "GigabitEthernet0/1.10")]
    [InlineData("loop1", "LoopBack1")]
    [InlineData("LoopBack 7", "LoopBack7")]
    [InlineData("vlan-interface10", "Vlan-interface10")]
    [InlineData("Vlan 20", "Vlan-interface20")]
    [InlineData("null0", "NULL0")]
    public void Names_normalize_like_the_device(string typed, string canonical)
    {
        Assert.True(InterfaceNames.TryParse(typed, out var name));
        Assert.Equal(canonical, name.FullName);
    }

    [Theory]
    [InlineData("GigabitEthernet0/1.10", "GE0/1.10")]
    [InlineData("LoopBack0", "Loop0")]
    [InlineData("Vlan-interface1", "Vlan1")]
    [InlineData("InLoopBack0", "InLoop0")]
    public void Brief_names(string canonical, string brief) => Assert.Equal(brief, InterfaceNames.Brief(canonical));

    [Fact]
    public void Physical_ports_come_from_the_facts_plus_NULL0_and_InLoopBack0()
    {
        var config = NewV5();
        Assert.Equal(["GigabitEthernet0/0", "GigabitEthernet0/1", "GigabitEthernet0/2", "GigabitEthernet0/3", "NULL0", "InLoopBack0"],
            config.Interfaces.Select(i => i.Name));
    }

    [Fact]
    public void Logical_interfaces_are_created_on_demand_and_sorted()
    {
        var config = NewV5();
        Iface(config, "LoopBack1");
        Iface(config, "GE0/1.20");
        Iface(config, "GE0/1.3");
        Iface(config, "Vlan-interface5");
        Assert.Equal(["GigabitEthernet0/0", "GigabitEthernet0/1", "GigabitEthernet0/1.3", "GigabitEthernet0/1.20", "GigabitEthernet0/2",
            "GigabitEthernet0/3", "Vlan-interface5", "LoopBack1", "NULL0", "InLoopBack0"], config.Interfaces.Select(i => i.Name));
    }

    [Fact]
    public void Missing_physical_port_or_orphan_subinterface_is_refused()
    {
        var config = NewV5();
        Assert.False(config.Interfaces.GetOrCreate(N("GigabitEthernet0/9"), out _).Ok);
        Assert.False(config.Interfaces.GetOrCreate(N("GigabitEthernet0/9.1"), out _).Ok);
        Assert.Equal(6, config.Interfaces.Count);
    }

    [Fact]
    public void Overlapping_address_on_another_interface_is_refused_with_the_device_text()
    {
        var config = NewV5();
        Ok(config.Interfaces.SetAddress(Iface(config, "GE0/1"), A("10.1.1.1"), M("24"), sub: false));
        var result = config.Interfaces.SetAddress(Iface(config, "GE0/2"), A("10.1.1.2"), M("255.255.255.0"), sub: false);
        Assert.Equal(FwErrors.SubnetOverlaps, result.Error);
        Assert.Null(config.Interfaces.Find("GE0/2")!.PrimaryAddress);
    }

    [Fact]
    public void Replacing_the_primary_keeps_subs_and_does_not_conflict_with_itself()
    {
        var config = NewV5();
        var ge1 = Iface(config, "GE0/1");
        Ok(config.Interfaces.SetAddress(ge1, A("10.1.1.1"), M("24"), sub: false));
        Ok(config.Interfaces.SetAddress(ge1, A("10.2.2.1"), M("24"), sub: true));
        Ok(config.Interfaces.SetAddress(ge1, A("10.1.1.2"), M("24"), sub: false));
        Assert.Equal("10.1.1.2/24", ge1.PrimaryAddress.ToString());
        Assert.Single(ge1.SubAddresses);
    }

    [Theory]
    [InlineData("10.1.1.0", "24")]
    [InlineData("10.1.1.255", "24")]
    [InlineData("224.1.1.1", "24")]
    [InlineData("127.0.0.2", "8")]
    [InlineData("10.1.1.1", "255.0.255.0")]
    [InlineData("10.1.1.1", "33")]
    public void Invalid_addresses_and_masks_are_refused(string address, string mask)
    {
        var config = NewV5();
        var ge1 = Iface(config, "GE0/1");

        // A mask with holes or longer than 32 never becomes a value (the MASK parameter refuses it with a caret);
        // a parsed address that cannot be an interface address is refused by the model.
        var refused = !SubnetMask.TryParse(mask, out var parsed) || !config.Interfaces.SetAddress(ge1, A(address), parsed, sub: false).Ok;
        Assert.True(refused);
        Assert.Null(ge1.PrimaryAddress);
    }

    [Fact]
    public void Sub_needs_a_primary_and_the_primary_cannot_go_while_subs_remain()
    {
        var config = NewV5();
        var ge1 = Iface(config, "GE0/1");
        Assert.Equal(FwErrors.PrimaryRequired, config.Interfaces.SetAddress(ge1, A("10.2.2.1"), M("24"), sub: true).Error);
        Ok(config.Interfaces.SetAddress(ge1, A("10.1.1.1"), M("24"), sub: false));
        Ok(config.Interfaces.SetAddress(ge1, A("10.2.2.1"), M("24"), sub: true));
        Assert.Equal(FwErrors.SubAddressesExist, InterfaceTable.RemoveAddress(ge1, A("10.1.1.1"), M("24"), sub: false).Error);
        Ok(InterfaceTable.RemoveAddress(ge1, A("10.2.2.1"), M("24"), sub: true));
        Ok(InterfaceTable.RemoveAddress(ge1, A("10.1.1.1"), M("24"), sub: false));
    }

    [Fact]
    public void Deleting_a_logical_interface_removes_its_zone_membership_and_nat()
    {
        var config = NewV7();
        var loop = Iface(config, "LoopBack3");
        Ok(config.Interfaces.SetAddress(loop, A("1.1.1.1"), M("32"), sub: false));
        Ok(config.Zones.ImportInterface(config.Zones.Find("Trust")!, N("LoopBack3")));
        Ok(config.Interfaces.Delete(N("LoopBack3")));
        Assert.Null(config.Interfaces.Find("LoopBack3"));
        Assert.Empty(config.Zones.Find("Trust")!.Interfaces);
        Assert.Equal(FwErrors.CannotDeletePhysical, config.Interfaces.Delete(N("GigabitEthernet1/0/1")).Error);
    }

    [Fact]
    public void Protocol_is_up_only_with_an_address_and_not_shut_down()
    {
        var config = NewV5();
        var ge1 = Iface(config, "GE0/1");
        Assert.False(ge1.ProtocolUp(null));
        Ok(config.Interfaces.SetAddress(ge1, A("10.1.1.1"), M("24"), sub: false));
        Assert.True(ge1.ProtocolUp(null));
        Ok(InterfaceTable.SetShutdown(ge1, true));
        Assert.False(ge1.ProtocolUp(null));
        var sub = Iface(config, "GE0/1.5");
        Ok(config.Interfaces.SetAddress(sub, A("10.5.5.1"), M("24"), sub: false));
        Assert.False(sub.ProtocolUp(config.Interfaces.ParentOf(sub)));
    }
}
