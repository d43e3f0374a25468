using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>
/// Address and service objects: V7 <c>object-group ip address|service NAME</c> with <c>[ID] network ...</c> /
/// <c>[ID] service ...</c> members (H3C V7 object group reference); V5 <c>object address|service NAME</c> with the
/// same members without IDs (comware-cli.md §8.3a; V5 lines unverified).
/// </summary>
internal static class ObjectCommands
{
    public static void Register(CommandRegistry r)
    {
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

        string[] inObject = [FirewallCommands.ObjectView];
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
        r.Add(new CommandDefinition
        {
            Syntax = "[ id:INTEGER<0-4294967294> ] service spec:TEXT",
            Help = ["Object ID", "Specify a service", "Protocol and ports, e.g. tcp destination eq 80"],
            Views = inObject,
            UndoSyntax = "service spec:TEXT",
            UndoHelp = ["Specify a service", "Protocol and ports"],
            Handler = ctx =>
            {
                var obj = Fw.State<object>(ctx) as ServiceObject;
                if (obj is null)
                {
                    return Fw.Apply(ctx, FwResult.Fail(FwErrors.ObjectTypeMismatch));
                }

                string[] words = ["service", .. Fw.Words(ctx.Args.GetString("spec"))];
                var config = Fw.Config(ctx);
                return Fw.Apply(ctx, ctx.IsUndo ? config.DeleteServiceMemberByValue(obj, words) : config.AddServiceMember(obj, ctx.Args.GetInt32OrNull("id"), words));
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "description text:TEXT<1-127>",
            Help = ["", "Description"],
            Views = inObject,
            UndoSyntax = "description",
            UndoHelp = [""],
            Handler = ctx => Fw.Apply(ctx, FirewallConfig.SetObjectDescription(Fw.State<object>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("text"))),
        });
    }

    private static ValueTask Enter(CommandContext ctx, bool address, string prefix)
    {
        var config = Fw.Config(ctx);
        var name = ctx.Args.GetString("name");
        if (ctx.IsUndo)
        {
            return Fw.Apply(ctx, address ? config.DeleteAddressObject(name) : config.DeleteServiceObject(name));
        }

        if (address)
        {
            var result = config.GetOrCreateAddressObject(name, out var obj);
            if (result.Ok)
            {
                ctx.EnterView(FirewallCommands.ObjectView, prefix + obj!.Name, obj);
            }

            return Fw.Apply(ctx, result);
        }

        var service = config.GetOrCreateServiceObject(name, out var svc);
        if (service.Ok)
        {
            ctx.EnterView(FirewallCommands.ObjectView, prefix + svc!.Name, svc);
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
            return Fw.Apply(ctx, FirewallConfig.DeleteAddressMember(obj, ctx.Args.GetInt32("id")));
        }

        string Ip(string name) => ctx.Args.GetIPAddress(name).ToString();
        string[] words = ctx.Args.Has("range") ? ["range", Ip("s"), Ip("e")]
            : ctx.Args.Has("subnet") ? ["subnet", Ip("n"), ctx.Args.GetMask("m").Dotted]
            : ctx.Args.Has("group-object") ? ["group-object", ctx.Args.GetString("g")]
            : ["host", "address", Ip("h")];
        return Fw.Apply(ctx, ctx.IsUndo ? config.DeleteAddressMemberByValue(obj, words) : config.AddAddressMember(obj, ctx.Args.GetInt32OrNull("id"), words));
    }
}
