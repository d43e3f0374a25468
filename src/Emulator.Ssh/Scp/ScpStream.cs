using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Ssh.Scp;

/// <summary>The client broke the SCP protocol or left; the transfer ends without a reply.</summary>
public sealed class ScpProtocolException : Exception
{
    public ScpProtocolException()
        : base("scp protocol error")
    {
    }

    public ScpProtocolException(string message)
        : base(message)
    {
    }

    public ScpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Lines, status bytes and raw data of the SCP protocol over a channel's pipes.</summary>
internal sealed class ScpStream(PipeReader input, PipeWriter output)
{
    public async ValueTask SendOkAsync(CancellationToken ct) => await SendAsync(new byte[1], ct);

    /// <summary>Level 1 (warning: the client goes on) or 2 (fatal), then the message line.</summary>
    public async ValueTask SendErrorAsync(byte level, string message, CancellationToken ct)
    {
        var text = Encoding.UTF8.GetBytes(message.ReplaceLineEndings(" ") + "\n");
        await SendAsync(new[] { level }.Concat(text).ToArray(), ct);
    }

    public ValueTask SendLineAsync(string line, CancellationToken ct) => SendAsync(Encoding.UTF8.GetBytes(line + "\n"), ct);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await output.WriteAsync(data, ct);
    }

    /// <summary>The client's status byte: true for 0; a 1 or 2 comes with a message line, read and dropped.</summary>
    public async ValueTask<bool> ExpectOkAsync(CancellationToken ct)
    {
        var status = await ReadByteAsync(ct) ?? throw new ScpProtocolException();
        if (status == 0)
        {
            return true;
        }

        _ = await ReadLineAsync(ct);
        return false;
    }

    public async ValueTask<byte?> ReadByteAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            if (result.Buffer.Length > 0)
            {
                var value = result.Buffer.FirstSpan[0];
                input.AdvanceTo(result.Buffer.GetPosition(1));
                return value;
            }

            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>A line without its newline; null at the end of input; throws past <see cref="ScpServer.MaxLineLength"/>.</summary>
    public async ValueTask<string?> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } newline)
            {
                var line = buffer.Slice(0, newline);
                if (line.Length > ScpServer.MaxLineLength)
                {
                    throw new ScpProtocolException();
                }

                var text = Encoding.UTF8.GetString(line);
                input.AdvanceTo(buffer.GetPosition(1, newline));
                return text;
            }

            if (buffer.Length > ScpServer.MaxLineLength)
            {
                throw new ScpProtocolException();
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> bytes (at least one); null when the input ended first.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadSomeAsync(long max, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            if (buffer.Length > 0)
            {
                var take = buffer.Slice(0, Math.Min(buffer.Length, Math.Min(max, 256 * 1024)));
                var data = take.ToArray();
                input.AdvanceTo(take.End);
                return data;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return null;
            }
        }
    }
}
