using System.Net;
using System.Net.Sockets;
using Emulator.Device.Fleet;
using Emulator.Device.Runtime;
using Emulator.Device.Wiring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Device.Tests.Snmp;

/// <summary>A device whose SNMP port is taken fails alone and leaves its SSH port free.</summary>
public sealed class SnmpBindTests
{
    [Fact]
    public async Task A_taken_snmp_port_fails_the_device_without_keeping_its_ssh_port()
    {
        using var taken = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var snmp = (IPEndPoint)taken.Client.LocalEndPoint!;
        int sshPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            sshPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-E", out var profile));
        var root = Path.Combine(Path.GetTempPath(), "emu-snmp-bind-" + Guid.NewGuid().ToString("N"));
        var spec = new DeviceSpec("fw1", profile!, new IPEndPoint(IPAddress.Loopback, sshPort), profile!.Ssh.DefaultPolicy) { SnmpEndPoint = snmp };
        await using (var fleet = new DeviceFleet([spec], root, new CountingKeyCodec(), null, ComwareEngine.Factory, TimeProvider.System, NullLoggerFactory.Instance))
        {
            Assert.Equal(0, fleet.StartAll());
            Assert.Equal(DeviceStatus.Failed, fleet.Devices[0].Status);
            using var again = new TcpListener(IPAddress.Loopback, sshPort);
            again.Start(); // the SSH port was released
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
