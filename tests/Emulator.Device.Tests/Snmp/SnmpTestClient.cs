using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.Device.Snmp;

namespace Emulator.Device.Tests.Snmp;

/// <summary>A minimal SNMP manager for the agent tests: sends one datagram, waits briefly for one answer.</summary>
internal sealed class SnmpTestClient(IPEndPoint agent) : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private int _requestId;

    public async Task<byte[]?> ExchangeAsync(byte[] datagram, int timeoutMs = 1500)
    {
        await _udp.SendAsync(datagram, agent);
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            return (await _udp.ReceiveAsync(timeout.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public async Task<Pdu?> RequestAsync(int version, string community, byte type, IEnumerable<string> oids, int errorStatus = 0, int errorIndex = 0, SnmpValue? value = null)
    {
        var binds = oids.Select(o => new VarBind(Oid.Parse(o), value ?? SnmpValue.Null)).ToList();
        var pdu = new Pdu(type, Interlocked.Increment(ref _requestId), errorStatus, errorIndex, binds);
        var answer = await ExchangeAsync(SnmpMessage.EncodeCommunity(version, Encoding.UTF8.GetBytes(community), pdu));
        return answer is null ? null : SnmpMessage.Decode(answer).Pdu;
    }

    public Task<Pdu?> GetAsync(string community, params string[] oids) => RequestAsync(SnmpMessage.Version2c, community, BerTag.GetRequest, oids);

    public void Dispose() => _udp.Dispose();
}
