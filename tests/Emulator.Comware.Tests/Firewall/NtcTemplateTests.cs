using System.Text.RegularExpressions;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

using static Emulator.Comware.Tests.Firewall.TestFacts;

namespace Emulator.Comware.Tests.Firewall;

/// <summary>
/// The interface brief display must parse with ntc-templates' strict hp_comware_display_interface_brief template,
/// whose every state ends in <c>^. -> Error</c>. The rules below are that template's, translated to .NET regexes.
/// </summary>
public class NtcTemplateTests
{
    private static readonly Regex[] s_startRules =
    [
        new(@"^\s*(The\s+)?[bB]rief\s+information\s+(of|on)\s+interface(s|\(s\))\s+(under|in)\s+\S+\s+mode:\s*$"),
        new(@"^\s*Link:\s+ADM\s+-\s+administratively\s+down;\s+Stby\s+-\s+standby\s*$"),
        new(@"^\s*Protocol:\s+\(s\)\s+-\s+spoofing\s*$"),
        new(@"^\s*$"),
    ];

    private static readonly Regex s_header = new(@"^\s*Interface\s+Link\s+Protocol\s+(Main|Primary)\s+IP\s+Description\s*$");

    private static readonly Regex s_row = new(@"^\s*(?<interface>\S+)\s+(?<link>\S+)\s+(?<protocol>(?:UP|DOWN)(?:\(s\))?)\s+(?<ip>\S+)(?:\s+(?<description>.*?))?\s*$");

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public void Interface_brief_parses_with_the_strict_template(ComwareDialect dialect)
    {
        var config = FixtureBuilder.Build(dialect);
        Ok(InterfaceTable.SetShutdown(config.Interfaces.First(i => i.Kind == InterfaceKind.Ethernet), true));
        var records = new List<Match>();
        var inRows = false;
        foreach (var line in InterfaceDisplays.Brief(config))
        {
            if (inRows)
            {
                var row = s_row.Match(line);
                Assert.True(row.Success, $"row rejected by the template: '{line}'");
                records.Add(row);
                continue;
            }

            if (s_header.IsMatch(line))
            {
                inRows = true;
                continue;
            }

            Assert.True(s_startRules.Any(r => r.IsMatch(line)), $"line rejected by the template: '{line}'");
        }

        Assert.Equal(config.Interfaces.Count, records.Count);
        Assert.Contains(records, r => r.Groups["link"].Value == "ADM");
        Assert.Contains(records, r => r.Groups["protocol"].Value == "UP(s)");
        Assert.Contains(records, r => r.Groups["ip"].Value == "203.0.113.2" && r.Groups["description"].Value == "WAN uplink");
    }
}
