using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>NAT: address groups, outbound NAT, internal servers, static NAT and <c>display nat</c>.</summary>
internal static class NatCommands
{
    public const string GroupView = "fw-nat-group";

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(GroupView, ViewIds.System, "[{0}-address-group-{1}]", "Address group view commands:") { Dialects = Dialects.V7, Section = NatAddressGroupSection.Instance });
        r.AddConfigSection(NatStaticSection.Instance);
        r.AddConfigSection(NatAddressGroupSection.Instance);

        r.Add(new CommandDefinition
        {
            Syntax = "nat address-group group:INTEGER<0-65535> start:IPV4 end:IPV4",
            Help = ["", "Specify an address group", "Address group number", "Start address", "End address"],
            Dialects = Dialects.V5,
            UndoSyntax = "nat address-group group:INTEGER<0-65535>",
            UndoHelp = ["", "Specify an address group", "Address group number"],
            Handler = ctx => ctx.IsUndo
                ? Fw.Apply(ctx, Fw.Config(ctx).Nat.DeleteGroup(ctx.Args.GetInt32("group")))
                : Fw.Apply(ctx, Fw.Config(ctx).Nat.SetGroupRange(ctx.Args.GetInt32("group"), ctx.Args.GetIpv4("start"), ctx.Args.GetIpv4("end"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat address-group group:INTEGER<0-65535>",
            Help = ["", "Specify an address group", "Address group number"],
            Dialects = Dialects.V7,
            UndoSyntax = "nat address-group group:INTEGER<0-65535>",
            UndoHelp = ["", "Specify an address group", "Address group number"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                var id = ctx.Args.GetInt32("group");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.Nat.DeleteGroup(id));
                }

                var result = config.Nat.GetOrCreateGroup(id, out var group);
                if (result.Ok)
                {
                    ctx.EnterView(NatCommands.GroupView, id.ToString(global::System.Globalization.CultureInfo.InvariantCulture), group);
                }

                return Fw.Apply(ctx, result);
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "address start:IPV4 end:IPV4",
            Help = ["Add an address range", "Start address", "End address"],
            Views = [NatCommands.GroupView],
            Dialects = Dialects.V7,
            UndoSyntax = "address start:IPV4 end:IPV4",
            UndoHelp = ["Add an address range", "Start address", "End address"],
            Handler = ctx =>
            {
                var group = Fw.State<NatAddressGroup>(ctx);
                var (start, end) = (ctx.Args.GetIpv4("start"), ctx.Args.GetIpv4("end"));
                return Fw.Apply(ctx, ctx.IsUndo ? Fw.Config(ctx).Nat.RemoveGroupAddress(group, start, end) : Fw.Config(ctx).Nat.AddGroupAddress(group, start, end));
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat static local:IPV4 global:IPV4",
            Help = ["", "Static NAT", "Local address", "Global address"],
            Dialects = Dialects.V5,
            UndoSyntax = "nat static local:IPV4 global:IPV4",
            UndoHelp = ["", "Static NAT", "Local address", "Global address"],
            Handler = ctx => Static(ctx),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat static outbound local:IPV4 global:IPV4",
            Help = ["", "Static NAT", "Outbound mapping", "Local address", "Global address"],
            Dialects = Dialects.V7,
            UndoSyntax = "nat static outbound local:IPV4 global:IPV4",
            UndoHelp = ["", "Static NAT", "Outbound mapping", "Local address", "Global address"],
            Handler = ctx => Static(ctx),
        });

        string[] inIface = [InterfaceCommands.View];
        r.Add(new CommandDefinition
        {
            Syntax = "nat outbound [ acl:INTEGER<2000-3999> ] [ address-group group:INTEGER<0-65535> [ no-pat ] ]",
            Help = ["", "Outbound NAT", "ACL number", "Specify an address group", "Address group number", "Translate addresses only"],
            Views = inIface,
            UndoSyntax = "nat outbound [ acl:INTEGER<2000-3999> ]",
            UndoHelp = ["", "Outbound NAT", "ACL number"],
            Handler = ctx =>
            {
                var iface = Fw.State<FwInterface>(ctx);
                var acl = ctx.Args.GetInt32OrNull("acl");
                return ctx.IsUndo
                    ? Fw.Apply(ctx, Fw.Config(ctx).Nat.RemoveOutbound(iface, acl))
                    : Fw.Apply(ctx, Fw.Config(ctx).Nat.AddOutbound(iface, acl, ctx.Args.GetInt32OrNull("group"), ctx.Args.Has("no-pat")));
            },
        });
        // One switch, spelled per dialect: apply the static NAT mappings on this interface.
        foreach (var (dialects, syntax, help) in new[]
        {
            (Dialects.V5, "nat outbound static", new[] { "", "Outbound NAT", "Apply static NAT mappings" }),
            (Dialects.V7, "nat static enable", new[] { "", "Static NAT", "Apply static NAT mappings" }),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = syntax,
                Help = help,
                Views = inIface,
                Dialects = dialects,
                UndoSyntax = syntax,
                UndoHelp = help,
                Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).Nat.SetStaticOnInterface(Fw.State<FwInterface>(ctx), !ctx.IsUndo)),
            });
        }

        // One shape per protocol, so that the port parameters take that protocol's port names (www, dns...).
        foreach (var (protocol, keyword, help) in new[] { (Ports.Tcp, "tcp", "TCP"), (Ports.Udp, "udp", "UDP") })
        {
            var port = protocol == Ports.Tcp ? "TCPPORT" : "UDPPORT";
            r.Add(new CommandDefinition
            {
                Syntax = $"nat server protocol {keyword} global global:IPV4 [ gport:{port} ] inside inside:IPV4 [ iport:{port} ]",
                Help = ["", "Internal server", "Specify a protocol", help, "Global address", "IP address", "Port number or name", "Inside address", "IP address", "Port number or name"],
                Views = inIface,
                UndoSyntax = $"nat server protocol {keyword} global global:IPV4 [ gport:{port} ]",
                UndoHelp = ["", "Internal server", "Specify a protocol", help, "Global address", "IP address", "Port number or name"],
                Handler = ctx =>
                {
                    var iface = Fw.State<FwInterface>(ctx);
                    int? Port(string name) => ctx.Args.TryGet<int>(name, out var value) ? value : null;
                    var nat = Fw.Config(ctx).Nat;
                    var global = ctx.Args.GetIpv4("global");
                    return Fw.Apply(ctx, ctx.IsUndo
                        ? nat.RemoveServer(iface, protocol, global, Port("gport"))
                        : nat.AddServer(iface, protocol, global, Port("gport"), ctx.Args.GetIpv4("inside"), Port("iport")));
                },
            });
        }

        Fw.Display(r, "display nat { all | address-group | outbound | server | static }", ["", "", "All NAT information", "Address groups", "Outbound NAT", "Internal servers", "Static NAT"], ctx =>
        {
            var config = Fw.Config(ctx);
            return ctx.Args.Has("all") ? NatDisplays.All(config)
                : ctx.Args.Has("address-group") ? NatDisplays.AddressGroups(config)
                : ctx.Args.Has("outbound") ? NatDisplays.Outbound(config)
                : ctx.Args.Has("server") ? NatDisplays.Servers(config)
                : NatDisplays.Statics(config);
        });
    }

    private static ValueTask Static(CommandContext ctx)
    {
        var local = ctx.Args.GetIpv4("local");
        var global = ctx.Args.GetIpv4("global");
        return Fw.Apply(ctx, ctx.IsUndo ? Fw.Config(ctx).Nat.RemoveStatic(local, global) : Fw.Config(ctx).Nat.AddStatic(local, global));
    }
}
