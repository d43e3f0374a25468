using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall.Acls;

namespace Emulator.Comware.Model.Firewall.Objects;

/// <summary>
/// Address and service objects: V7 <c>object-group ip address|service NAME</c> with <c>[ID] network ...</c> /
/// <c>[ID] service ...</c> members (H3C V7 object group reference); V5 <c>object address|service NAME</c> with the
/// same members without IDs (V5 lines unverified).
/// </summary>
internal static class ObjectCommands
{
    public const string AddressView = "fw-object-address";
    public const string ServiceView = "fw-object-service";

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(AddressView, ViewIds.System, "[{0}-{1}]", "Object view commands:") { Section = ObjectSection.Instance });
        r.AddView(new ViewDefinition(ServiceView, ViewIds.System, "[{0}-{1}]", "Object view commands:") { Section = ObjectSection.Instance });

        r.Add(new CommandDefinition
        {
            Syntax = "object-group { ip address | service } name:STRING<1-31>",
            Help = ["Specify an object group", "IPv4 object group", "Address object group", "Service object group", "Object group name"],
            Dialects = Dialects.V7,
            UndoSyntax = "object-group { ip address | service } name:STRING<1-31>",
            UndoHelp = ["Specify an object group", "IPv4 object group", "Address object group", "Service object group", "Object group name"],
            Handler = ctx => Enter(ctx, ctx.Args.Has("address"), ctx.Args.Has("address") ? "obj-grp-ip-" : "obj-grp-service-"),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "object { address | service } name:STRING<1-31>",
            Help = ["Specify an object", "Address object", "Service object", "Object name"],
            Dialects = Dialects.V5,
            UndoSyntax = "object { address | service } name:STRING<1-31>",
            UndoHelp = ["Specify an object", "Address object", "Service object", "Object name"],
            Handler = ctx => Enter(ctx, ctx.Args.Has("address"), ctx.Args.Has("address") ? "object-address-" : "object-service-"),
        });

        string[] inObject = [ObjectCommands.AddressView];
        r.Add(new CommandDefinition
        {
            Syntax = "[ id:INTEGER<0-4294967294> ] network { host address h:IPV4 | subnet n:IPV4 m:MASK | range s:IPV4 e:IPV4 | group-object g:STRING<1-31> }",
            Help = ["Object ID", "Specify a network object", "Host", "Host address", "IP address", "Subnet", "Subnet address", "Mask", "Address range", "Start address", "End address", "Reference an object group", "Object group name"],
            Views = inObject,
            Dialects = Dialects.V7,
            UndoSyntax = "id:INTEGER<0-4294967294>",
            UndoHelp = ["Object ID"],
            Handler = ctx => Member(ctx, skip: 1),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "{ host address h:IPV4 | subnet n:IPV4 m:MASK | range s:IPV4 e:IPV4 | group-object g:STRING<1-31> }",
            Help = ["Host", "Host address", "IP address", "Subnet", "Subnet address", "Mask", "Address range", "Start address", "End address", "Reference an object", "Object name"],
            Views = inObject,
            Dialects = Dialects.V5,
            UndoSyntax = "{ host address h:IPV4 | subnet n:IPV4 m:MASK | range s:IPV4 e:IPV4 | group-object g:STRING<1-31> }",
            UndoHelp = ["Host", "Host address", "IP address", "Subnet", "Subnet address", "Mask", "Address range", "Start address", "End address", "Reference an object", "Object name"],
            Handler = ctx => Member(ctx, skip: 0),
        });
        RegisterServiceMembers(r);
        r.Add(new CommandDefinition
        {
            Syntax = "description text:TEXT<1-127>",
            Help = ["", "Description"],
            Views = [ObjectCommands.AddressView, ObjectCommands.ServiceView],
            UndoSyntax = "description",
            UndoHelp = [""],
            Handler = ctx => Fw.Apply(ctx, ObjectTable.SetDescription(Fw.State<object>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("text"))),
        });

        Fw.Display(r, "display object-group [ { ip address | service } ] [ name name:STRING<1-31> ]",
            ["", "Object group information", "IPv4", "Address object groups", "Service object groups", "Specify a name", "Object group name"],
            ctx => ObjectDisplays.Objects(Fw.Config(ctx), ctx.Args.GetStringOrNull("name"), ctx.Args.Has("address") ? true : ctx.Args.Has("service") ? false : null), Dialects.V7);
        Fw.Display(r, "display object [ { address | service } ] [ name name:STRING<1-31> ]",
            ["", "Object information", "Address objects", "Service objects", "Specify a name", "Object name"],
            ctx => ObjectDisplays.Objects(Fw.Config(ctx), ctx.Args.GetStringOrNull("name"), ctx.Args.Has("address") ? true : ctx.Args.Has("service") ? false : null), Dialects.V5);
    }

    /// <summary>
    /// Service members as grammar (H3C V7 object group reference, "service (service object group view)":
    /// <c>[ object-id ] service { protocol [ { destination | source } { { eq | gt | lt } port | range port1 port2 } ] * | ... }</c>
    /// and <c>[ object-id ] group-object name</c>); V5 service objects take the same members without IDs (unverified).
    /// </summary>
    private static void RegisterServiceMembers(CommandRegistry r)
    {
        string[] inService = [ObjectCommands.ServiceView];
        var shapes = new List<(string Syntax, string[] Help)>();
        foreach (var (_, keyword, help, portType) in AclRuleGrammar.PortProtocols)
        {
            var source = AclRuleGrammar.Port("source", "source", portType, withNeq: false);
            var destination = AclRuleGrammar.Port("destination", "destination", portType, withNeq: false);
            shapes.Add(($"service {keyword} [ {source.Syntax} | {destination.Syntax} ] *", ["Specify a service", help, .. source.Help, .. destination.Help]));
        }

        var (others, othersHelp) = AclRuleGrammar.OtherProtocols();
        shapes.Add(($"service {others}", ["Specify a service", .. othersHelp]));
        foreach (var (syntax, help) in shapes)
        {
            r.Add(new CommandDefinition
            {
                Syntax = "[ id:INTEGER<0-4294967294> ] " + syntax,
                Help = ["Object ID", .. help],
                Views = inService,
                UndoSyntax = syntax,
                UndoHelp = help,
                Handler = ctx => ServiceMember(ctx, ServiceSpecOf(ctx.Args)),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "[ id:INTEGER<0-4294967294> ] group-object name:STRING<1-31>",
            Help = ["Object ID", "Reference an object group", "Object group name"],
            Views = inService,
            UndoSyntax = "group-object name:STRING<1-31>",
            UndoHelp = ["Reference an object group", "Object group name"],
            Handler = ctx => ServiceMember(ctx, ServiceSpecOf(ctx.Args)),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "undo id:INTEGER<0-4294967294>",
            Help = ["", "Object ID"],
            Views = inService,
            Dialects = Dialects.V7,
            Handler = ctx => Fw.Apply(ctx, ObjectTable.DeleteServiceMember(Fw.State<ServiceObject>(ctx), ctx.Args.GetInt32("id"))),
        });
    }

    /// <summary>The service member a matched line describes.</summary>
    internal static ServiceSpec ServiceSpecOf(CommandArguments args) =>
        args.Has("group-object")
            ? ServiceSpec.GroupObject(args.GetString("name"))
            : new ServiceSpec(AclRuleGrammar.ProtocolOf(args), AclRuleGrammar.PortAfter(args, "source"), AclRuleGrammar.PortAfter(args, "destination"));

    /// <summary>The address member a matched line describes.</summary>
    internal static AddressSpec AddressSpecOf(CommandArguments args) =>
        args.Has("range") ? AddressSpec.Range(args.GetIpv4("s"), args.GetIpv4("e"))
            : args.Has("subnet") ? AddressSpec.Subnet(args.GetIpv4("n"), args.GetMask("m"))
            : args.Has("group-object") ? AddressSpec.GroupObject(args.GetString("g"))
            : AddressSpec.Host(args.GetIpv4("h"));

    private static ValueTask ServiceMember(CommandContext ctx, ServiceSpec spec)
    {
        var obj = Fw.State<ServiceObject>(ctx);
        var config = Fw.Config(ctx);
        return Fw.Apply(ctx, ctx.IsUndo ? config.Objects.DeleteServiceMemberByValue(obj, spec) : config.Objects.AddServiceMember(obj, ctx.Args.GetInt32OrNull("id"), spec));
    }

    private static ValueTask Enter(CommandContext ctx, bool address, string prefix)
    {
        var config = Fw.Config(ctx);
        var name = ctx.Args.GetString("name");
        if (ctx.IsUndo)
        {
            return Fw.Apply(ctx, address ? config.Objects.DeleteAddressObject(name) : config.Objects.DeleteServiceObject(name));
        }

        if (address)
        {
            var result = config.Objects.GetOrCreateAddressObject(name, out var obj);
            if (result.Ok)
            {
                ctx.EnterView(ObjectCommands.AddressView, prefix + obj!.Name, obj);
            }

            return Fw.Apply(ctx, result);
        }

        var service = config.Objects.GetOrCreateServiceObject(name, out var svc);
        if (service.Ok)
        {
            ctx.EnterView(ObjectCommands.ServiceView, prefix + svc!.Name, svc);
        }

        return Fw.Apply(ctx, service);
    }

    private static ValueTask Member(CommandContext ctx, int skip)
    {
        if (Fw.State<object>(ctx) is not AddressObject obj)
        {
            return Fw.Apply(ctx, FwResult.Fail(FwErrors.ObjectTypeMismatch));
        }

        var config = Fw.Config(ctx);
        if (ctx.IsUndo && skip == 1)
        {
            return Fw.Apply(ctx, ObjectTable.DeleteAddressMember(obj, ctx.Args.GetInt32("id")));
        }

        var spec = AddressSpecOf(ctx.Args);
        return Fw.Apply(ctx, ctx.IsUndo ? config.Objects.DeleteAddressMemberByValue(obj, spec) : config.Objects.AddAddressMember(obj, ctx.Args.GetInt32OrNull("id"), spec));
    }
}
