namespace Emulator.Device.Runtime;

public enum DeviceStatus
{
    /// <summary>Created, not yet listening.</summary>
    Stopped,

    /// <summary>Accepting SSH connections (the configuration may still be cold).</summary>
    Listening,

    /// <summary>Serving, but its state folder cannot be written (keys live in memory only); unhealthy, see the error text.</summary>
    Degraded,

    /// <summary>Stopped by an error (a port in use, an unreadable state file); see the error text.</summary>
    Failed,
}
