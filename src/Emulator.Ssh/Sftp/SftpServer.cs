using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Sftp;

/// <summary>How an <see cref="SftpServer"/> session is bounded.</summary>
public sealed record SftpServerOptions
{
    /// <summary>Writes, removes, renames and folder changes answer SSH_FX_PERMISSION_DENIED.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>The session ends after this long without a request (null: never).</summary>
    public TimeSpan? IdleTimeout { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Open files and folders per session; more answer SSH_FX_FAILURE.</summary>
    public int MaxHandles { get; init; } = 64;

    /// <summary>Largest request accepted (OpenSSH's SFTP_MAX_MSG_LENGTH, 256 KiB); a longer one ends the session, as the stream cannot be resynchronised.</summary>
    public int MaxPacketLength { get; init; } = 256 * 1024;

    /// <summary>Largest READ answer (a larger request gets this much, as OpenSSH's server does).</summary>
    public int MaxReadLength { get; init; } = 255 * 1024;
}

/// <summary>
/// An SFTP version 3 server (draft-ietf-secsh-filexfer-02, the version OpenSSH, paramiko and SSH.NET speak) over one
/// channel's byte streams. Requests are answered in order; malformed requests get SSH_FX_BAD_MESSAGE, unknown handles
/// SSH_FX_FAILURE, unknown requests SSH_FX_OP_UNSUPPORTED, and the session goes on. Files opened for writing are
/// committed at CLOSE; a session that ends first discards them.
/// </summary>
public sealed class SftpServer(ISftpFileSystem fileSystem, SftpServerOptions options)
{
    private const byte Init = 1, Version = 2, Open = 3, Close = 4, Read = 5, Write = 6, Lstat = 7, Fstat = 8, Setstat = 9, Fsetstat = 10,
        Opendir = 11, Readdir = 12, Remove = 13, Mkdir = 14, Rmdir = 15, Realpath = 16, Stat = 17, Rename = 18, Readlink = 19, Symlink = 20,
        Status = 101, Handle = 102, Data = 103, Name = 104, Attrs = 105, Extended = 200;

    private const uint AttrSize = 0x1, AttrUidGid = 0x2, AttrPermissions = 0x4, AttrAcModTime = 0x8, AttrExtended = 0x80000000;
    private const int ReaddirBatch = 100;

    private readonly Dictionary<string, OpenHandle> _handles = new(StringComparer.Ordinal);
    private int _nextHandle;
    private bool _initialised;

    /// <summary>Serves requests until the client closes its side, sends something unusable, or stays idle too long.</summary>
    public async Task RunAsync(PipeReader input, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            while (true)
            {
                using var idle = options.IdleTimeout is { } timeout
                    ? new CancellationTokenSource(timeout, options.Time)
                    : new CancellationTokenSource();
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
                byte[]? packet;
                try
                {
                    packet = await ReadPacketAsync(input, linked.Token);
                }
                catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                if (packet is null)
                {
                    return;
                }

                var reply = new ArrayBufferWriter<byte>();
                if (!Answer(packet, reply))
                {
                    return;
                }

                var length = new byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)reply.WrittenCount);
                output.Write(length);
                output.Write(reply.WrittenSpan);
                var flushed = await output.FlushAsync(cancellationToken);
                if (flushed.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            foreach (var handle in _handles.Values)
            {
                handle.File?.Dispose();
            }

            _handles.Clear();
        }
    }

