namespace Emulator.Comware.Logging;

/// <summary>
/// One information-center message (module, severity 0-7, mnemonic, text) as Comware logs it, e.g.
/// <c>IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/1 changed to down.</c>. The device layer
/// turns them into syslog datagrams and SNMP traps (<see cref="IDeviceServices.Publish"/>).
/// </summary>
public sealed record DeviceLogEvent(DateTimeOffset Time, string Sysname, string Module, int Severity, string Mnemonic, string Text)
{
    /// <summary>Set on interface link events (IFNET): the interface's full name.</summary>
    public string? Interface { get; init; }

    /// <summary>For link events: the new state.</summary>
    public bool LinkUp { get; init; }
}

/// <summary>The messages the CLI emits, in the texts of the H3C System Log Messages References (V5 and V7).</summary>
public static class DeviceLog
{
    /// <summary>
    /// <c>shutdown</c>/<c>undo shutdown</c> changed an interface's state: IFNET's physical-state message (V7 PHY_UPDOWN,
    /// V5 LINK_UPDOWN). The device layer ignores the ones a boot or reboot replays (the coldStart trap covers those).
    /// </summary>
    public static void LinkChanged(Engine.CommandContext ctx, string interfaceName, bool up)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var device = ctx.Device;
        var state = up ? "up" : "down";
        var message = device.Facts.Dialect == ComwareDialect.V5
            ? new DeviceLogEvent(device.Time.GetUtcNow(), device.Sysname, "IFNET", 3, "LINK_UPDOWN", $"{interfaceName} link status is {state.ToUpperInvariant()}.")
            : new DeviceLogEvent(device.Time.GetUtcNow(), device.Sysname, "IFNET", 3, "PHY_UPDOWN", $"Physical state on the interface {interfaceName} changed to {state}.");
        device.Services.Publish(message with { Interface = interfaceName, LinkUp = up });
    }
}
