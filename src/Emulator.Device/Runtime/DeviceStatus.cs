namespace Emulator.Device.Runtime;

public enum DeviceStatus
{
    /// <summary>Created, not yet listening.</summary>
    Stopped,

    /// <summary>Accepting SSH connections (the configuration may still be cold).</summary>
    Listening,

    /// <summary>Stopped by an error (a port in use, an unreadable state file); see the error text.</summary>
    Failed,
}
