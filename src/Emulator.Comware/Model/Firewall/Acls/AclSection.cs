using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Acls;

/// <summary>The <c>acl number N</c> (V5) / <c>acl basic|advanced N</c> (V7) blocks, written by the ACL views.</summary>
public sealed class AclSection : FirewallSection
{
    public static AclSection Instance { get; } = new();

    public override int Order => ConfigOrder.Acl;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        return config.Acls.Select(a => (IReadOnlyList<string>)AclBlock(a, v7));
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        view.State is Acl acl ? AclBlock(acl, config.Dialect == ComwareDialect.V7) : null;

    public static List<string> AclBlock(Acl acl, bool v7)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var header = v7
            ? string.Create(CultureInfo.InvariantCulture, $"acl {(acl.Kind == AclKind.Basic ? "basic" : "advanced")} {acl.Number}")
            : string.Create(CultureInfo.InvariantCulture, $"acl number {acl.Number}");
        var lines = new List<string> { header };
        if (acl.Description is not null)
        {
            lines.Add($" description {acl.Description}");
        }

        if (acl.Step != 5)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $" step {acl.Step}"));
        }

        lines.AddRange(acl.Rules.Select(r => " " + r.Render(acl.Kind)));
        return lines;
    }
}
