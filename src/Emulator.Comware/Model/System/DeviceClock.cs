namespace Emulator.Comware.Model.Management;

/// <summary>
/// The device's idea of time: the host clock (an injected <see cref="TimeProvider"/>) moved by
/// <c>clock datetime</c>, and the moment of the last boot for uptime. Like a hardware RTC, the offset
/// survives a reboot; the boot moment does not.
/// </summary>
public sealed class DeviceClock
{
    private readonly TimeProvider _time;
    private long _offsetTicks;
    private long _bootedAtTicks;

    public DeviceClock(TimeProvider time)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _bootedAtTicks = time.GetUtcNow().UtcTicks;
    }

    public TimeProvider Time => _time;

    /// <summary>Host time when the device last booted.</summary>
    public DateTimeOffset BootedAtUtc => new(Interlocked.Read(ref _bootedAtTicks), TimeSpan.Zero);

    /// <summary>What <c>clock datetime</c> added to the host clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>The device's current time (UTC: no time zone is configured).</summary>
    public DateTimeOffset Now => _time.GetUtcNow() + Offset;

    public TimeSpan Uptime
    {
        get
        {
            var uptime = _time.GetUtcNow() - BootedAtUtc;
            return uptime < TimeSpan.Zero ? TimeSpan.Zero : uptime;
        }
    }

    /// <summary>Device time of the last boot (<c>Last reboot</c> in <c>display version</c>).</summary>
    public DateTimeOffset BootedAt => BootedAtUtc + Offset;

    /// <summary><c>clock datetime</c>: the device reads <paramref name="deviceTime"/> from now on.</summary>
    public void Set(DateTimeOffset deviceTime) =>
        Interlocked.Exchange(ref _offsetTicks, (deviceTime - _time.GetUtcNow()).Ticks);

    /// <summary>Marks a (re)boot: uptime starts again from zero.</summary>
    public void MarkBoot() => Interlocked.Exchange(ref _bootedAtTicks, _time.GetUtcNow().UtcTicks);
}
