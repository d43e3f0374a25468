namespace Emulator.Device.State;

/// <summary>A state file of a device cannot be used. The device stops; the file is left as it is for a human to look at.</summary>
public sealed class DeviceStateException : Exception
{
    public DeviceStateException(string file, string problem, Exception? innerException = null)
        : base($"{file}: {problem}", innerException)
    {
        File = file;
    }

    public DeviceStateException()
    {
        File = "";
    }

    public DeviceStateException(string message)
        : base(message)
    {
        File = "";
    }

    public DeviceStateException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
    }

    public string File { get; }
}
