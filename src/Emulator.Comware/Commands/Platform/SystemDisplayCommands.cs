using System.Globalization;
using Emulator.Comware.Auth;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>display version|clock|device [manuinfo]|cpu-usage|memory|users</c> and <c>clock datetime</c>
/// (display version, clock, device, cpu-usage, memory).
/// </summary>
internal static class SystemDisplayCommands
{
    public static void Register(CommandRegistry r)
    {
        r.ParameterTypes.Add("TIME", new TimeOfDayParameter());
        r.ParameterTypes.Add("DATE", new DateParameter());
        PlatformDisplayCommands.Register(r);
        ConfigurationFilterCommands.Register(r);
        IpHostCommands.Register(r);

        DisplayCommand.Register(r, "display version", ["", "Display system version information"],
            ctx => SystemDisplays.Version(ctx.Device.Facts, Clock(ctx), ConfigurationFileCommands.CurrentImages(ctx)));
        DisplayCommand.Register(r, "display clock", ["", "Display the system clock"], ctx => SystemDisplays.Clock(Clock(ctx)));
        DisplayCommand.Register(r, "display device", ["", "Display device information"], ctx => SystemDisplays.Device(ctx.Device.Facts));
        DisplayCommand.Register(r, "display device manuinfo", ["", "Display device information", "Display manufacture information"],
            ctx => SystemDisplays.ManufacturingInfo(ctx.Device.Facts));
        DisplayCommand.Register(r, "display cpu-usage", ["", "Display CPU usage information"], ctx => SystemDisplays.CpuUsage(ctx.Device.Facts, Clock(ctx), ctx.Device.Services.Faults?.CpuUsagePercent));
        DisplayCommand.Register(r, "display memory", ["", "Display memory information"], ctx => SystemDisplays.Memory(ctx.Device.Facts, Clock(ctx), ctx.Device.Services.Faults?.MemoryUsagePercent));
        DisplayCommand.Register(r, "display users [ all ]", ["", "Display the user information of the user interfaces", "Display all user interfaces"], ctx =>
        {
            var directory = new UserDirectory(ctx.Device);
            var clock = Clock(ctx);
            var sessions = ctx.Device.LoginSessions().ToList();
            if (ctx.User.Line.Length > 0 && !sessions.Exists(s => s.Line == ctx.User.Line))
            {
                // The caller is always logged in somewhere, even when the device layer lists no session for it (console, tests).
                sessions.Add(new LoginSessionInfo(ctx.User.Line, ctx.User.Name, ctx.User.RemoteAddress, clock.Time.GetUtcNow(), "SSH", "", ""));
            }

            return SystemDisplays.Users(ctx.Device.Facts, clock, sessions, ctx.User.Line, session =>
                session.Line == ctx.User.Line ? ctx.User.EffectiveLevel(ctx.Dialect) : directory.GetPrivilege(session.UserName).Level);
        });

        r.Add(new CommandDefinition
        {
            Syntax = "clock datetime time:TIME date:DATE",
            Help = ["Specify the system clock", "Specify the time and date", "Specify the time (HH:MM:SS)", "Specify the date (MM/DD/YYYY or YYYY/MM/DD)"],
            Views = [ViewIds.User],
            Level = Levels.System,
            Handler = ctx =>
            {
                var time = ctx.Args.Get<TimeSpan>("time");
                var date = ctx.Args.Get<DateOnly>("date");
                var wanted = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + time;
                var state = ctx.Device.GetState<ManagementState>();
                state.ClockOffset = state.Clock(ctx.Device).OffsetFor(wanted);
                return ValueTask.CompletedTask;
            },
        });
    }

    private static DeviceClock Clock(CommandContext ctx) => ctx.Device.GetState<ManagementState>().Clock(ctx.Device);
}

/// <summary><c>HH:MM:SS</c> (or <c>HH:MM</c>) for <c>clock datetime</c>.</summary>
internal sealed class TimeOfDayParameter : ParameterType
{
    private static readonly string[] s_formats = [@"h\:m\:s", @"h\:m"];

    public override ParameterMatch Match(string token, ParameterContext context) =>
        token.Contains(':', StringComparison.Ordinal)
            ? TimeSpan.TryParseExact(token, s_formats, CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1)
                ? ParameterMatch.Of(time)
                : ParameterMatch.Bad
            : ParameterMatch.No;

    public override string Label(ComwareDialect dialect) => "TIME";
}

/// <summary><c>MM/DD/YYYY</c> or <c>YYYY/MM/DD</c> for <c>clock datetime</c> (years 2000-2035 as on the devices).</summary>
internal sealed class DateParameter : ParameterType
{
    private static readonly string[] s_formats = ["M/d/yyyy", "yyyy/M/d"];

    public override ParameterMatch Match(string token, ParameterContext context) =>
        token.Contains('/', StringComparison.Ordinal)
            ? DateOnly.TryParseExact(token, s_formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 2000 and <= 2035
                ? ParameterMatch.Of(date)
                : ParameterMatch.Bad
            : ParameterMatch.No;

    public override string Label(ComwareDialect dialect) => "DATE";
}
