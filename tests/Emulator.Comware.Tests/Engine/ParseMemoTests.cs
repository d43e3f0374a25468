using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Engine;

/// <summary>A command set remembers how a line parses in a view, so a line typed again is matched once.</summary>
public class ParseMemoTests
{
    private const int Admin = 3;

    [Fact]
    public void The_same_line_in_the_same_view_is_parsed_once()
    {
        var set = TestModule.Build(new TestModule());
        var first = set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "display interface brief");
        var again = set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "display interface brief");
        Assert.Equal(ParseVerdict.Ok, first.Verdict);
        Assert.Same(first, again);
        Assert.NotSame(first, set.Parse(ViewIds.System, ComwareDialect.V5, Admin, "display interface brief"));
    }

    [Fact]
    public void The_level_is_part_of_what_is_remembered()
    {
        // V5 hides commands above the user's level: `delete` (manage level) is unknown to a visit-level user.
        var set = TestModule.Build(new TestModule());
        Assert.Equal(ParseVerdict.Ok, set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "delete a.cfg").Verdict);
        Assert.Equal(ParseVerdict.Unrecognized, set.Parse(ViewIds.User, ComwareDialect.V5, 0, "delete a.cfg").Verdict);
        Assert.Equal(ParseVerdict.Ok, set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "delete a.cfg").Verdict);
    }

    [Fact]
    public void Lines_with_an_output_filter_are_parsed_each_time()
    {
        var set = TestModule.Build(new TestModule());
        var first = set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "display lines 3 | begin line 2");
        var again = set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "display lines 3 | begin line 2");
        Assert.NotNull(first.Filter);
        Assert.NotSame(first.Filter, again.Filter);
    }

    [Fact]
    public async Task A_begin_filter_starts_afresh_on_every_line()
    {
        // `| begin` remembers that it has begun: a filter shared between two runs would print line 1 the second time.
        using var device = TestDevices.Create(ComwareDialect.V5, commands: TestModule.Build(new TestModule()));
        var output = await ShellDriver.RunAsync(device, "display lines 3 | begin line 2\rdisplay lines 3 | begin line 2\r");
        Assert.DoesNotContain("line 1", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split("line 3").Length - 1);
    }

    [Fact]
    public void It_stays_bounded()
    {
        var set = TestModule.Build(new TestModule());
        for (var i = 0; i < ParseMemo.Capacity + 100; i++)
        {
            set.Parse(ViewIds.User, ComwareDialect.V5, Admin, "ping host" + i.ToString(CultureInfo.InvariantCulture));
            Assert.InRange(set.RememberedParses, 0, ParseMemo.Capacity);
        }
    }

    [Fact]
    public void Resolution_falls_back_through_remembered_views_as_before()
    {
        // Interface view falls back to system view; the depth of the view that matched comes back as before.
        using var device = TestDevices.Create(ComwareDialect.V5, commands: TestModule.Build(new TestModule()));
        var views = new ViewPath(new ViewInstance(device.Commands.View(ViewIds.User)));
        views.Push(new ViewInstance(device.Commands.View(ViewIds.System)));
        views.Push(new ViewInstance(device.Commands.View("interface"), "GigabitEthernet0/0"));
        for (var i = 0; i < 2; i++)
        {
            var resolution = CommandExecutor.Resolve(device, views, ShellDriver.Admin, "vlan 10");
            Assert.Equal(ParseVerdict.Ok, resolution.Result.Verdict);
            Assert.Equal(2, resolution.Depth);
        }
    }
}
