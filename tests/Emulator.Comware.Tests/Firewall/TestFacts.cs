using Emulator.Comware.Commands;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Tests.Firewall;

internal static class TestFacts
{
    public static DeviceFacts V5 => Support.TestDevices.V5Facts;

    public static DeviceFacts V7 => Support.TestDevices.V7Facts;

    public static FirewallConfig NewV5() => new(V5);

    public static FirewallConfig NewV7() => new(V7);

    public static FirewallConfig New(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? NewV5() : NewV7();

    public static void Ok(FwResult result) => Assert.True(result.Ok, result.Error);

    public static FwInterface Iface(FirewallConfig config, string name)
    {
        Ok(config.Interfaces.GetOrCreate(N(name), out var iface));
        return iface!;
    }

    public static uint Ip(string text) => A(text).Value;

    /// <summary>Typed values from text, through the same tables the CLI parameters use.</summary>
    public static Ipv4Address A(string text) => Ipv4Address.Parse(text);

    public static SubnetMask M(string text) => SubnetMask.TryParse(text, out var mask) ? mask : throw new ArgumentException(text);

    public static InterfaceName N(string text) => InterfaceNames.Parse(text);

    /// <summary>The criteria of <c>rule permit|deny CRITERIA</c>, parsed by the ACL view's grammar.</summary>
    public static AclRuleSpec Rule(Acl acl, bool permit, string criteria) =>
        TryRule(acl, permit, criteria) ?? throw new ArgumentException("Does not parse: " + criteria);

    public static AclRuleSpec? TryRule(Acl acl, bool permit, string criteria)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var view = acl.Kind == AclKind.Basic ? AclCommands.BasicView : AclCommands.AdvancedView;
        var result = Parse(view, $"rule {(permit ? "permit" : "deny")} {criteria}");
        return result.Verdict == ParseVerdict.Ok ? AclRuleGrammar.Spec(result.Arguments) : null;
    }

    /// <summary>An address member line (<c>subnet A M</c>, <c>host address A</c>...), parsed by the V5 object grammar.</summary>
    public static AddressSpec Addr(string member) => ObjectCommandsSpec(ObjectCommands.AddressView, member, ObjectCommands.AddressSpecOf);

    /// <summary>A service member line (<c>service tcp destination eq 80</c>, <c>group-object N</c>).</summary>
    public static ServiceSpec Svc(string member) => ObjectCommandsSpec(ObjectCommands.ServiceView, member, ObjectCommands.ServiceSpecOf);

    private static T ObjectCommandsSpec<T>(string view, string line, Func<CommandArguments, T> build)
    {
        var result = Parse(view, line);
        return result.Verdict == ParseVerdict.Ok ? build(result.Arguments) : throw new ArgumentException($"Does not parse ({result.Verdict}): {line}");
    }

    private static ParseResult Parse(string view, string line) =>
        CommandParser.Parse(CommandModules.DefaultSet.CommandsFor(view, ComwareDialect.V5), line, new ParameterContext(ComwareDialect.V5));
}
