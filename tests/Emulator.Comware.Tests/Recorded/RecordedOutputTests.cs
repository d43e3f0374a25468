using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Recorded;

/// <summary>Outputs recorded from a real device answer like any display: filters, help, and the model keeps its own commands.</summary>
public sealed class RecordedOutputTests
{
    private static readonly Dictionary<string, string> Recordings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["display license"] = "Feature    State\nIPS        Active\nAV         Expired\n",
        ["display interface GigabitEthernet1/0/1"] = "RECORDED PORT OUTPUT\n",
        ["display version"] = "THE MODEL ANSWERS THIS ONE\n",
    };

    private static ComwareDevice Device() =>
        new(TestDevices.V7Facts with { RecordedOutputs = Recordings }, new FakeDeviceServices(), new FixedTimeProvider(TestDevices.Epoch),
            RecordedOutputs.CommandSetFor(Recordings));

    [Fact]
    public async Task A_recorded_display_answers_with_filters_and_help_like_a_modelled_one()
    {
        using var device = Device();
        var (status, output) = await ShellDriver.ExecAsync(device, "display license");
        Assert.Equal(0, status);
        Assert.Equal("Feature    State\r\nIPS        Active\r\nAV         Expired\r\n", output);

        Assert.Equal("AV         Expired\r\n", (await ShellDriver.ExecAsync(device, "display license | include Expired")).Output);
        Assert.Equal("RECORDED PORT OUTPUT\r\n", (await ShellDriver.ExecAsync(device, "dis interface gigabitethernet1/0/1")).Output);

        var help = await ShellDriver.RunAsync(device, "display lic?\u0003quit\r");
        Assert.Contains("license", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_keeps_its_own_commands_and_other_lines()
    {
        using var device = Device();
        Assert.DoesNotContain("THE MODEL ANSWERS", (await ShellDriver.ExecAsync(device, "display version")).Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RECORDED", (await ShellDriver.ExecAsync(device, "display interface GigabitEthernet1/0/2")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("display  license   brief", "display license brief")]
    [InlineData("display license | include x", null)]
    [InlineData("display {x}", null)]
    [InlineData("system-view", null)]
    [InlineData("display", null)]
    public void Recorded_command_lines_are_plain_display_words(string line, string? normalized) =>
        Assert.Equal(normalized, RecordedOutputs.Normalize(line));
}
