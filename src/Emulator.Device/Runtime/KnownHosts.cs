using System.Globalization;
using System.Net;
using System.Text;

namespace Emulator.Device.Runtime;

/// <summary>known_hosts lines for devices, in OpenSSH's syntax (<c>[host]:port</c> for ports other than 22).</summary>
public static class KnownHosts
{
    public static string HostPattern(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.ToString();
        return endPoint.Port == 22 ? address : "[" + address + "]:" + endPoint.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Every host key of every listening device; creates keys that do not exist yet; skips a device whose key file is unreadable.</summary>
    public static async Task<string> BuildAsync(IEnumerable<DeviceInstance> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var text = new StringBuilder();
        foreach (var device in devices.Where(d => d.Status is DeviceStatus.Listening or DeviceStatus.Degraded))
        {
            var pattern = HostPattern(device.EndPoint);
            IReadOnlyList<Emulator.Ssh.SshHostKey> keys;
            try
            {
                keys = await device.HostKeys.GetAllAsync(cancellationToken);
            }
            catch (Emulator.Device.State.DeviceStateException)
            {
                // An unreadable key file stops that device (reported when it is used), never the whole list or host.
                continue;
            }

            foreach (var key in keys)
            {
                text.Append(pattern).Append(' ').Append(key.PublicKeyLine).Append(" # ").Append(device.Name).Append('\n');
            }
        }

        return text.ToString();
    }
}
