using System.Net.Sockets;
using System.Text;

namespace Emulator.Testcontainers;

/// <summary>Reads the identification string an SSH server sends first (RFC 4253 §4.2), such as <c>SSH-1.99-Comware-5.20</c>.</summary>
/// <remarks>
/// A published Docker port accepts TCP connections as soon as the container starts, even before anything listens
/// inside (docker-proxy answers and then closes). Only the server's greeting proves the SSH server is up.
/// </remarks>
public static class SshGreeting
{
    // RFC 4253: the version line is at most 255 bytes; other lines may precede it. Stop reading well before a
    // misbehaving peer can make this allocate much.
    private const int MaxBytes = 8 * 1024;

    /// <summary>Connects, reads the greeting and disconnects without sending anything.</summary>
    /// <returns>The identification line without CR LF, or null when the peer closed or sent no <c>SSH-</c> line in time.</returns>
    public static async Task<string?> TryReadAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(host, port, timeoutSource.Token).ConfigureAwait(false);
            await using var stream = client.GetStream();
            return await ReadLineStartingWithSshAsync(stream, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Reads lines until one starts with <c>SSH-</c>; exposed for tests over in-memory streams.</summary>
    public static async Task<string?> ReadLineStartingWithSshAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[MaxBytes];
        var filled = 0;
        var lineStart = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            var scanFrom = filled;
            filled += read;
            for (var i = scanFrom; i < filled; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                var end = i > lineStart && buffer[i - 1] == (byte)'\r' ? i - 1 : i;
                var line = Encoding.ASCII.GetString(buffer, lineStart, end - lineStart);
                if (line.StartsWith("SSH-", StringComparison.Ordinal))
                {
                    return line;
                }

                lineStart = i + 1;
            }
        }

        return null;
    }
}
