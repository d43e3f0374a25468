using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// The read-only displays config-backup and fact-gathering tools send (rancid h3crancid, napalm-h3c, ntc-templates):
/// hardware (boot-loader, fan, power, environment, transceiver), AAA (domain, password-control), layer 2 (vlan,
/// link-aggregation, lldp, mac-address), <c>display startup</c> and <c>display cpu-usage summary</c>. Issue 13.
/// </summary>
internal static class PlatformDisplayCommands
{
    public static void Register(CommandRegistry r)
    {
        DisplayCommand.Register(r, "display boot-loader", ["", "Display software image file information"], ctx => HardwareDisplays.BootLoader(ctx.Device.Facts, ConfigurationFileCommands.NextMainImage(ctx), ConfigurationFileCommands.CurrentImages(ctx)));
        DisplayCommand.Register(r, "display fan", ["", "Display fan information"], ctx => HardwareDisplays.Fans(ctx.Device.Facts));
        DisplayCommand.Register(r, "display power", ["", "Display power supply information"], ctx => HardwareDisplays.Power(ctx.Device.Facts));
        DisplayCommand.Register(r, "display environment", ["", "Display temperature information"], ctx => HardwareDisplays.Environment(ctx.Device.Facts));
        DisplayCommand.Register(r, "display transceiver interface [ name:INTERFACE ]",
            ["", "Display transceiver information", "Specify an interface", "Interface name"], Transceiver);
        DisplayCommand.Register(r, "display domain", ["", "Display ISP domain information"],
            ctx => AaaDisplays.Domains(ctx.Dialect, ctx.Device.GetState<ManagementState>().Current.DefaultDomain));
        DisplayCommand.Register(r, "display password-control", ["", "Display password control information"], ctx => AaaDisplays.PasswordControl(ctx.Dialect));
        DisplayCommand.Register(r, "display startup", ["", "Display the configuration files used at this and the next startup"], ConfigurationFileCommands.DisplayStartup);
        DisplayCommand.Register(r, "display cpu-usage summary", ["", "Display CPU usage information", "Display CPU usage summary"], ctx =>
            SystemDisplays.CpuUsageSummary(ctx.Device.Facts, ctx.Device.GetState<ManagementState>().Clock(ctx.Device), ctx.Device.Services.Faults?.CpuUsagePercent));
    }

    /// <summary>All fiber ports' modules, or the named port's; a copper port has no transceiver.</summary>
    private static string Transceiver(CommandContext ctx)
    {
        var facts = ctx.Device.Facts;
        if (!ctx.Args.TryGet<InterfaceName>("name", out var name))
        {
            return HardwareDisplays.Transceiver(facts, facts.Interfaces);
        }

        var port = facts.Interfaces.FirstOrDefault(i => string.Equals(i.Name, name.FullName, StringComparison.OrdinalIgnoreCase));
        if (port is null || !HardwareDisplays.HasTransceiver(port))
        {
            ctx.Fail(port is null ? "The interface does not exist." : "The transceiver is absent.");
            return "";
        }

        return HardwareDisplays.Transceiver(facts, [port]);
    }
}
