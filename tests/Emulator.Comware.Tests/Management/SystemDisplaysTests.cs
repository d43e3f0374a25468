using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

public class SystemDisplaysTests
{
    private static readonly DateTimeOffset s_boot = new(2026, 3, 16, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, ComwareDialect.V5, "0 week, 0 day, 0 hour, 0 minute")]
    [InlineData(61, ComwareDialect.V5, "0 week, 0 day, 1 hour, 1 minute")]
    [InlineData(20 * 24 * 60 + 22 * 60 + 2, ComwareDialect.V5, "2 weeks, 6 days, 22 hours, 2 minutes")]
    [InlineData(0, ComwareDialect.V7, "0 weeks, 0 days, 0 hours, 0 minutes")]
    [InlineData(8 * 24 * 60 + 60 + 1, ComwareDialect.V7, "1 week, 1 day, 1 hour, 1 minute")]
    public void Uptime_grammar_follows_captures(int minutes, ComwareDialect dialect, string expected) =>
        Assert.Equal(expected, SystemDisplays.Uptime(TimeSpan.FromMinutes(minutes), dialect));

    [Fact]
    public void V5_version_layout()
    {
        var time = new ManualTimeProvider(s_boot);
        var clock = new DeviceClock(time, s_boot, TimeSpan.Zero);
        time.Advance(TimeSpan.FromMinutes(138));
        var text = SystemDisplays.Version(TestDevices.V5DisplayFacts, clock);
        var lines = text.Split('\n');
        Assert.Equal("H3C Comware Platform Software", lines[0]);
        Assert.Equal("Comware Software, Version 5.20, Release 3177", lines[1]);
        Assert.Equal("Copyright (c) 2004-2011 Hangzhou H3C Tech. Co., Ltd. All rights reserved.", lines[2]);
        Assert.Equal("H3C SecPath F1000-E uptime is 0 week, 0 day, 2 hours, 18 minutes", lines[3]);
        Assert.Equal("Last reboot 2026/03/16 08:00:00", lines[4]);
        Assert.Equal("System returned to ROM By Power-up.", lines[5]);
        Assert.Equal("", lines[6]);
        Assert.Equal("CPU type: RMI XLS408 800MHz", lines[7]);
        Assert.Contains("[SLOT  0]CON            (Hardware)Ver.B,  (Driver)1.0,    (Cpld)1.0", lines);
        Assert.Contains("[SLOT  0]GE0/3          (Hardware)Ver.B,  (Driver)1.0,    (Cpld)1.0", lines);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void V7_version_layout()
    {
        var time = new ManualTimeProvider(s_boot);
        var clock = new DeviceClock(time, s_boot, TimeSpan.Zero);
        time.Advance(TimeSpan.FromMinutes(65));
        var lines = SystemDisplays.Version(TestDevices.V7DisplayFacts, clock).Split('\n');
        Assert.Equal("H3C Comware Software, Version 7.1.064, Release 9333P26", lines[0]);
        Assert.Equal("Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.", lines[1]);
        Assert.Equal("H3C SecPath F1000-AI-20 uptime is 0 weeks, 0 days, 1 hour, 5 minutes", lines[2]);
        Assert.Equal("Last reboot reason : Cold reboot", lines[3]);
        Assert.Equal("Boot image: flash:/f1000ai20-cmw710-boot-r9333p26.bin", lines[5]);
        Assert.Contains("Slot 1:", lines);
        Assert.Contains("Uptime is 0 weeks,0 days,1 hour,5 minutes", lines);
        Assert.Contains("BOARD TYPE:         F1000-AI-20", lines);
        Assert.Contains("Reboot Cause  :     ColdReboot", lines);
    }

    [Fact]
    public void Clock_moves_with_clock_datetime()
    {
        var start = new DateTimeOffset(2011, 1, 8, 19, 35, 31, TimeSpan.Zero);
        var time = new ManualTimeProvider(start);
        var clock = new DeviceClock(time, start, TimeSpan.Zero);
        Assert.Equal("19:35:31 UTC Sat 01/08/2011\n", SystemDisplays.Clock(clock));
        clock = clock with { Offset = clock.OffsetFor(new DateTimeOffset(2015, 3, 16, 15, 10, 0, TimeSpan.Zero)) };
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("15:10:05 UTC Mon 03/16/2015\n", SystemDisplays.Clock(clock));
        Assert.Equal(TimeSpan.FromSeconds(5), clock.Uptime);
        Assert.Equal(new DateTimeOffset(2015, 3, 16, 15, 10, 0, TimeSpan.Zero) - TimeSpan.FromSeconds(0), clock.BootedAt);
    }

    [Fact]
    public void Device_and_manuinfo_v5()
    {
        Assert.Equal(
            " Slot No.  Board Type                Status    Max Ports\n 0         SecPath F1000-E           Normal       4\n",
            SystemDisplays.Device(TestDevices.V5DisplayFacts));
        Assert.Equal(
            "slot 0\nDEVICE_NAME          : SecPath F1000-E\nDEVICE_SERIAL_NUMBER : 210235A0CAB118000042\nMAC_ADDRESS          : 3822-D6A0-1B2C\nMANUFACTURING_DATE   : 2011-08-16\nVENDOR_NAME          : H3C\n",
            SystemDisplays.ManufacturingInfo(TestDevices.V5DisplayFacts));
    }

    [Fact]
    public void Device_and_manuinfo_v7()
    {
        Assert.Equal(
            "Slot Type             State    Subslot  Soft Ver             Patch Ver\n1    F1000-AI-20      Master   0        F1000-AI-20-9333P26  None\n",
            SystemDisplays.Device(TestDevices.V7DisplayFacts));
        Assert.StartsWith(" Slot 1 CPU 0:\nDEVICE_NAME          : F1000-AI-20\n", SystemDisplays.ManufacturingInfo(TestDevices.V7DisplayFacts), StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_and_memory_layouts()
    {
        var clock = new DeviceClock(new ManualTimeProvider(s_boot), s_boot, TimeSpan.Zero);
        var v5 = SystemDisplays.CpuUsage(TestDevices.V5DisplayFacts, clock).Split('\n');
        Assert.Equal("Unit CPU usage:", v5[0]);
        Assert.Matches(@"^ {6,7}\d{1,2}% in last 5 seconds$", v5[1]);
        Assert.Matches(@"^ {6,7}\d{1,2}% in last 1 minute$", v5[2]);
        Assert.Matches(@"^ {6,7}\d{1,2}% in last 5 minutes$", v5[3]);
        Assert.StartsWith("Slot 1 CPU 0 CPU usage:\n", SystemDisplays.CpuUsage(TestDevices.V7DisplayFacts, clock), StringComparison.Ordinal);

        var mem5 = SystemDisplays.Memory(TestDevices.V5DisplayFacts, clock).Split('\n');
        Assert.Matches(@"^System Total Memory\(bytes\): \d+$", mem5[0]);
        Assert.Matches(@"^Total Used Memory\(bytes\): \d+$", mem5[1]);
        Assert.Matches(@"^Used Rate: \d+%$", mem5[2]);

        var mem7 = SystemDisplays.Memory(TestDevices.V7DisplayFacts, clock).Split('\n');
        Assert.Equal("Memory statistics are measured in KB:", mem7[0]);
        Assert.Equal("Slot 1:", mem7[1]);
        Assert.Equal("             Total      Used      Free    Shared   Buffers    Cached   FreeRatio", mem7[2]);
        Assert.Equal(mem7[2].Length, mem7[3].Length);
        Assert.StartsWith("Mem:", mem7[3], StringComparison.Ordinal);
        Assert.Equal("Swap:            0         0         0", mem7[5]);
    }

    [Fact]
    public void Users_marks_the_current_line()
    {
        var clock = new DeviceClock(new ManualTimeProvider(s_boot), s_boot, TimeSpan.Zero);
        LoginSessionInfo[] sessions =
        [
            new("VTY 1", "ops", "192.0.2.20:50001", s_boot, "SSH", "aes128-ctr", "hmac-sha1"),
            new("VTY 0", "admin", "192.0.2.10:50000", s_boot, "SSH", "aes128-ctr", "hmac-sha1"),
        ];
        var v5 = SystemDisplays.Users(TestDevices.V5DisplayFacts, clock, sessions, "VTY 1", s => s.UserName == "admin" ? 3 : 1);
        Assert.Equal(
            "The user application information of the user interface(s):\n" +
            "  Idx UI      Delay    Type Userlevel\n" +
            "  29  VTY 0   00:00:00 SSH  3\n" +
            "+ 30  VTY 1   00:00:00 SSH  1\n" +
            "\n" +
            "Following are more details.\n" +
            "VTY 0   :\n        User name: admin\n        Location: 192.0.2.10\n" +
            "VTY 1   :\n        User name: ops\n        Location: 192.0.2.20\n" +
            " +    : Current operation user.\n" +
            " F    : Current operation user work in async mode.\n",
            v5);
        var v7 = SystemDisplays.Users(TestDevices.V7DisplayFacts, clock, sessions, "VTY 0", _ => 3).Split('\n');
        Assert.Equal("  Idx  Line     Idle       Time              Pid     Type", v7[0]);
        Assert.Equal("+ 10   VTY 0    00:00:00   Mar 16 08:00:00   310     SSH", v7[1]);
        Assert.Equal("  11   VTY 1    00:00:00   Mar 16 08:00:00   311     SSH", v7[2]);
    }

    [Theory]
    [InlineData("GigabitEthernet0/1", "GE0/1")]
    [InlineData("Ten-GigabitEthernet1/0/1", "XGE1/0/1")]
    [InlineData("LoopBack0", "Loop0")]
    [InlineData("NULL0", "NULL0")]
    public void Interface_abbreviations(string name, string expected) => Assert.Equal(expected, SystemDisplays.AbbreviateInterface(name));
}