    /// <summary>One length-prefixed packet, or null at the end of input or for a length beyond the limit.</summary>
    private async ValueTask<byte[]?> ReadPacketAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= 4)
            {
                buffer.Slice(0, 4).CopyTo(prefix);
                var length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
                if (length == 0 || length > (uint)options.MaxPacketLength)
                {
                    input.AdvanceTo(buffer.End);
                    return null;
                }

                if (buffer.Length >= 4 + length)
                {
                    var packet = buffer.Slice(4, length).ToArray();
                    input.AdvanceTo(buffer.GetPosition(4 + length));
                    return packet;
                }
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Answers one request into <paramref name="reply"/>; false ends the session (no INIT first).</summary>
    private bool Answer(byte[] packet, ArrayBufferWriter<byte> reply)
    {
        var type = packet[0];
        if (!_initialised)
        {
            if (type != Init)
            {
                return false;
            }

            _initialised = true;
            var w = new SshWriter(reply);
            w.WriteByte(Version);
            w.WriteUInt32(3);
            return true;
        }

        uint id = 0;
        try
        {
            var r = new SshReader(packet.AsSpan(1));
            id = r.ReadUInt32();
            Dispatch(type, id, ref r, reply);
        }
        catch (SftpException ex)
        {
            reply.Clear();
            WriteStatus(reply, id, ex.Status, ex.Message);
        }
        catch (SshDisconnectException)
        {
            reply.Clear();
            WriteStatus(reply, id, SftpStatus.BadMessage, "Bad message");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or OverflowException or NotSupportedException or InvalidOperationException)
        {
            reply.Clear();
            WriteStatus(reply, id, SftpStatus.Failure, "Failure");
        }

        return true;
    }

    private void Dispatch(byte type, uint id, ref SshReader r, ArrayBufferWriter<byte> reply)
    {
        switch (type)
        {
            case Open:
                {
                    var path = r.ReadUtf8String();
                    var flags = (SftpOpenMode)r.ReadUInt32();
                    SkipAttributes(ref r);
                    var writing = (flags & (SftpOpenMode.Write | SftpOpenMode.Append | SftpOpenMode.Create | SftpOpenMode.Truncate)) != 0;
                    if (writing)
                    {
                        RequireWritable();
                    }

                    ReserveHandle();
                    var file = fileSystem.Open(path, flags);
                    WriteHandle(reply, id, Add(new OpenHandle(file, null, writing)));
                    break;
                }

            case Close:
                {
                    var handle = Take(r.ReadUtf8String());
                    try
                    {
                        if (handle.File is { } file && handle.Writable)
                        {
                            file.Commit();
                        }
                    }
                    finally
                    {
                        handle.File?.Dispose();
                    }

                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Read:
                {
                    var file = FileOf(r.ReadUtf8String());
                    var offset = r.ReadUInt64();
                    var length = (int)Math.Min(r.ReadUInt32(), (uint)options.MaxReadLength);
                    var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, length));
                    try
                    {
                        var read = offset > long.MaxValue ? 0 : file.Read((long)offset, buffer.AsSpan(0, length));
                        if (read == 0)
                        {
                            WriteStatus(reply, id, SftpStatus.Eof, "End of file");
                            break;
                        }

                        var w = new SshWriter(reply);
                        w.WriteByte(Data);
                        w.WriteUInt32(id);
                        w.WriteString(buffer.AsSpan(0, read));
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }

                    break;
                }

            case Write:
                {
                    var handleName = r.ReadUtf8String();
                    var offset = r.ReadUInt64();
                    var data = r.ReadString();
                    if (!_handles.TryGetValue(handleName, out var handle) || handle.File is null)
                    {
                        throw new SftpException(SftpStatus.Failure, "Invalid handle");
                    }

                    if (!handle.Writable)
                    {
                        throw new SftpException(SftpStatus.PermissionDenied, "Handle not opened for writing");
                    }

                    if (offset > long.MaxValue - (ulong)data.Length)
                    {
                        throw new SftpException(SftpStatus.Failure, "Offset too large");
                    }

                    handle.File.Write((long)offset, data);
                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Lstat or Stat:
                WriteAttrsReply(reply, id, fileSystem.Stat(r.ReadUtf8String()) ?? throw new SftpException(SftpStatus.NoSuchFile, "No such file"));
                break;

            case Fstat:
                WriteAttrsReply(reply, id, FileOf(r.ReadUtf8String()).Stat());
                break;

            case Setstat:
                {
                    var path = r.ReadUtf8String();
                    SkipAttributes(ref r);
                    RequireWritable();
                    _ = fileSystem.Stat(path) ?? throw new SftpException(SftpStatus.NoSuchFile, "No such file");

                    // Times and modes are the device's own: accepted and left as they are (scp -p, sftp put -p).
                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Fsetstat:
                {
                    _ = FileOf(r.ReadUtf8String());
                    SkipAttributes(ref r);
                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Opendir:
                {
                    var path = r.ReadUtf8String();
                    ReserveHandle();
                    var entries = fileSystem.ReadDirectory(path);
                    WriteHandle(reply, id, Add(new OpenHandle(null, new Queue<SftpName>(entries), false)));
                    break;
                }

            case Readdir:
                {
                    var name = r.ReadUtf8String();
                    if (!_handles.TryGetValue(name, out var handle) || handle.Entries is not { } entries)
                    {
                        throw new SftpException(SftpStatus.Failure, "Invalid handle");
                    }

                    if (entries.Count == 0)
                    {
                        WriteStatus(reply, id, SftpStatus.Eof, "End of file");
                        break;
                    }

                    var batch = new List<SftpName>();
                    while (entries.Count > 0 && batch.Count < ReaddirBatch)
                    {
                        batch.Add(entries.Dequeue());
                    }

                    WriteNames(reply, id, batch, longNames: true);
                    break;
                }

            case Remove:
                RequireWritable();
                fileSystem.Remove(r.ReadUtf8String());
                WriteStatus(reply, id, SftpStatus.Ok, "Success");
                break;

            case Mkdir:
                {
                    var path = r.ReadUtf8String();
                    SkipAttributes(ref r);
                    RequireWritable();
                    fileSystem.MakeDirectory(path);
                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Rmdir:
                RequireWritable();
                fileSystem.RemoveDirectory(r.ReadUtf8String());
                WriteStatus(reply, id, SftpStatus.Ok, "Success");
                break;

            case Realpath:
                {
                    var canonical = fileSystem.Canonicalize(r.ReadUtf8String());
                    WriteNames(reply, id, [new SftpName(canonical, new SftpAttributes(null, null, null))], longNames: false);
                    break;
                }

            case Rename:
                {
                    var from = r.ReadUtf8String();
                    var to = r.ReadUtf8String();
                    RequireWritable();
                    fileSystem.Rename(from, to);
                    WriteStatus(reply, id, SftpStatus.Ok, "Success");
                    break;
                }

            case Readlink or Symlink or Extended:
                throw new SftpException(SftpStatus.OpUnsupported, "Operation unsupported");

            default:
                throw new SftpException(SftpStatus.OpUnsupported, "Operation unsupported");
        }
    }

    private void RequireWritable()
    {
        if (options.ReadOnly)
        {
            throw new SftpException(SftpStatus.PermissionDenied, "Permission denied");
        }
    }

    private void ReserveHandle()
    {
        if (_handles.Count >= options.MaxHandles)
        {
            throw new SftpException(SftpStatus.Failure, "Too many open handles");
        }
    }

    private string Add(OpenHandle handle)
    {
        var name = (++_nextHandle).ToString(CultureInfo.InvariantCulture);
        _handles.Add(name, handle);
        return name;
    }

    private OpenHandle Take(string name)
    {
        if (!_handles.Remove(name, out var handle))
        {
            throw new SftpException(SftpStatus.Failure, "Invalid handle");
        }

        return handle;
    }

    private ISftpFile FileOf(string name) =>
        _handles.TryGetValue(name, out var handle) && handle.File is { } file ? file : throw new SftpException(SftpStatus.Failure, "Invalid handle");

    private static void SkipAttributes(ref SshReader r)
    {
        var flags = r.ReadUInt32();
        if ((flags & AttrSize) != 0)
        {
            r.ReadUInt64();
        }

        if ((flags & AttrUidGid) != 0)
        {
            r.ReadUInt32();
            r.ReadUInt32();
        }

        if ((flags & AttrPermissions) != 0)
        {
            r.ReadUInt32();
        }

        if ((flags & AttrAcModTime) != 0)
        {
            r.ReadUInt32();
            r.ReadUInt32();
        }

        if ((flags & AttrExtended) != 0)
        {
            var count = r.ReadUInt32();
            for (var i = 0u; i < count; i++)
            {
                r.ReadString();
                r.ReadString();
            }
        }
    }

    private static void WriteStatus(ArrayBufferWriter<byte> reply, uint id, SftpStatus status, string message)
    {
        var w = new SshWriter(reply);
        w.WriteByte(Status);
        w.WriteUInt32(id);
        w.WriteUInt32((uint)status);
        w.WriteString(message);
        w.WriteString("en");
    }

    private static void WriteHandle(ArrayBufferWriter<byte> reply, uint id, string handle)
    {
        var w = new SshWriter(reply);
        w.WriteByte(Handle);
        w.WriteUInt32(id);
        w.WriteString(handle);
    }

    private static void WriteAttrsReply(ArrayBufferWriter<byte> reply, uint id, SftpAttributes attributes)
    {
        var w = new SshWriter(reply);
        w.WriteByte(Attrs);
        w.WriteUInt32(id);
        WriteAttributes(w, attributes);
    }

    private static void WriteNames(ArrayBufferWriter<byte> reply, uint id, List<SftpName> names, bool longNames)
    {
        var w = new SshWriter(reply);
        w.WriteByte(Name);
        w.WriteUInt32(id);
        w.WriteUInt32((uint)names.Count);
        foreach (var name in names)
        {
            w.WriteString(name.Name);
            w.WriteString(longNames ? LongName(name) : name.Name);
            WriteAttributes(w, name.Attributes);
        }
    }

    private static void WriteAttributes(SshWriter w, SftpAttributes a)
    {
        var flags = (a.Size is null ? 0 : AttrSize) | (a.Permissions is null ? 0 : AttrPermissions) | (a.Modified is null ? 0 : AttrAcModTime);
        w.WriteUInt32(flags);
        if (a.Size is { } size)
        {
            w.WriteUInt64((ulong)size);
        }

        if (a.Permissions is { } permissions)
        {
            w.WriteUInt32(permissions);
        }

        if (a.Modified is { } modified)
        {
            var seconds = (uint)Math.Clamp(modified.ToUnixTimeSeconds(), 0, uint.MaxValue);
            w.WriteUInt32(seconds);
            w.WriteUInt32(seconds);
        }
    }

    /// <summary>The <c>ls -l</c> line OpenSSH's sftp-server sends as longname (draft section 7 leaves its form to the server).</summary>
    private static string LongName(SftpName name)
    {
        var a = name.Attributes;
        var mode = a.Permissions ?? 0;
        var sb = new StringBuilder(a.IsDirectory ? "d" : "-");
        const string rwx = "rwxrwxrwx";
        for (var bit = 0; bit < 9; bit++)
        {
            sb.Append((mode & (1u << (8 - bit))) != 0 ? rwx[bit] : '-');
        }

        var when = (a.Modified ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("MMM dd HH:mm", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{sb}    1 0        0        {a.Size ?? 0,8} {when} {name.Name}");
    }

    /// <param name="File">An open file.</param>
    /// <param name="Entries">A folder listing still to send.</param>
    /// <param name="Writable">Opened with write, create or truncate: committed at CLOSE.</param>
    private sealed record OpenHandle(ISftpFile? File, Queue<SftpName>? Entries, bool Writable);
}
