using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>V7 <c>security-policy ip</c> (H3C SecPath V7 security policy reference) and V5 interzone policy (comware-cli.md §8.3, unverified lines).</summary>
internal static class PolicyCommands
{
    public static void Register(CommandRegistry r)
    {
        RegisterV7(r);
        RegisterV5(r);
    }

    private static void RegisterV7(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "security-policy ip",
            Help = ["Security policy", "IPv4 security policy"],
            Dialects = Dialects.V7,
            Handler = ctx =>
            {
                ctx.EnterView(FirewallCommands.SecurityPolicyView);
                return Fw.Done;
            },
        });
        string[] inPolicy = [FirewallCommands.SecurityPolicyView];
        r.Add(new CommandDefinition
        {
            Syntax = "rule { id:INTEGER<0-65534> [ name name:STRING<1-127> ] | name name:STRING<1-127> }",
            Help = ["", "Rule ID", "Specify a rule name", "Rule name", "Specify a rule name", "Rule name"],
            Views = inPolicy,
            Dialects = Dialects.V7,
            UndoSyntax = "rule { id:INTEGER<0-65534> | name name:STRING<1-127> }",
            UndoHelp = ["", "Rule ID", "Specify a rule name", "Rule name"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                var id = ctx.Args.GetInt32OrNull("id");
                var name = ctx.Args.GetStringOrNull("name");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.DeletePolicyRule(id, name));
                }

                var result = config.GetOrCreatePolicyRule(id, name, out var rule);
                if (result.Ok)
                {
                    ctx.EnterView(FirewallCommands.PolicyRuleView, string.Create(CultureInfo.InvariantCulture, $"{rule!.Id}-{rule.Name}"), rule);
                }

                return Fw.Apply(ctx, result);
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "move rule id:INTEGER<0-65534> { before | after } target:INTEGER<0-65534>",
            Help = ["Move a rule", "Specify a rule", "Rule ID", "Before a rule", "After a rule", "Rule ID"],
            Views = inPolicy,
            Dialects = Dialects.V7,
            Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).MovePolicyRule(ctx.Args.GetInt32("id"), ctx.Args.Has("before"), ctx.Args.GetInt32("target"))),
        });

        string[] inRule = [FirewallCommands.PolicyRuleView];
        r.Add(new CommandDefinition
        {
            Syntax = "action { drop | pass }",
            Help = ["Specify an action", "Drop packets", "Permit packets to pass"],
            Views = inRule,
            Dialects = Dialects.V7,
            UndoSyntax = "action pass",
            UndoHelp = ["Specify an action", "Permit packets to pass"],
            Handler = ctx =>
            {
                FirewallConfig.SetPolicyAction(Fw.State<PolicyRule>(ctx), !ctx.IsUndo && ctx.Args.Has("pass") ? PolicyAction.Pass : PolicyAction.Drop);
                return Fw.Done;
            },
        });
        // On/off switches of a rule: the undo form switches off.
        foreach (var (syntax, help, setter) in new (string, string[], Action<PolicyRule, bool>)[]
        {
            ("logging enable", ["Enable logging", "Enable the feature"], FirewallConfig.SetPolicyLogging),
            ("counting enable", ["Enable counting", "Enable the feature"], FirewallConfig.SetPolicyCounting),
            ("disable", ["Disable the rule"], FirewallConfig.SetPolicyDisabled),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = syntax,
                Help = help,
                Views = inRule,
                Dialects = Dialects.V7,
                UndoSyntax = syntax,
                UndoHelp = help,
                Handler = ctx =>
                {
                    setter(Fw.State<PolicyRule>(ctx), !ctx.IsUndo);
                    return Fw.Done;
                },
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "description text:TEXT<1-127>",
            Help = ["", "Rule description"],
            Views = inRule,
            Dialects = Dialects.V7,
            UndoSyntax = "description",
            UndoHelp = [""],
            Handler = ctx =>
            {
                FirewallConfig.SetPolicyDescription(Fw.State<PolicyRule>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("text"));
                return Fw.Done;
            },
        });
        foreach (var direction in new[] { "source", "destination" })
        {
            var source = direction == "source";
            r.Add(new CommandDefinition
            {
                Syntax = direction + "-zone zone:STRING<1-31>",
                Help = [$"Specify a {direction} security zone", "Zone name"],
                Views = inRule,
                Dialects = Dialects.V7,
                UndoSyntax = direction + "-zone [ zone:STRING<1-31> ]",
                UndoHelp = [$"Specify a {direction} security zone", "Zone name"],
                Handler = ctx => ctx.IsUndo
                    ? Fw.Apply(ctx, FirewallConfig.RemovePolicyZone(Fw.State<PolicyRule>(ctx), ctx.Args.GetStringOrNull("zone"), source))
                    : Fw.Apply(ctx, Fw.Config(ctx).AddPolicyZone(Fw.State<PolicyRule>(ctx), ctx.Args.GetString("zone"), source)),
            });
            r.Add(new CommandDefinition
            {
                Syntax = direction + "-ip object:STRING<1-31>",
                Help = [$"Specify a {direction} IPv4 address object group", "Object group name"],
                Views = inRule,
                Dialects = Dialects.V7,
                UndoSyntax = direction + "-ip [ object:STRING<1-31> ]",
                UndoHelp = [$"Specify a {direction} IPv4 address object group", "Object group name"],
                Handler = ctx =>
                {
                    var rule = Fw.State<PolicyRule>(ctx);
                    var name = ctx.Args.GetStringOrNull("object");
                    if (ctx.IsUndo)
                    {
                        var list = source ? rule.SourceAddresses : rule.DestinationAddresses;
                        return Fw.Apply(ctx, FirewallConfig.RemovePolicyAddress(rule, source,
                            name is null ? null : list.Find(a => string.Equals(a.ObjectName, name, StringComparison.OrdinalIgnoreCase)) ?? new PolicyAddress(name, null)));
                    }

                    return Fw.Apply(ctx, Fw.Config(ctx).AddPolicyAddressObject(rule, name!, source));
                },
            });
            r.Add(new CommandDefinition
            {
                Syntax = direction + "-ip-host host:IPV4",
                Help = [$"Specify a {direction} host address", "IP address"],
                Views = inRule,
                Dialects = Dialects.V7,
                Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).AddPolicyInlineAddress(Fw.State<PolicyRule>(ctx), source, AddressSpec.Host(ctx.Args.GetIpv4("host")))),
            });
            r.Add(new CommandDefinition
            {
                Syntax = direction + "-ip-subnet net:IPV4 mask:MASK",
                Help = [$"Specify a {direction} subnet", "Subnet address", "Mask"],
                Views = inRule,
                Dialects = Dialects.V7,
                Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).AddPolicyInlineAddress(Fw.State<PolicyRule>(ctx), source,
                    AddressSpec.Subnet(ctx.Args.GetIpv4("net"), ctx.Args.GetMask("mask")))),
            });
            r.Add(new CommandDefinition
            {
                Syntax = direction + "-ip-range start:IPV4 end:IPV4",
                Help = [$"Specify a {direction} address range", "Start address", "End address"],
                Views = inRule,
                Dialects = Dialects.V7,
                Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).AddPolicyInlineAddress(Fw.State<PolicyRule>(ctx), source,
                    AddressSpec.Range(ctx.Args.GetIpv4("start"), ctx.Args.GetIpv4("end")))),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "service object:STRING<1-31>",
            Help = ["Specify a service object group", "Object group name"],
            Views = inRule,
            Dialects = Dialects.V7,
            UndoSyntax = "service [ object:STRING<1-31> ]",
            UndoHelp = ["Specify a service object group", "Object group name"],
            Handler = ctx => ctx.IsUndo
                ? Fw.Apply(ctx, FirewallConfig.RemovePolicyService(Fw.State<PolicyRule>(ctx), ctx.Args.GetStringOrNull("object")))
                : Fw.Apply(ctx, Fw.Config(ctx).AddPolicyService(Fw.State<PolicyRule>(ctx), ctx.Args.GetString("object"))),
        });
    }

    private static void RegisterV5(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "interzone source from:STRING<1-31> destination to:STRING<1-31>",
            Help = ["Specify an interzone instance", "Source zone", "Zone name", "Destination zone", "Zone name"],
            Dialects = Dialects.V5,
            UndoSyntax = "interzone source from:STRING<1-31> destination to:STRING<1-31>",
            UndoHelp = ["Specify an interzone instance", "Source zone", "Zone name", "Destination zone", "Zone name"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.DeleteInterzone(ctx.Args.GetString("from"), ctx.Args.GetString("to")));
                }

                var result = config.GetOrCreateInterzone(ctx.Args.GetString("from"), ctx.Args.GetString("to"), out var instance);
                if (result.Ok)
                {
                    ctx.EnterView(FirewallCommands.InterzoneView, $"{instance!.Source}-{instance.Destination}", instance);
                }

                return Fw.Apply(ctx, result);
            },
        });
        string[] inInterzone = [FirewallCommands.InterzoneView];
        r.Add(new CommandDefinition
        {
            Syntax = "rule [ id:INTEGER<0-65534> ] { permit | deny }",
            Help = ["", "Rule ID", "", ""],
            Views = inInterzone,
            Dialects = Dialects.V5,
            Handler = ctx =>
            {
                var instance = Fw.State<InterzoneInstance>(ctx);
                var result = FirewallConfig.GetOrCreateInterzoneRule(instance, ctx.Args.GetInt32OrNull("id"), ctx.Args.Has("permit"), out var rule);
                if (result.Ok)
                {
                    ctx.EnterView(FirewallCommands.InterzoneRuleView, string.Create(CultureInfo.InvariantCulture, $"{instance.Source}-{instance.Destination}-rule-{rule!.Id}"), rule);
                }

                return Fw.Apply(ctx, result);
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "rule id:INTEGER<0-65534> { enable | disable }",
            Help = ["", "Rule ID", "Enable the rule", "Disable the rule"],
            Views = inInterzone,
            Dialects = Dialects.V5,
            UndoSyntax = "rule id:INTEGER<0-65534>",
            UndoHelp = ["", "Rule ID"],
            Handler = ctx =>
            {
                var instance = Fw.State<InterzoneInstance>(ctx);
                var id = ctx.Args.GetInt32("id");
                return Fw.Apply(ctx, ctx.IsUndo ? FirewallConfig.DeleteInterzoneRule(instance, id) : FirewallConfig.SetInterzoneRuleEnabled(instance, id, ctx.Args.Has("enable")));
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "packet-filter acl:INTEGER<3000-3999>",
            Help = ["Reference an advanced ACL (interzone policy group)", "ACL number"],
            Views = inInterzone,
            Dialects = Dialects.V5,
            UndoSyntax = "packet-filter acl:INTEGER<3000-3999>",
            UndoHelp = ["Reference an advanced ACL (interzone policy group)", "ACL number"],
            Handler = ctx => ctx.IsUndo
                ? Fw.Apply(ctx, FirewallConfig.RemoveInterzonePacketFilter(Fw.State<InterzoneInstance>(ctx), ctx.Args.GetInt32("acl")))
                : Fw.Apply(ctx, Fw.Config(ctx).AddInterzonePacketFilter(Fw.State<InterzoneInstance>(ctx), ctx.Args.GetInt32("acl"))),
        });
        string[] inRule = [FirewallCommands.InterzoneRuleView];
        foreach (var term in new[] { "source-ip", "destination-ip", "service" })
        {
            r.Add(new CommandDefinition
            {
                Syntax = term + " object:STRING<1-31>",
                Help = [term == "service" ? "Specify a service object" : "Specify an address object", "Object name"],
                Views = inRule,
                Dialects = Dialects.V5,
                UndoSyntax = term + " object:STRING<1-31>",
                UndoHelp = [term == "service" ? "Specify a service object" : "Specify an address object", "Object name"],
                Handler = ctx => ctx.IsUndo
                    ? Fw.Apply(ctx, FirewallConfig.RemoveInterzoneRuleTerm(Fw.State<InterzoneRule>(ctx), term, ctx.Args.GetString("object")))
                    : Fw.Apply(ctx, Fw.Config(ctx).AddInterzoneRuleTerm(Fw.State<InterzoneRule>(ctx), term, ctx.Args.GetString("object"))),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "logging",
            Help = ["Enable logging"],
            Views = inRule,
            Dialects = Dialects.V5,
            UndoSyntax = "logging",
            UndoHelp = ["Enable logging"],
            Handler = ctx =>
            {
                FirewallConfig.SetInterzoneRuleLogging(Fw.State<InterzoneRule>(ctx), !ctx.IsUndo);
                return Fw.Done;
            },
        });
    }
}
