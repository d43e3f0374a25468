using System.Globalization;
using System.Text;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// Texts of the read-only system displays, as pure functions of the device facts, clock and sessions.
/// Layouts follow real captures where one was found (see the reference); the rest imitate the same family.
/// </summary>
public static class SystemDisplays
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    // No name here is a prefix of another, so the order does not matter. Built once: `display version` abbreviates every port.
    private static readonly (string Long, string Short)[] s_interfaceAbbreviations =
    [
        ("Ten-GigabitEthernet", "XGE"), ("GigabitEthernet", "GE"), ("Ethernet", "ETH"), ("LoopBack", "Loop"),
        ("InLoopBack", "InLoop"), ("Vlan-interface", "Vlan"), ("M-GigabitEthernet", "MGE"),
    ];

    /// <summary>
    /// <c>display version</c>. The emulated device always reports a power-on start: a reboot reloads the
    /// configuration from scratch and keeps no record of why it happened. V7 names the images the device booted
    /// ("Boot image: flash:/…-boot-….bin", "System image: …", as in Comware 7 captures of S5560X/S6520/5900 in public
    /// repositories; SecPath V7 prints the same lines); V5 SecPath prints no image line (the 5.20 layout has none;
    /// <c>display boot-loader</c> names it).
    /// </summary>
    /// <param name="currentImages">Full paths of the images this boot used (boot, then system); null: the profile's.</param>
    public static string Version(DeviceFacts facts, DeviceClock clock, IReadOnlyList<string>? currentImages = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(clock);
        currentImages ??= [.. HardwareDisplays.BootImages(facts).Select(i => facts.Hardware.StorageMedium + ":/" + i)];
        return facts.Dialect == ComwareDialect.V5 ? VersionV5(facts, clock) : VersionV7(facts, clock, currentImages);
    }

    private static string VersionV5(DeviceFacts facts, DeviceClock clock)
    {
        var hw = facts.Hardware;
        var sb = new StringBuilder();
        sb.Append(hw.VendorName).Append(" Comware Platform Software\n");
        sb.Append("Comware Software, Version ").Append(facts.SoftwareVersion).Append(", ").Append(facts.Release).Append('\n');
        sb.Append("Copyright (c) ").Append(facts.CopyrightYears).Append(' ').Append(CopyrightOwner(facts)).Append('\n');
        sb.Append(hw.VendorName).Append(' ').Append(facts.Model).Append(" uptime is ").Append(Uptime(clock.Uptime, ComwareDialect.V5)).Append('\n');
        sb.Append("Last reboot ").Append(clock.BootedAt.ToString("yyyy/MM/dd HH:mm:ss", s_inv)).Append('\n');
        sb.Append("System returned to ROM By Power-up.\n");
        sb.Append('\n');
        sb.Append("CPU type: ").Append(hw.Cpu).Append('\n');
        sb.Append(hw.MemoryMb.ToString(s_inv)).Append("M bytes DDR2 SDRAM Memory\n");
        sb.Append(hw.FlashMb.ToString(s_inv)).Append("M bytes Flash Memory\n");
        sb.Append("Pcb               Version:  ").Append(hw.PcbVersion).Append('\n');
        sb.Append("Logic             Version:  ").Append(hw.CpldVersion).Append('\n');
        sb.Append("Basic    BootROM  Version:  ").Append(hw.BootRomVersion).Append('\n');
        sb.Append("Extended BootROM  Version:  ").Append(hw.BootRomVersion).Append('\n');
        var slot = hw.Boards.Count > 0 ? hw.Boards[0].Slot : 0;
        var names = new List<string> { "CON" };
        names.AddRange(facts.Interfaces.Select(i => AbbreviateInterface(i.Name)));
        foreach (var name in names)
        {
            sb.Append("[SLOT ").Append(slot.ToString(s_inv).PadLeft(2)).Append(']').Append(name.PadRight(15))
              .Append(Column("(Hardware)" + hw.PcbVersion + ",", 16))
              .Append(Column("(Driver)1.0,", 16))
              .Append("(Cpld)").Append(hw.CpldVersion).Append('\n');
        }

        return sb.ToString();
    }

    private static string VersionV7(DeviceFacts facts, DeviceClock clock, IReadOnlyList<string> images)
    {
        var hw = facts.Hardware;
        var board = BoardType(facts);
        var release = ReleaseNumber(facts);
        var version = $"{facts.SoftwareVersion}, {facts.Release}";
        var compiled = "  Compiled " + CompileDate(facts) + " 11:00:00";
        var sb = new StringBuilder();
        sb.Append(hw.VendorName).Append(" Comware Software, Version ").Append(version).Append('\n');
        sb.Append("Copyright (c) ").Append(facts.CopyrightYears).Append(' ').Append(CopyrightOwner(facts)).Append('\n');
        sb.Append(hw.VendorName).Append(' ').Append(facts.Model).Append(" uptime is ").Append(Uptime(clock.Uptime, ComwareDialect.V7)).Append('\n');
        sb.Append("Last reboot reason : ").Append("Cold reboot").Append('\n');
        sb.Append('\n');
        if (images.Count > 0)
        {
            sb.Append("Boot image: ").Append(images[0]).Append('\n');
            sb.Append("Boot image version: ").Append(version).Append('\n').Append(compiled).Append('\n');
        }

        if (images.Count > 1)
        {
            sb.Append("System image: ").Append(images[1]).Append('\n');
            sb.Append("System image version: ").Append(version).Append('\n').Append(compiled).Append('\n');
        }
        sb.Append("\n\n");
        var slot = hw.Boards.Count > 0 ? hw.Boards[0].Slot : 1;
        sb.Append("Slot ").Append(slot.ToString(s_inv)).Append(":\n");
        sb.Append("Uptime is ").Append(Uptime(clock.Uptime, ComwareDialect.V7).Replace(", ", ",", StringComparison.Ordinal)).Append('\n');
        sb.Append(board).Append(" with ").Append(hw.Cpu).Append('\n');
        sb.Append("BOARD TYPE:         ").Append(board).Append('\n');
        sb.Append("DRAM:               ").Append(hw.MemoryMb.ToString(s_inv)).Append("M bytes\n");
        sb.Append("FLASH:              ").Append(hw.FlashMb.ToString(s_inv)).Append("M bytes\n");
        sb.Append("PCB 1 Version:      ").Append(hw.PcbVersion).Append('\n');
        sb.Append("Bootrom Version:    ").Append(hw.BootRomVersion).Append('\n');
        sb.Append("CPLD 1 Version:     ").Append(hw.CpldVersion).Append('\n');
        sb.Append("Release Version:    ").Append(hw.VendorName).Append(' ').Append(facts.Model).Append('-').Append(release).Append('\n');
        sb.Append("Patch Version  :    None\n");
        sb.Append("Reboot Cause  :     ").Append("ColdReboot").Append('\n');
        sb.Append("[SubSlot 0] ").Append(facts.Interfaces.Count.ToString(s_inv)).Append("GE\n");
        return sb.ToString();
    }

    /// <summary>
    /// Uptime phrase. V5 uses the singular for 0 and 1 (<c>0 week, 0 day, 2 hours</c>); V7 only for 1
    /// (<c>0 weeks, 1 day, 2 hours</c>), as in the captures.
    /// </summary>
    public static string Uptime(TimeSpan uptime, ComwareDialect dialect)
    {
        var weeks = uptime.Days / 7;
        return string.Join(", ",
            Count(weeks, "week", dialect),
            Count(uptime.Days % 7, "day", dialect),
            Count(uptime.Hours, "hour", dialect),
            Count(uptime.Minutes, "minute", dialect));
    }

    private static string Count(int n, string unit, ComwareDialect dialect)
    {
        var singular = dialect == ComwareDialect.V5 ? n <= 1 : n == 1;
        return n.ToString(s_inv) + " " + unit + (singular ? "" : "s");
    }

    /// <summary><c>display clock</c>: <c>19:35:31 UTC Sat 01/08/2011</c>.</summary>
    public static string Clock(DeviceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.Now;
        return now.ToString("HH:mm:ss", s_inv) + " UTC " + now.ToString("ddd MM/dd/yyyy", s_inv) + "\n";
    }

    /// <summary><c>display device</c>.</summary>
    public static string Device(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var boards = facts.Hardware.Boards.Count > 0
            ? facts.Hardware.Boards
            : [new BoardFacts(facts.Dialect == ComwareDialect.V5 ? 0 : 1, 0, BoardType(facts), "Normal", facts.Hardware.SerialNumber)];
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append(" Slot No.  Board Type                Status    Max Ports\n");
            foreach (var b in boards)
            {
                sb.Append(' ').Append(b.Slot.ToString(s_inv).PadRight(10)).Append(Column(b.Type, 26)).Append(b.Status.PadRight(10))
                  .Append(facts.Interfaces.Count.ToString(s_inv).PadLeft(4)).Append('\n');
            }
        }
        else
        {
            sb.Append("Slot Type             State    Subslot  Soft Ver             Patch Ver\n");
            var first = true;
            foreach (var b in boards)
            {
                sb.Append(b.Slot.ToString(s_inv).PadRight(5)).Append(Column(b.Type, 17)).Append((first ? "Master" : "Standby").PadRight(9))
                  .Append(b.SubSlot.ToString(s_inv).PadRight(9)).Append(Column(BoardType(facts) + "-" + ReleaseNumber(facts), 21)).Append("None\n");
                first = false;
            }
        }

        return sb.ToString();
    }

    /// <summary><c>display device manuinfo</c>.</summary>
    public static string ManufacturingInfo(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var hw = facts.Hardware;
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append("slot ").Append((hw.Boards.Count > 0 ? hw.Boards[0].Slot : 0).ToString(s_inv)).Append('\n');
            sb.Append("DEVICE_NAME          : ").Append(facts.Model).Append('\n');
        }
        else
        {
            sb.Append(" Slot ").Append((hw.Boards.Count > 0 ? hw.Boards[0].Slot : 1).ToString(s_inv)).Append(" CPU 0:\n");
            sb.Append("DEVICE_NAME          : ").Append(BoardType(facts)).Append('\n');
        }

        sb.Append("DEVICE_SERIAL_NUMBER : ").Append(hw.SerialNumber).Append('\n');
        sb.Append("MAC_ADDRESS          : ").Append(hw.BaseMacAddress.ToUpperInvariant()).Append('\n');
        sb.Append("MANUFACTURING_DATE   : ").Append(hw.ManufacturingDate).Append('\n');
        sb.Append("VENDOR_NAME          : ").Append(hw.VendorName).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// <c>display cpu-usage</c>. An emulator has no load of its own; the percentages drift slowly and
    /// deterministically with uptime so repeated displays look alive and tests stay reproducible.
    /// </summary>
    public static string CpuUsage(DeviceFacts facts, DeviceClock clock, int? injectedPercent = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(clock);
        var (last5s, last1m, last5m) = CpuFigures(clock, injectedPercent);
        var header = facts.Dialect == ComwareDialect.V5
            ? "Unit CPU usage:"
            : $"Slot {(facts.Hardware.Boards.Count > 0 ? facts.Hardware.Boards[0].Slot : 1).ToString(s_inv)} CPU 0 CPU usage:";
        return string.Create(s_inv, $"{header}\n{last5s,8}% in last 5 seconds\n{last1m,8}% in last 1 minute\n{last5m,8}% in last 5 minutes\n");
    }

    /// <summary>
    /// <c>display cpu-usage summary</c>: one row per CPU with the same drifting figures as <c>display cpu-usage</c>.
    /// Layout of the H3C Comware 7 Fundamentals Command Reference (display cpu-usage summary); V5 prints the same (unverified).
    /// </summary>
    public static string CpuUsageSummary(DeviceFacts facts, DeviceClock clock, int? injectedPercent = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(clock);
        var (last5s, last1m, last5m) = CpuFigures(clock, injectedPercent);
        var slot = facts.Hardware.Boards.Count > 0 ? facts.Hardware.Boards[0].Slot : facts.Dialect == ComwareDialect.V5 ? 0 : 1;
        return string.Create(s_inv,
            $"Slot CPU        Last 5 sec        Last 1 min        Last 5 min\n{slot,-4} {0,-10} {last5s + "%",-17} {last1m + "%",-17} {last5m}%\n");
    }

    // An injected load shows at once in the 5-second figure and, as on a device whose load just rose, only partly in the averages.
    private static (int Last5s, int Last1m, int Last5m) CpuFigures(DeviceClock clock, int? injectedPercent)
    {
        if (injectedPercent is { } load)
        {
            return (load, Math.Max(2, load * 3 / 4), Math.Max(2, load / 2));
        }

        var minutes = (int)clock.Uptime.TotalMinutes;
        return (2 + ((minutes * 7) + 3) % 9, 2 + ((minutes * 5) + 1) % 6, 2 + (minutes / 5 * 3) % 4);
    }

    /// <summary><c>display memory</c>: a plausible, stable share of the profile's memory in use.</summary>
    public static string Memory(DeviceFacts facts, DeviceClock clock, int? injectedPercent = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(clock);
        var minutes = (long)clock.Uptime.TotalMinutes;
        if (facts.Dialect == ComwareDialect.V5)
        {
            var total = facts.Hardware.MemoryMb * 1024L * 1024L * 94 / 100;
            var used = total * (injectedPercent ?? (38 + (minutes % 5))) / 100;
            return string.Create(s_inv, $"System Total Memory(bytes): {total}\nTotal Used Memory(bytes): {used}\nUsed Rate: {used * 100 / total}%\n");
        }

        var totalKb = facts.Hardware.MemoryMb * 1024L * 96 / 100;
        var usedKb = totalKb * (injectedPercent ?? (55 + (minutes % 5))) / 100;
        var freeKb = totalKb - usedKb;
        var buffers = totalKb / 300;
        var cached = totalKb / 5;
        var slot = facts.Hardware.Boards.Count > 0 ? facts.Hardware.Boards[0].Slot : 1;
        var ratio = (freeKb * 1000 / totalKb / 10.0).ToString("0.0", s_inv) + "%";
        return string.Create(s_inv,
            $"Memory statistics are measured in KB:\nSlot {slot}:\n             Total      Used      Free    Shared   Buffers    Cached   FreeRatio\n" +
            $"Mem:{totalKb,14}{usedKb,10}{freeKb,10}{0,10}{buffers,10}{cached,10}{ratio,12}\n" +
            $"-/+ Buffers/Cache:{usedKb - buffers - cached,10}{freeKb + buffers + cached,10}\n" +
            $"Swap:{0,13}{0,10}{0,10}\n");
    }

    /// <summary>
    /// <c>display users</c>. <paramref name="currentLine"/> marks the caller's line with <c>+</c>;
    /// <paramref name="levelOf"/> gives a session's level for the V5 Userlevel column.
    /// </summary>
    /// <summary>The idle/delay column: hours:minutes:seconds since the user last typed.</summary>
    private static string IdleText(TimeSpan idle) =>
        string.Create(s_inv, $"{(int)idle.TotalHours:00}:{idle.Minutes:00}:{idle.Seconds:00}");

    public static string Users(DeviceFacts facts, DeviceClock clock, IReadOnlyList<LoginSessionInfo> sessions, string? currentLine, Func<LoginSessionInfo, int> levelOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(levelOf);
        var ordered = sessions.OrderBy(s => VtyNumber(s.Line)).ToList();
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append("The user application information of the user interface(s):\n");
            sb.Append("  Idx UI      Delay    Type Userlevel\n");
            foreach (var s in ordered)
            {
                var mark = s.Line == currentLine ? "+ " : "  ";
                sb.Append(mark).Append((29 + VtyNumber(s.Line)).ToString(s_inv).PadRight(4)).Append(s.Line.PadRight(8))
                  .Append(IdleText(s.Idle)).Append(' ').Append(s.Protocol.PadRight(5)).Append(levelOf(s).ToString(s_inv)).Append('\n');
            }
        }
        else
        {
            sb.Append("  Idx  Line     Idle       Time              Pid     Type\n");
            foreach (var s in ordered)
            {
                var mark = s.Line == currentLine ? "+ " : "  ";
                var idx = 10 + VtyNumber(s.Line);
                var since = (s.Since + clock.Offset).ToString("MMM dd HH:mm:ss", s_inv);
                sb.Append(mark).Append(idx.ToString(s_inv).PadRight(5)).Append(s.Line.PadRight(9)).Append(IdleText(s.Idle)).Append("   ")
                  .Append(since.PadRight(18)).Append((300 + idx).ToString(s_inv).PadRight(8)).Append(s.Protocol).Append('\n');
            }
        }

        sb.Append('\n');
        sb.Append("Following are more details.\n");
        foreach (var s in ordered)
        {
            sb.Append(s.Line.PadRight(8)).Append(":\n");
            sb.Append("        User name: ").Append(s.UserName).Append('\n');
            sb.Append("        Location: ").Append(HostOnly(s.RemoteAddress)).Append('\n');
        }

        sb.Append(" +    : Current operation user.\n");
        sb.Append(facts.Dialect == ComwareDialect.V5 ? " F    : Current operation user work in async mode.\n" : " F    : Current operation user works in async mode.\n");
        return sb.ToString();
    }

    /// <summary>Short interface name as brief displays print it (<c>GigabitEthernet0/1</c> → <c>GE0/1</c>).</summary>
    public static string AbbreviateInterface(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (longName, shortName) in s_interfaceAbbreviations)
        {
            if (name.StartsWith(longName, StringComparison.OrdinalIgnoreCase))
            {
                return shortName + name[longName.Length..];
            }
        }

        return name;
    }

    private static int VtyNumber(string line)
    {
        var space = line.LastIndexOf(' ');
        return space >= 0 && int.TryParse(line.AsSpan(space + 1), NumberStyles.None, s_inv, out var n) ? n : 0;
    }

    private static string HostOnly(string address)
    {
        // "192.0.2.1:50522" → "192.0.2.1"; IPv6 "[::1]:50522" → "::1"; a bare address stays as it is.
        if (address.StartsWith('[') && address.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            return address[1..close];
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon == address.LastIndexOf(':') ? address[..colon] : address;
    }

    private static string Column(string text, int width) => text.Length + 1 >= width ? text + "  " : text.PadRight(width);

    private static string CopyrightOwner(DeviceFacts facts) => facts.Hardware.VendorName switch
    {
        "HP" or "HPE" => "Hewlett-Packard Development Company, L.P.",
        _ => facts.Dialect == ComwareDialect.V5
            ? "Hangzhou H3C Tech. Co., Ltd. All rights reserved."
            : "New H3C Technologies Co., Ltd. All rights reserved.",
    };

    /// <summary>Board type: the first board's type, else the model without the product family.</summary>
    internal static string BoardType(DeviceFacts facts)
    {
        if (facts.Hardware.Boards.Count > 0 && facts.Hardware.Boards[0].Type.Length > 0)
        {
            return facts.Hardware.Boards[0].Type;
        }

        var space = facts.Model.LastIndexOf(' ');
        return space >= 0 ? facts.Model[(space + 1)..] : facts.Model;
    }

    /// <summary><c>9333P26</c> from <c>Release 9333P26</c>.</summary>
    internal static string ReleaseNumber(DeviceFacts facts)
    {
        var space = facts.Release.LastIndexOf(' ');
        return space >= 0 ? facts.Release[(space + 1)..] : facts.Release;
    }

    private static string CompileDate(DeviceFacts facts)
    {
        var dash = facts.CopyrightYears.LastIndexOf('-');
        var year = dash >= 0 ? facts.CopyrightYears[(dash + 1)..] : facts.CopyrightYears;
        return "Jan 01 " + year;
    }
}
