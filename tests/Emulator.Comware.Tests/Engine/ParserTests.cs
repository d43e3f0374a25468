using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

public class ParserTests
{
    private static readonly TestModule Module = new();
    private static readonly CommandSet Set = TestModule.Build(Module);

    private static ParseResult Parse(string line, string view = ViewIds.System, ComwareDialect dialect = ComwareDialect.V5) =>
        CommandParser.Parse(Set.CommandsFor(view, dialect), line, new ParameterContext(dialect));

    [Theory]
    [InlineData("display interface", "display interface [ name:INTERFACE ] [ brief ]")]
    [InlineData("dis int br", "display interface [ name:INTERFACE ] [ brief ]")]
    [InlineData("DIS INT GE0/1 BR", "display interface [ name:INTERFACE ] [ brief ]")]
    [InlineData("sys", "system-view")]
    [InlineData("vl 10", "vlan vlan-id:INTEGER<1-4094>")]
    [InlineData("undo sysn", "sysname sysname:STRING<1-30>")]
    public void Unique_prefixes_match_case_insensitively(string line, string syntax)
    {
        var view = line.StartsWith("sys", StringComparison.Ordinal) && line.Length == 3 ? ViewIds.User : ViewIds.System;
        var result = Parse(line, view);
        Assert.Equal(ParseVerdict.Ok, result.Verdict);
        Assert.Equal(syntax, result.Command!.Definition.Syntax);
    }

    [Theory]
    // Offsets are columns of the line; the session adds the prompt length.
    [InlineData("foo", ParseVerdict.Unrecognized, 0)]
    [InlineData("display foo", ParseVerdict.Unrecognized, 8)]
    [InlineData("  display   foo", ParseVerdict.Unrecognized, 12)]
    [InlineData("display", ParseVerdict.Incomplete, 8)]
    [InlineData("vlan", ParseVerdict.Incomplete, 5)]
    [InlineData("vlan 5000", ParseVerdict.WrongParameter, 5)]
    [InlineData("vlan abc", ParseVerdict.WrongParameter, 5)]
    [InlineData("vlan 10 20", ParseVerdict.TooManyParameters, 8)]
    [InlineData("display ip routing-table x", ParseVerdict.TooManyParameters, 25)]
    [InlineData("display i", ParseVerdict.Ambiguous, 8)]
    [InlineData("sysname", ParseVerdict.Incomplete, 8)]
    [InlineData("sysname abcdefghijklmnopqrstuvwxyz12345", ParseVerdict.WrongParameter, 8)]
    [InlineData("display interface Foo0/1", ParseVerdict.Unrecognized, 18)]
    [InlineData("display interface GE0/x", ParseVerdict.Unrecognized, 18)]
    [InlineData("display interface GigabitEthernet x", ParseVerdict.WrongParameter, 34)]
    [InlineData("display current-configuration | include", ParseVerdict.Incomplete, 40)]
    [InlineData("display current-configuration | foo x", ParseVerdict.Unrecognized, 32)]
    [InlineData("display current-configuration | include (", ParseVerdict.WrongParameter, 40)]
    public void Errors_carry_the_verdict_and_the_column_of_the_failing_token(string line, ParseVerdict verdict, int offset)
    {
        var result = Parse(line);
        Assert.Equal(verdict, result.Verdict);
        Assert.Equal(offset, result.ErrorOffset);
    }

    [Fact]
    public void Exact_keyword_wins_over_longer_keywords_with_that_prefix()
    {
        // "d" is ambiguous in user view (delete, dir, display); "dir" is exact.
        Assert.Equal(ParseVerdict.Ambiguous, Parse("d", ViewIds.User).Verdict);
        Assert.Equal("dir", Parse("dir", ViewIds.User).Command!.Definition.Syntax);
    }

    [Theory]
    [InlineData("interface GE0/1", "GigabitEthernet0/1")]
    [InlineData("interface gig0/1", "GigabitEthernet0/1")]
    [InlineData("interface g0/1", "GigabitEthernet0/1")]
    [InlineData("interface GigabitEthernet 0/1", "GigabitEthernet0/1")]
    [InlineData("in gigabitethernet1/0/1", "GigabitEthernet1/0/1")]
    [InlineData("interface Vlan-int10", "Vlan-interface10")]
    [InlineData("interface vlan 10", "Vlan-interface10")]
    [InlineData("interface Loop0", "LoopBack0")]
    [InlineData("interface xge 1/0/1", "Ten-GigabitEthernet1/0/1")]
    [InlineData("interface GE0/1.100", "GigabitEthernet0/1.100")]
    public void Interface_names_resolve_from_any_accepted_form(string line, string expected)
    {
        var result = Parse(line);
        Assert.Equal(ParseVerdict.Ok, result.Verdict);
        Assert.Equal(expected, result.Arguments.GetInterface("name").FullName);
    }

