namespace Emulator.Comware.Model.Management;

/// <summary>
/// The device's idea of time at one moment: the host clock (an injected <see cref="TimeProvider"/>) moved by
/// <c>clock datetime</c>, and the moment of the last boot for uptime.
/// </summary>
/// <param name="Time">The host clock.</param>
/// <param name="BootedAtUtc">Host time of the last boot (configuration load).</param>
/// <param name="Offset">What <c>clock datetime</c> added to the host clock.</param>
public sealed record DeviceClock(TimeProvider Time, DateTimeOffset BootedAtUtc, TimeSpan Offset)
{
    /// <summary>The device's current time (UTC: no time zone is configured).</summary>
    public DateTimeOffset Now => Time.GetUtcNow() + Offset;

    public TimeSpan Uptime
    {
        get
        {
            var uptime = Time.GetUtcNow() - BootedAtUtc;
            return uptime < TimeSpan.Zero ? TimeSpan.Zero : uptime;
        }
    }

    /// <summary>Device time of the last boot (<c>Last reboot</c> in <c>display version</c>).</summary>
    public DateTimeOffset BootedAt => BootedAtUtc + Offset;

    /// <summary>The offset that makes the device read <paramref name="deviceTime"/> now.</summary>
    public TimeSpan OffsetFor(DateTimeOffset deviceTime) => deviceTime - Time.GetUtcNow();
}
