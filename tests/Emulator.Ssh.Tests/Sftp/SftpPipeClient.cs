using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Sftp;

namespace Emulator.Ssh.Tests.Sftp;

/// <summary>
/// A raw SFTP v3 client over an in-memory pipe pair, so tests can send what real clients never send: requests out of
/// order, unknown handles, truncated packets, huge lengths. Also linked into Emulator.Device.Tests.
/// </summary>
internal sealed class SftpPipeClient : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();

    public SftpPipeClient(ISftpFileSystem fileSystem, SftpServerOptions options, CancellationToken cancellationToken)
    {
        Server = new SftpServer(fileSystem, options).RunAsync(_toServer.Reader, _toClient.Writer, cancellationToken)
            .ContinueWith(t => _toClient.Writer.Complete(t.Exception), TaskScheduler.Default);
    }

    /// <summary>Completes when the server's session ends.</summary>
    public Task Server { get; }

    public async Task InitAsync()
    {
        await SendRawAsync([1, 0, 0, 0, 3]);
        var reply = await ReceiveAsync() ?? throw new InvalidOperationException("no VERSION");
        Assert.Equal(2, reply[0]);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32BigEndian(reply.AsSpan(1)));
    }

    public async Task SendRawAsync(byte[] body)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)body.Length);
        await _toServer.Writer.WriteAsync(length);
        await _toServer.Writer.WriteAsync(body);
    }

    /// <summary>Just the bytes, no framing (for lengths that lie).</summary>
    public async Task SendBytesAsync(byte[] bytes) => await _toServer.Writer.WriteAsync(bytes);

    public Task EndInputAsync() => _toServer.Writer.CompleteAsync().AsTask();

    public Task SendAsync(byte type, uint id, params object[] fields) => SendRawAsync(Packet(type, id, fields));

    public static byte[] Packet(byte type, uint id, params object[] fields)
    {
        var body = new List<byte> { type };
        body.AddRange(U32(id));
        foreach (var field in fields)
        {
            switch (field)
            {
                case string s:
                    var bytes = Encoding.UTF8.GetBytes(s);
                    body.AddRange(U32((uint)bytes.Length));
                    body.AddRange(bytes);
                    break;
                case byte[] raw:
                    body.AddRange(U32((uint)raw.Length));
                    body.AddRange(raw);
                    break;
                case uint u:
                    body.AddRange(U32(u));
                    break;
                case ulong ul:
                    var b8 = new byte[8];
                    BinaryPrimitives.WriteUInt64BigEndian(b8, ul);
                    body.AddRange(b8);
                    break;
                default:
                    throw new ArgumentException("field type", nameof(fields));
            }
        }

        return [.. body];
    }

    private static byte[] U32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        return b;
    }

    /// <summary>The next reply's body, or null when the server closed its side.</summary>
    public async Task<byte[]?> ReceiveAsync()
    {
        while (true)
        {
            var result = await _toClient.Reader.ReadAsync();
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                var prefix = BuffersExtensions.ToArray(buffer.Slice(0, 4));
                var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
                if (buffer.Length >= 4 + length)
                {
                    var body = BuffersExtensions.ToArray(buffer.Slice(4, length));
                    _toClient.Reader.AdvanceTo(buffer.GetPosition(4 + length));
                    return body;
                }
            }

            _toClient.Reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return null;
            }
        }
    }

    /// <summary>Reply type, request id and the status code (for STATUS replies; else -1).</summary>
    public async Task<(byte Type, uint Id, int Status, byte[] Body)> ReplyAsync()
    {
        var body = await ReceiveAsync() ?? throw new InvalidOperationException("session ended");
        var id = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(1));
        var status = body[0] == 101 ? (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(5)) : -1;
        return (body[0], id, status, body);
    }

    /// <summary>The handle string of a HANDLE reply.</summary>
    public static string HandleOf(byte[] body)
    {
        Assert.Equal(102, body[0]);
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(5));
        return Encoding.UTF8.GetString(body, 9, length);
    }

    public async Task<string> OpenAsync(uint id, string path, SftpOpenMode mode)
    {
        await SendAsync(3, id, path, (uint)mode, 0u);
        var reply = await ReplyAsync();
        return HandleOf(reply.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _toServer.Writer.CompleteAsync();
        await Server.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