    [Fact]
    public void Typed_values_are_bound_by_name()
    {
        var result = Parse("ip address 10.1.1.1 24 sub", "interface");
        Assert.Equal("10.1.1.1", result.Arguments.GetIpv4("address").ToString());
        Assert.Equal("255.255.255.0", result.Arguments.GetMask("mask").Dotted);
        Assert.True(result.Arguments.Has("sub"));
        Assert.Equal(24, Parse("ip address 10.1.1.1 255.255.255.0", "interface").Arguments.GetMask("mask").PrefixLength);
        Assert.Equal(ParseVerdict.WrongParameter, Parse("ip address 10.1.1.1 255.0.255.0", "interface").Verdict);
        Assert.Equal(ParseVerdict.WrongParameter, Parse("ip address 10.1.1.256 24", "interface").Verdict);
    }

    [Fact]
    public void Text_takes_the_rest_of_the_line_and_quotes_group_words()
    {
        Assert.Equal("Link to  core", Parse("description Link to  core  ", "interface").Arguments.GetString("text"));
        Assert.Equal("a b", Parse("sysname \"a b\"").Arguments.GetString("sysname"));
    }

    [Fact]
    public void Repeated_groups_accept_any_order()
    {
        var result = Parse("service web ssh level 2");
        Assert.Equal(ParseVerdict.Ok, result.Verdict);
        Assert.True(result.Arguments.Has("web") && result.Arguments.Has("ssh") && !result.Arguments.Has("telnet"));
        Assert.Equal(ParseVerdict.Incomplete, Parse("service").Verdict);
    }

    [Fact]
    public void Output_filter_is_parsed_after_a_complete_display_command()
    {
        var result = Parse("display current-configuration | include ^ sys.*");
        Assert.Equal(ParseVerdict.Ok, result.Verdict);
        Assert.Equal(OutputFilterKind.Include, result.Filter!.Kind);
        Assert.True(result.Filter.Accept(" sysname H3C"));
        Assert.False(result.Filter.Accept("#"));
        Assert.Equal(ParseVerdict.TooManyParameters, Parse("sysname a | include x").Verdict);
    }

    [Fact]
    public void V7_aliases_map_to_commands_and_V5_has_none()
    {
        Assert.Equal(ParseVerdict.Ok, Parse("show interface", dialect: ComwareDialect.V7).Verdict);
        Assert.Equal(ParseVerdict.Unrecognized, Parse("show interface").Verdict);
        Assert.Equal("undo sysname", Parse("no sysname", dialect: ComwareDialect.V7).Command!.Syntax);
    }

    [Theory]
    [InlineData("logging enable", "rule", "logging enable")]
    [InlineData("log enable", "rule", "logging enable")]
    [InlineData("no logging enable", "rule", "logging enable")]
    [InlineData("logging enable", ViewIds.System, "info-center enable")]
    public void A_V7_alias_never_shadows_a_command_keyword_of_the_view(string line, string view, string syntax)
    {
        var registry = new CommandRegistry();
        registry.AddView(new ViewDefinition(ViewIds.System, null, "[{0}]", "System view commands:"));
        registry.AddView(new ViewDefinition("rule", ViewIds.System, "[{0}-rule]", "Rule view commands:"));
        registry.AddKeywordHelp("undo", "Cancel current setting");
        foreach (var (owner, command) in new[] { (ViewIds.System, "info-center enable"), ("rule", "logging enable") })
        {
            registry.Add(new CommandDefinition
            {
                Syntax = command,
                Help = ["feature", "Enable"],
                UndoSyntax = command,
                UndoHelp = ["feature", "Enable"],
                Views = [owner],
                Handler = _ => ValueTask.CompletedTask,
            });
        }

        var set = registry.Build();
        var result = CommandParser.Parse(set.CommandsFor(view, ComwareDialect.V7), line, new ParameterContext(ComwareDialect.V7));
        Assert.Equal(ParseVerdict.Ok, result.Verdict);
        Assert.Equal(syntax, result.Command!.Definition.Syntax);
    }

