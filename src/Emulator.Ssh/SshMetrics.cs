using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Emulator.Ssh;

/// <summary>
/// What an SSH server counts, as System.Diagnostics.Metrics instruments on a meter the host owns (one meter shared
/// by every device of a fleet, so the figures are fleet totals and tag values stay few: algorithm and method names).
/// A host exports them (Prometheus, OpenTelemetry) or ignores them; the server only increments.
/// </summary>
public sealed class SshMetrics
{
    private readonly Counter<long> _connections;
    private readonly Counter<long> _handshakes;
    private readonly Counter<long> _handshakeFailures;
    private readonly Counter<long> _authentications;

    public SshMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _connections = meter.CreateCounter<long>("ssh.connections", description: "SSH connections handed to a server, by result: accepted, refused (service disabled or device down).");
        _handshakes = meter.CreateCounter<long>("ssh.handshakes", description: "Completed first key exchanges, by key exchange, cipher (server to client) and host key algorithm.");
        _handshakeFailures = meter.CreateCounter<long>("ssh.handshake.failures", description: "Connections that ended before their first key exchange completed.");
        _authentications = meter.CreateCounter<long>("ssh.authentications", description: "User authentication attempts (the 'none' query excluded), by method and result.");
    }

    /// <summary>A connection reached the server (<paramref name="accepted"/>) or was turned away before SSH started.</summary>
    public void OnConnection(bool accepted) =>
        _connections.Add(1, new KeyValuePair<string, object?>("result", accepted ? "accepted" : "refused"));

    internal void OnHandshake(string kex, string cipher, string hostKey)
    {
        var tags = new TagList { { "kex", kex }, { "cipher", cipher }, { "host_key", hostKey } };
        _handshakes.Add(1, tags);
    }

    internal void OnHandshakeFailed() => _handshakeFailures.Add(1);

    internal void OnAuthentication(string method, bool success)
    {
        if (method == "none")
        {
            // Clients send "none" to learn the allowed methods (RFC 4252 5.2); it is not an attempt.
            return;
        }

        _authentications.Add(1, new KeyValuePair<string, object?>("method", KnownMethod(method)), new KeyValuePair<string, object?>("result", success ? "success" : "failure"));
    }

    // A hostile client chooses the method name: unknown names share one tag value so they cannot grow the series.
    private static string KnownMethod(string method) => method switch
    {
        "password" or "publickey" or "keyboard-interactive" or "hostbased" => method,
        _ => "other",
    };
}
