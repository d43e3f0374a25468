using Emulator.Ssh.Sftp;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Sftp;

/// <summary>The SFTP v3 server over an in-memory pipe pair, with what real clients never send.</summary>
public sealed class SftpServerTests
{
    private const byte Open = 3, Close = 4, Read = 5, Write = 6, Remove = 13, Realpath = 16, Stat = 17, Opendir = 11, Readdir = 12, StatusReply = 101, DataReply = 103, NameReply = 104;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<SftpPipeClient> StartAsync(MemoryFileSystem fs, SftpServerOptions? options = null)
    {
        var client = new SftpPipeClient(fs, options ?? new SftpServerOptions(), Ct);
        await client.InitAsync();
        return client;
    }

    [Fact]
    public async Task Upload_read_back_and_list()
    {
        var fs = new MemoryFileSystem();
        await using var client = await StartAsync(fs);
        var handle = await client.OpenAsync(1, "/a.cfg", SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate);
        await client.SendAsync(Write, 2, handle, 0ul, "hello"u8.ToArray());
        Assert.Equal(0, (await client.ReplyAsync()).Status);
        Assert.False(fs.Files.ContainsKey("/a.cfg"));
        await client.SendAsync(Close, 3, handle);
        Assert.Equal(0, (await client.ReplyAsync()).Status);
        Assert.Equal("hello"u8.ToArray(), fs.Files["/a.cfg"]);

        var read = await client.OpenAsync(4, "/a.cfg", SftpOpenMode.Read);
        await client.SendAsync(Read, 5, read, 1ul, 100u);
        var data = await client.ReplyAsync();
        Assert.Equal(DataReply, data.Type);
        Assert.Equal("ello"u8.ToArray(), data.Body[9..]);
        await client.SendAsync(Read, 6, read, 5ul, 100u);
        Assert.Equal((int)SftpStatus.Eof, (await client.ReplyAsync()).Status);

        await client.SendAsync(Opendir, 8, "/");
        var listing = SftpPipeClient.HandleOf((await client.ReplyAsync()).Body);
        await client.SendAsync(Readdir, 9, listing);
        Assert.Equal(NameReply, (await client.ReplyAsync()).Type);
        await client.SendAsync(Readdir, 10, listing);
        Assert.Equal((int)SftpStatus.Eof, (await client.ReplyAsync()).Status);
    }

