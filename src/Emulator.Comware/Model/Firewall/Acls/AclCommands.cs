using System.Globalization;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Model.Firewall.Acls;

/// <summary>ACLs: V5 <c>acl number N</c>; V7 also <c>acl basic|advanced N</c>.</summary>
internal static class AclCommands
{
    public const string BasicView = "fw-acl-basic";
    public const string AdvancedView = "fw-acl-advanced";

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(BasicView, ViewIds.System, "[{0}-{1}]", "ACL view commands:") { Section = AclSection.Instance });
        r.AddView(new ViewDefinition(AdvancedView, ViewIds.System, "[{0}-{1}]", "ACL view commands:") { Section = AclSection.Instance });

        r.Add(new CommandDefinition
        {
            Syntax = "acl number number:INTEGER<2000-3999>",
            Help = ["", "Specify a numbered ACL", "ACL number"],
            UndoSyntax = "acl number number:INTEGER<2000-3999>",
            UndoHelp = ["", "Specify a numbered ACL", "ACL number"],
            Handler = ctx => Enter(ctx, null),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "acl { basic | advanced } number:INTEGER<2000-3999>",
            Help = ["", "Specify a basic ACL", "Specify an advanced ACL", "ACL number"],
            Dialects = Dialects.V7,
            UndoSyntax = "acl { basic | advanced } number:INTEGER<2000-3999>",
            UndoHelp = ["", "Specify a basic ACL", "Specify an advanced ACL", "ACL number"],
            Handler = ctx => Enter(ctx, ctx.Args.Has("basic") ? AclKind.Basic : AclKind.Advanced),
        });

        string[] inAcl = [AclCommands.BasicView, AclCommands.AdvancedView];
        foreach (var (view, shapes) in new[] { (AclCommands.BasicView, new[] { AclRuleGrammar.Basic() }), (AclCommands.AdvancedView, AclRuleGrammar.Advanced().ToArray()) })
        {
            for (var i = 0; i < shapes.Length; i++)
            {
                r.Add(new CommandDefinition
                {
                    Syntax = shapes[i].Syntax,
                    Help = shapes[i].Help,
                    Views = [view],
                    // One undo form per view: the rule ID alone.
                    UndoSyntax = i == 0 ? "rule id:INTEGER<0-65534>" : null,
                    UndoHelp = i == 0 ? ["", "ID of ACL rule"] : null,
                    Handler = ctx =>
                    {
                        var acl = Fw.State<Acl>(ctx);
                        return ctx.IsUndo
                            ? Fw.Apply(ctx, AclTable.DeleteRule(acl, ctx.Args.GetInt32("id")))
                            : Fw.Apply(ctx, AclTable.AddRule(acl, ctx.Args.GetInt32OrNull("id"), AclRuleGrammar.Spec(ctx.Args), out _));
                    },
                });
            }
        }

        r.Add(new CommandDefinition
        {
            Syntax = "step step:INTEGER<1-20>",
            Help = ["Set the step of the ACL", "Step value"],
            Views = inAcl,
            UndoSyntax = "step",
            UndoHelp = ["Set the step of the ACL"],
            Handler = ctx => Fw.Apply(ctx, AclTable.SetStep(Fw.State<Acl>(ctx), ctx.IsUndo ? 5 : ctx.Args.GetInt32("step"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "description text:TEXT<1-127>",
            Help = ["", "ACL description"],
            Views = inAcl,
            UndoSyntax = "description",
            UndoHelp = [""],
            Handler = ctx => Fw.Apply(ctx, AclTable.SetDescription(Fw.State<Acl>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("text"))),
        });

        Fw.Display(r, "display acl { all | number:INTEGER<2000-3999> }", ["", "", "All ACLs", "ACL number"], ctx =>
        {
            var config = Fw.Config(ctx);
            if (ctx.Args.Has("all"))
            {
                return AclDisplays.Acls(config);
            }

            return config.Acls.Find(ctx.Args.GetInt32("number")) is { } acl ? AclDisplays.Acls(config, acl) : [FwErrors.AclNotFound];
        });
    }

    private static ValueTask Enter(CommandContext ctx, AclKind? kind)
    {
        var config = Fw.Config(ctx);
        var number = ctx.Args.GetInt32("number");
        if (ctx.IsUndo)
        {
            return Fw.Apply(ctx, config.Acls.Delete(number));
        }

        var result = config.Acls.GetOrCreate(number, kind, out var acl);
        if (result.Ok)
        {
            var type = acl!.Kind == AclKind.Basic ? "basic" : "adv";
            var key = ctx.Dialect == ComwareDialect.V7
                ? string.Create(CultureInfo.InvariantCulture, $"acl-ipv4-{type}-{number}")
                : string.Create(CultureInfo.InvariantCulture, $"acl-{type}-{number}");
            ctx.EnterView(acl.Kind == AclKind.Basic ? AclCommands.BasicView : AclCommands.AdvancedView, key, acl);
        }

        return Fw.Apply(ctx, result);
    }
}
