using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// Static name-to-address entries: <c>ip host NAME A.B.C.D</c> / <c>undo ip host NAME [A.B.C.D]</c> in system view
/// (H3C MSR V5 / Comware 7 Layer 3 IP Services Command References, DNS, "ip host"; netmiko's hp_comware tests send them).
/// One address per name: a second <c>ip host</c> for the same name replaces it. Shown as global lines of the
/// configuration, sorted by name. Undoing an entry that does not exist is silent here (device wording unverified).
/// </summary>
internal static class IpHostCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "ip host name:STRING<1-253> address:IPV4",
            Help = ["Specify IP configurations for the system", "Add a static host name-to-address mapping", "Host name", "IP address of the host"],
            Level = Levels.System,
            UndoSyntax = "ip host name:STRING<1-253> [ address:IPV4 ]",
            UndoHelp = ["Specify IP configurations for the system", "Add a static host name-to-address mapping", "Host name", "IP address of the host"],
            Handler = ctx =>
            {
                var hosts = ctx.Device.GetState<StaticHostTable>().Entries;
                var name = ctx.Args.GetString("name");
                var address = ctx.Args.GetIpv4OrNull("address");
                if (!ctx.IsUndo)
                {
                    hosts[name] = address!.Value;
                }
                else if (hosts.TryGetValue(name, out var current) && (address is null || address.Value == current))
                {
                    hosts.Remove(name);
                }

                return ValueTask.CompletedTask;
            },
        });
        r.AddConfigSection(new IpHostSection());
    }
}

/// <summary>The static host entries of one device (reset with the configuration).</summary>
internal sealed class StaticHostTable
{
    public SortedDictionary<string, Ipv4Address> Entries { get; } = new(StringComparer.Ordinal);
}

/// <summary>Writes <c> ip host NAME ADDRESS</c> lines among the global settings.</summary>
internal sealed class IpHostSection : IConfigSection
{
    public int Order => ConfigOrder.Global + 60;

    public void Render(ComwareDevice device, ConfigWriter writer)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var (name, address) in device.GetState<StaticHostTable>().Entries)
        {
            writer.Line($" ip host {name} {address}");
        }
    }
}
