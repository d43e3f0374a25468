using System.Globalization;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Logging;

/// <summary>
/// One information-center message (module, severity 0-7, mnemonic, text) as Comware logs it, e.g.
/// <c>IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/1 changed to down.</c>. The device layer
/// sends it to the loghosts and turns link events into SNMP traps (<see cref="IDeviceServices.Publish"/>).
/// </summary>
public sealed record DeviceLogEvent(DateTimeOffset Time, string Sysname, string Module, int Severity, string Mnemonic, string Text)
{
    /// <summary>Set on interface link events (IFNET): the interface's full name.</summary>
    public string? Interface { get; init; }

    /// <summary>For link events: the new state.</summary>
    public bool LinkUp { get; init; }

    /// <summary>Where the syslog datagram goes (empty when the information center or the rules say no).</summary>
    public IReadOnlyList<Loghost> Loghosts { get; init; } = [];

    /// <summary>The line as <c>display logbuffer</c> and terminal monitor print it: <c>%Dec  5 23:55:02:580 2026 fw1 MOD/5/MNEMONIC: text</c>.</summary>
    public string BufferLine => string.Create(CultureInfo.InvariantCulture,
        $"%{Time:MMM} {Time.Day,2} {Time:HH:mm:ss}:{Time.Millisecond:D3} {Time.Year} {Sysname} {Module}/{Severity}/{Mnemonic}: {Text}");

    /// <summary>
    /// The syslog payload for a loghost (RFC 3164 layout as Comware sends it): <c>&lt;PRI&gt;Mmm dd hh:mm:ss yyyy sysname
    /// %%10MOD/5/MNEMONIC(l): text</c> on V5, without the <c>(l)</c> channel mark on V7.
    /// </summary>
    public string SyslogLine(Loghost host, ComwareDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(host);
        var pri = (host.Facility * 8) + Severity;
        var mark = dialect == ComwareDialect.V5 ? "(l)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"<{pri}>{Time:MMM} {Time.Day,2} {Time:HH:mm:ss} {Time.Year} {Sysname} %%10{Module}/{Severity}/{Mnemonic}{mark}: {Text}");
    }
}

/// <summary>
/// Emits the CLI's messages, in the texts of the H3C System Log Messages References (V5 and V7): into the log buffer,
/// to terminal-monitor sessions, and through <see cref="IDeviceServices.Publish"/> to loghosts and SNMP. Never blocks.
/// </summary>
public static class DeviceLog
{
    public static void Emit(ComwareDevice device, string module, int severity, string mnemonic, string text, string? interfaceName = null, bool linkUp = false)
    {
        ArgumentNullException.ThrowIfNull(device);
        var info = device.GetState<InfoCenterConfig>();
        var offset = device.GetState<ManagementState>().ClockOffset;
        var message = new DeviceLogEvent(device.Time.GetUtcNow() + offset, device.Sysname, module, severity, mnemonic, text)
        {
            Interface = interfaceName,
            LinkUp = linkUp,
        };
        if (info.Enabled)
        {
            if (info.Allows(module, "logbuffer", severity))
            {
                info.Buffer.Add(message.BufferLine);
            }

            if (info.Allows(module, "monitor", severity))
            {
                device.GetState<MonitorHub>().Post(message.BufferLine);
            }

            message = message with { Loghosts = [.. info.Loghosts.Where(_ => info.Allows(module, "loghost", severity))] };
        }

        device.Services.Publish(message);
    }