    [Fact]
    public void Registration_rejects_help_that_does_not_match_the_tokens()
    {
        var registry = new CommandRegistry();
        registry.AddView(new ViewDefinition(ViewIds.System, null, "[{0}]", "System view commands:"));
        registry.Add(new CommandDefinition { Syntax = "a b:INTEGER<1-2>", Help = ["only one"], Handler = _ => ValueTask.CompletedTask });
        Assert.Throws<GrammarException>(registry.Build);
    }

    [Theory]
    [InlineData("a [ b")]
    [InlineData("a { b | }")]
    [InlineData("a x:NOPE")]
    [InlineData("a ]")]
    public void Registration_rejects_bad_syntax(string syntax)
    {
        var registry = new CommandRegistry();
        registry.AddView(new ViewDefinition(ViewIds.System, null, "[{0}]", "System view commands:"));
        registry.Add(new CommandDefinition { Syntax = syntax, Help = ["a", "b", "c"], Handler = _ => ValueTask.CompletedTask });
        Assert.Throws<GrammarException>(registry.Build);
    }

    [Fact]
    public void Lines_not_found_in_a_sub_ownerrun_in_the_parent_view()
    {
        using var device = new ComwareDevice(TestDevices.V5Facts, new FakeDeviceServices(), new FixedTimeProvider(TestDevices.Epoch), Set);
        var views = new ViewPath(new ViewInstance(Set.View(ViewIds.User)));
        views.Push(new ViewInstance(Set.View(ViewIds.System)));
        views.Push(new ViewInstance(Set.View("interface"), "GigabitEthernet0/1"));
        var found = CommandExecutor.Resolve(device, views, CliUser.System, "vlan 10");
        Assert.Equal(ParseVerdict.Ok, found.Result.Verdict);
        Assert.Equal(2, found.Depth);
        var local = CommandExecutor.Resolve(device, views, CliUser.System, "description x");
        Assert.Equal(3, local.Depth);

        // The error reported is the one that got furthest.
        var error = CommandExecutor.Resolve(device, views, CliUser.System, "ip address 1.1.1.1 99");
        Assert.Equal(ParseVerdict.WrongParameter, error.Result.Verdict);
        Assert.Equal(19, error.Result.ErrorOffset);
    }

    [Fact]
    public void Registration_rejects_the_same_syntax_twice_in_one_view()
    {
        var registry = new CommandRegistry();
        registry.AddView(new ViewDefinition(ViewIds.System, null, "[{0}]", "System view commands:"));
        registry.Add(new CommandDefinition { Syntax = "a  b", Help = ["a", "b"], Handler = _ => ValueTask.CompletedTask });
        registry.Add(new CommandDefinition { Syntax = "a b", Help = ["a", "b"], Handler = _ => ValueTask.CompletedTask });
        Assert.Throws<InvalidOperationException>(registry.Build);
    }

    [Fact]
    public void V7_chains_filters_and_V5_takes_the_rest_of_the_line_as_one_expression()
    {
        var v7 = Parse("display current-configuration | include s | exclude version", dialect: ComwareDialect.V7).Filter!;
        Assert.True(v7.Accept(" sysname H3C"));
        Assert.False(v7.Accept(" version 7.1.064, Release 9333P26"));
        Assert.False(v7.Accept("#"));
        var v5 = Parse("display current-configuration | include s | exclude version").Filter!;
        Assert.Null(v5.Next);
        Assert.True(v5.Accept("s | exclude version"));

        // A '|' not followed by a filter keyword belongs to the expression.
        var literal = Parse("display current-configuration | include a | foo", dialect: ComwareDialect.V7).Filter!;
        Assert.Null(literal.Next);
        Assert.True(literal.Accept("x foo"));
    }

    [Theory]
    [InlineData("192.168.1.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("1.2.3", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData(".1.2.3", false)]
    [InlineData("1..2.3", false)]
    [InlineData("1.2.3.", false)]
    [InlineData("1.2.3.1000", false)]
    [InlineData("a.b.c.d", false)]
    public void Ipv4_addresses_are_strict_dotted_quads(string text, bool valid)
    {
        var match = new Ipv4Parameter().Match(text, new ParameterContext(ComwareDialect.V5));
        Assert.Equal(valid ? ParameterMatchKind.Ok : ParameterMatchKind.Wrong, match.Kind);
        if (valid)
        {
            Assert.Equal(text, match.Value!.ToString());
        }
    }
}
