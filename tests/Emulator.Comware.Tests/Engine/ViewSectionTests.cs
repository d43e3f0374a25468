using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

/// <summary>A view declares the section that writes it (FRR cmd_node style); registering the view registers the section.</summary>
public class ViewSectionTests
{
    [Fact]
    public void Every_firewall_view_names_a_registered_firewall_section()
    {
        var set = TestDevices.Commands;
        var firewallViews = set.Views.Values.Where(v => v.Id.StartsWith("fw-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(firewallViews);
        Assert.All(firewallViews, v => Assert.IsAssignableFrom<FirewallSection>(v.Section));
        Assert.All(firewallViews, v => Assert.Contains(v.Section!, set.ConfigSections));
    }

    [Fact]
    public void A_section_shared_by_several_views_is_registered_once()
    {
        var set = TestDevices.Commands;
        Assert.Equal(set.ConfigSections.Count, set.ConfigSections.Distinct().Count());
        Assert.Equal(12, set.ConfigSections.OfType<FirewallSection>().Count()); // 8 firewall sections + 4 layer-2 (VLAN, VPN instance, LLDP, static ARP)
    }

    [Fact]
    public void A_section_writes_display_this_only_for_the_views_that_declare_it()
    {
        var device = TestDevices.Create(ComwareDialect.V7);
        var set = device.Commands;
        var acl = set.Views["fw-acl-advanced"];
        var undeclared = acl with { Section = null };
        var config = device.GetState<FirewallState>().Config;
        Assert.True(config.Acls.GetOrCreate(3000, null, out var model).Ok);

        var writer = new ConfigWriter();
        acl.Section!.RenderView(device, new ViewInstance(acl, "acl-ipv4-adv-3000", model), writer);
        Assert.Equal(["acl advanced 3000"], writer.Lines);

        var silent = new ConfigWriter();
        acl.Section.RenderView(device, new ViewInstance(undeclared, "acl-ipv4-adv-3000", model), silent);
        Assert.Empty(silent.Lines);
    }
}