    /// <summary>
    /// <c>shutdown</c>/<c>undo shutdown</c> changed an interface's state: IFNET's physical-state message (V7 PHY_UPDOWN,
    /// V5 LINK_UPDOWN). The device layer sends no trap for the ones a boot or reboot replays (coldStart covers those).
    /// </summary>
    public static void LinkChanged(Engine.CommandContext ctx, string interfaceName, bool up)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var device = ctx.Device;
        if (device.Facts.Dialect == ComwareDialect.V5)
        {
            Emit(device, "IFNET", 3, "LINK_UPDOWN", $"{interfaceName} link status is {(up ? "UP" : "DOWN")}.", interfaceName, up);
        }
        else
        {
            Emit(device, "IFNET", 3, "PHY_UPDOWN", $"Physical state on the interface {interfaceName} changed to {(up ? "up" : "down")}.", interfaceName, up);
        }
    }

    /// <summary>SHELL_LOGIN (level 5): <c>admin logged in from 127.0.0.1.</c>; a login without a user name (VTY
    /// <c>authentication-mode none|password</c>) names the line type, <c>VTY logged in from …</c>.</summary>
    public static void Login(ComwareDevice device, string user, string remote) =>
        Emit(device, "SHELL", 5, "SHELL_LOGIN", $"{(user.Length == 0 ? "VTY" : user)} logged in from {remote}.");

    /// <summary>SHELL_LOGOUT (level 5): <c>admin logged out from 127.0.0.1.</c></summary>
    public static void Logout(ComwareDevice device, string user, string remote) =>
        Emit(device, "SHELL", 5, "SHELL_LOGOUT", $"{(user.Length == 0 ? "VTY" : user)} logged out from {remote}.");

    /// <summary>A failed SSH login: V7 SSHS_LOG (level 6), V5 SSH_LOGIN_FAIL (level 5).</summary>
    public static void LoginFailed(ComwareDevice device, string user, string remote)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Facts.Dialect == ComwareDialect.V5)
        {
            Emit(device, "SSH", 5, "SSH_LOGIN_FAIL", $"SSH user {user} failed to log in from {remote}.");
        }
        else
        {
            Emit(device, "SSHS", 6, "SSHS_LOG", $"Authentication failed for {user} from {remote} because of invalid username or wrong password.");
        }
    }

    /// <summary>A configuration command (SHELL_CMD, level 6) with its line, user and address, secrets masked.</summary>
    public static void Command(ComwareDevice device, Runtime.CliUser user, string line)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(user);
        var text = device.Facts.Dialect == ComwareDialect.V5
            ? $"-Task=VT{VtyNumber(user.Line)}-IPAddr={user.RemoteAddress}-User={user.Name}; Command is {line}"
            : $"-Line={user.Line.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}-IPAddr={user.RemoteAddress}-User={user.Name}; Command is {line}";
        Emit(device, "SHELL", 6, "SHELL_CMD", text);
    }

    /// <summary>
    /// A failed telnet login: LOGIN/5/LOGIN_FAILED "admin failed to log in from 127.0.0.1." (H3C Comware 7 System Log
    /// Messages Reference, LOGIN module; the V5 form is unverified and uses the same text).
    /// </summary>
    public static void TelnetLoginFailed(ComwareDevice device, string user, string remote) =>
        Emit(device, "LOGIN", 5, "LOGIN_FAILED", $"{(user.Length == 0 ? "VTY" : user)} failed to log in from {remote}.");

    /// <summary>
    /// <c>save</c> wrote the running configuration: CFGMAN/5/CFGMAN_CFGCHANGED (H3C System Log Messages References;
    /// V7 "…; Configuration changed.", V5 "…; Configuration is changed."). The numbers are HH3C-CONFIG-MAN-MIB's
    /// (after CISCO-CONFIG-MAN-MIB): CommandSource 1 = command line; ConfigSource 3 = running; ConfigDestination 4 =
    /// startup, 5 = a local file. EventIndex counts the device's events since boot. Which numbers a SecPath prints for a
    /// plain <c>save</c> is unverified.
    /// </summary>
    public static void ConfigurationSaved(ComwareDevice device, bool toStartup)
    {
        ArgumentNullException.ThrowIfNull(device);
        var index = Interlocked.Increment(ref device.GetState<CfgmanCounter>().Value);
        var sentence = device.Facts.Dialect == ComwareDialect.V5 ? "Configuration is changed." : "Configuration changed.";
        Emit(device, "CFGMAN", 5, "CFGMAN_CFGCHANGED",
            string.Create(CultureInfo.InvariantCulture, $"-EventIndex={index}-CommandSource=1-ConfigSource=3-ConfigDestination={(toStartup ? 4 : 5)}; {sentence}"));
    }

    private static string VtyNumber(string line) => new([.. line.Where(char.IsDigit)]);

    /// <summary>CFGMAN's event index (per boot).</summary>
    private sealed class CfgmanCounter
    {
        public int Value;
    }
}