    [Fact]
    public async Task Unknown_handles_and_requests_before_open_get_a_failure_and_the_session_goes_on()
    {
        await using var client = await StartAsync(new MemoryFileSystem());
        await client.SendAsync(Read, 41, "no-such-handle", 0ul, 10u);
        var reply = await client.ReplyAsync();
        Assert.Equal((StatusReply, 41u, (int)SftpStatus.Failure), (reply.Type, reply.Id, reply.Status));
        await client.SendAsync(Close, 42, "7");
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);
        await client.SendAsync(Write, 43, "", 0ul, new byte[3]);
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);
        await client.SendAsync(Readdir, 44, "1");
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);

        await client.SendAsync(Realpath, 45, ".");
        reply = await client.ReplyAsync();
        Assert.Equal((NameReply, 45u), (reply.Type, reply.Id));
    }

    [Fact]
    public async Task Replies_carry_the_request_ids_in_any_order_sent()
    {
        await using var client = await StartAsync(new MemoryFileSystem());
        foreach (var id in new uint[] { 900, 3, 77 })
        {
            await client.SendAsync(Stat, id, "/missing");
        }

        var ids = new List<uint>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.ReplyAsync()).Id);
        }

        Assert.Equal([900u, 3u, 77u], ids);
    }

    [Fact]
    public async Task A_truncated_request_gets_bad_message_and_an_unknown_one_op_unsupported()
    {
        await using var client = await StartAsync(new MemoryFileSystem());
        await client.SendRawAsync([Open, 0, 0, 0, 9, 0, 0, 0, 200, (byte)'x']);
        var reply = await client.ReplyAsync();
        Assert.Equal((9u, (int)SftpStatus.BadMessage), (reply.Id, reply.Status));
        await client.SendAsync(99, 10);
        Assert.Equal((int)SftpStatus.OpUnsupported, (await client.ReplyAsync()).Status);
        await client.SendAsync(20, 11, "/a", "/b");
        Assert.Equal((int)SftpStatus.OpUnsupported, (await client.ReplyAsync()).Status);
    }

    [Fact]
    public async Task A_packet_announced_beyond_the_limit_ends_the_session_without_reading_it()
    {
        await using var client = await StartAsync(new MemoryFileSystem());
        await client.SendBytesAsync([0x7F, 0xFF, 0xFF, 0xFF, Write, 0, 0, 0, 1]);
        Assert.Null(await client.ReceiveAsync());
        await client.Server.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task A_request_before_init_ends_the_session()
    {
        var client = new SftpPipeClient(new MemoryFileSystem(), new SftpServerOptions(), Ct);
        await client.SendAsync(Stat, 1, "/");
        Assert.Null(await client.ReceiveAsync());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task A_read_only_session_cannot_write_remove_or_rename()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/keep.cfg"] = [1, 2, 3];
        await using var client = await StartAsync(fs, new SftpServerOptions { ReadOnly = true });
        await client.SendAsync(Open, 1, "/new.cfg", (uint)(SftpOpenMode.Write | SftpOpenMode.Create), 0u);
        Assert.Equal((int)SftpStatus.PermissionDenied, (await client.ReplyAsync()).Status);
        await client.SendAsync(Remove, 2, "/keep.cfg");
        Assert.Equal((int)SftpStatus.PermissionDenied, (await client.ReplyAsync()).Status);
        await client.SendAsync(18, 3, "/keep.cfg", "/x.cfg");
        Assert.Equal((int)SftpStatus.PermissionDenied, (await client.ReplyAsync()).Status);
        Assert.True(fs.Files.ContainsKey("/keep.cfg"));
        var read = await client.OpenAsync(4, "/keep.cfg", SftpOpenMode.Read);
        Assert.NotEmpty(read);
    }

    [Fact]
    public async Task A_transfer_cut_before_close_leaves_no_file()
    {
        var fs = new MemoryFileSystem();
        var client = await StartAsync(fs);
        var handle = await client.OpenAsync(1, "/half.bin", SftpOpenMode.Write | SftpOpenMode.Create);
        await client.SendAsync(Write, 2, handle, 0ul, new byte[1000]);
        await client.ReplyAsync();
        await client.DisposeAsync();
        Assert.False(fs.Files.ContainsKey("/half.bin"));
        Assert.Equal(1, fs.Discarded);
    }

    [Fact]
    public async Task Handles_per_session_are_bounded()
    {
        var fs = new MemoryFileSystem();
        fs.Files["/f"] = [1];
        await using var client = await StartAsync(fs, new SftpServerOptions { MaxHandles = 3 });
        for (var i = 0u; i < 3; i++)
        {
            await client.OpenAsync(i, "/f", SftpOpenMode.Read);
        }

        await client.SendAsync(Open, 9, "/f", (uint)SftpOpenMode.Read, 0u);
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);
    }

    [Fact]
    public async Task An_idle_session_ends_after_the_idle_timeout()
    {
        var time = new FakeTimeProvider();
        var client = await StartAsync(new MemoryFileSystem(), new SftpServerOptions { IdleTimeout = TimeSpan.FromMinutes(10), Time = time });
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.False(client.Server.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(2));
        await client.Server.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        await client.DisposeAsync();
    }

    /// <summary>Files in a dictionary; writes go to a buffer committed at Commit, as the device's staged writes do.</summary>
    private sealed class MemoryFileSystem : ISftpFileSystem
    {
        public Dictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

        public int Discarded { get; private set; }

        public string Canonicalize(string path) => "/" + path.Trim('/').Replace("./", "", StringComparison.Ordinal).TrimStart('.');

        public SftpAttributes? Stat(string path) =>
            Canonicalize(path) == "/" ? new SftpAttributes(0, SftpAttributes.DirectoryType | 0x1ED, null)
            : Files.TryGetValue(Canonicalize(path), out var f) ? new SftpAttributes(f.Length, SftpAttributes.FileType | 0x1A4, null) : null;

        public IReadOnlyList<SftpName> ReadDirectory(string path) =>
            [.. Files.Select(f => new SftpName(f.Key.TrimStart('/'), new SftpAttributes(f.Value.Length, SftpAttributes.FileType | 0x1A4, null)))];

        public ISftpFile Open(string path, SftpOpenMode mode)
        {
            var name = Canonicalize(path);
            if ((mode & SftpOpenMode.Write) != 0)
            {
                return new MemoryFile(this, name, []);
            }

            return Files.TryGetValue(name, out var content) ? new MemoryFile(this, name, content) : throw new SftpException(SftpStatus.NoSuchFile, "No such file");
        }

        public void Remove(string path) => Files.Remove(Canonicalize(path));

        public void MakeDirectory(string path) => throw new SftpException(SftpStatus.OpUnsupported, "no folders");

        public void RemoveDirectory(string path) => throw new SftpException(SftpStatus.OpUnsupported, "no folders");

        public void Rename(string oldPath, string newPath)
        {
            Files[Canonicalize(newPath)] = Files[Canonicalize(oldPath)];
            Files.Remove(Canonicalize(oldPath));
        }

        private sealed class MemoryFile(MemoryFileSystem fs, string name, byte[] content) : ISftpFile
        {
            private readonly MemoryStream _data = Copy(content);
            private bool _committed;

            private static MemoryStream Copy(byte[] content)
            {
                var stream = new MemoryStream();
                stream.Write(content);
                return stream;
            }

            public int Read(long offset, Span<byte> buffer)
            {
                _data.Position = Math.Min(offset, _data.Length);
                return _data.Read(buffer);
            }

            public void Write(long offset, ReadOnlySpan<byte> data)
            {
                _data.Position = offset;
                _data.Write(data);
            }

            public SftpAttributes Stat() => new(_data.Length, SftpAttributes.FileType, null);

            public void Commit()
            {
                fs.Files[name] = _data.ToArray();
                _committed = true;
            }

            public void Dispose()
            {
                if (!_committed && content.Length == 0)
                {
                    fs.Discarded++;
                }

                _data.Dispose();
            }
        }
    }
}
