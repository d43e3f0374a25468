using System.IO.Pipelines;
using System.Text;
using Emulator.Comware.Storage;
using Emulator.Device.Wiring;
using Emulator.Ssh.Scp;
using Emulator.Ssh.Sftp;
using Emulator.Ssh.Tests.Sftp;

namespace Emulator.Device.Tests.Files;

/// <summary>SFTP and SCP on a real device storage: confinement, a full medium, an announced size that never comes.</summary>
public sealed class StorageTransferTests : IDisposable
{
    private const byte Open = 3, Close = 4, Write = 6, Stat = 17, Realpath = 16, Mkdir = 14;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "transfer-tests-" + Guid.NewGuid().ToString("N"));
    private readonly DeviceStorage _storage;

    public StorageTransferTests()
    {
        _storage = new DeviceStorage(Path.Combine(_dir, "fw1"), "flash", 1 << 20, [new BootImage("system.bin", 512 * 1024)], TimeProvider.System);
        Directory.CreateDirectory(Path.Combine(_dir, "outside"));
        File.WriteAllText(Path.Combine(_dir, "outside", "secret"), "host");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SftpPipeClient> SftpAsync(bool readOnly = false)
    {
        var client = new SftpPipeClient(new SftpStorageFileSystem(_storage), new SftpServerOptions { ReadOnly = readOnly }, Ct);
        await client.InitAsync();
        return client;
    }

    [Theory]
    [InlineData("../outside/secret")]
    [InlineData("/../../outside/secret")]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("flash:/../outside/secret")]
    [InlineData("cfa0:/secret")]
    [InlineData("/tmp/../outside/secret")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("..\\outside\\secret")]
    public async Task Traversal_in_every_form_finds_nothing_outside_the_storage(string path)
    {
        await using var client = await SftpAsync();
        await client.SendAsync(Stat, 1, path);
        Assert.Equal((int)SftpStatus.NoSuchFile, (await client.ReplyAsync()).Status);
        await client.SendAsync(Open, 2, path, (uint)(SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate), 0u);
        var reply = await client.ReplyAsync();
        if (reply.Type == 102)
        {
            // Resolved inside the root (".." stops there): the file lands in the storage, never outside.
            var handle = SftpPipeClient.HandleOf(reply.Body);
            await client.SendAsync(Write, 3, handle, 0ul, "x"u8.ToArray());
            await client.ReplyAsync();
            await client.SendAsync(Close, 4, handle);
            await client.ReplyAsync();
        }

        Assert.Equal("host", File.ReadAllText(Path.Combine(_dir, "outside", "secret")));
        Assert.Equal(["secret"], Directory.GetFiles(Path.Combine(_dir, "outside")).Select(Path.GetFileName));
        Assert.False(File.Exists("/etc/passwd") && File.ReadAllText("/etc/passwd") == "x");
    }

    [Fact]
    public async Task Realpath_never_leaves_the_root()
    {
        await using var client = await SftpAsync();
        await client.SendAsync(Realpath, 1, "../../..");
        var body = (await client.ReplyAsync()).Body;
        Assert.Equal("/", Encoding.UTF8.GetString(body, 13, 1));
    }

    [Fact]
    public async Task A_write_far_beyond_the_free_space_fails_and_leaves_no_file()
    {
        await using var client = await SftpAsync();
        await client.SendAsync(Open, 1, "/huge.bin", (uint)(SftpOpenMode.Write | SftpOpenMode.Create), 0u);
        var handle = SftpPipeClient.HandleOf((await client.ReplyAsync()).Body);
        await client.SendAsync(Write, 2, handle, 2UL << 30, new byte[10]);
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);
        await client.SendAsync(Close, 3, handle);
        await client.ReplyAsync();
        Assert.Null(_storage.Stat(_storage.Resolve("huge.bin")));
        Assert.Equal(512 * 1024, _storage.FreeBytes);
    }

    [Fact]
    public async Task A_full_medium_keeps_the_old_file_over_sftp()
    {
        _storage.WriteText(_storage.Resolve("startup.cfg"), "old");
        await using var client = await SftpAsync();
        await client.SendAsync(Open, 1, "/startup.cfg", (uint)(SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate), 0u);
        var handle = SftpPipeClient.HandleOf((await client.ReplyAsync()).Body);
        await client.SendAsync(Write, 2, handle, 0ul, new byte[200 * 1024]);
        Assert.Equal(0, (await client.ReplyAsync()).Status);
        await client.SendAsync(Write, 3, handle, 200UL * 1024, new byte[200 * 1024]);
        Assert.Equal(0, (await client.ReplyAsync()).Status);
        await client.SendAsync(Write, 4, handle, 400UL * 1024, new byte[200 * 1024]);
        Assert.Equal((int)SftpStatus.Failure, (await client.ReplyAsync()).Status);
        Assert.Equal("old", _storage.ReadText(_storage.Resolve("startup.cfg")));
        await client.SendAsync(Mkdir, 5, "/still-works", 0u);
        Assert.Equal(0, (await client.ReplyAsync()).Status);
    }

    [Fact]
    public async Task Scp_announcing_two_gib_and_sending_ten_bytes_leaves_no_file()
    {
        var (status, reply) = await ScpSinkAsync("scp -t /", "C0644 2147483648 big.bin\n"u8.ToArray(), new byte[10]);
        Assert.Equal(1, status);
        Assert.Equal(0, reply[0]);
        Assert.Null(_storage.Stat(_storage.Resolve("big.bin")));
        Assert.Equal(512 * 1024, _storage.FreeBytes);
    }

    [Fact]
    public async Task Scp_upload_is_committed_only_after_the_closing_zero()
    {
        var (status, _) = await ScpSinkAsync("scp -t /", "C0644 5 a.cfg\n"u8.ToArray(), "hello"u8.ToArray(), [0]);
        Assert.Equal(0, status);
        Assert.Equal("hello", _storage.ReadText(_storage.Resolve("a.cfg")));

        (status, _) = await ScpSinkAsync("scp -t /", "C0644 5 b.cfg\n"u8.ToArray(), "hel"u8.ToArray());
        Assert.Equal(1, status);
        Assert.Null(_storage.Stat(_storage.Resolve("b.cfg")));
    }

    [Theory]
    [InlineData("C0644 1 ../escape\n")]
    [InlineData("C0644 1 ..\n")]
    [InlineData("C0644 1 a/b\n")]
    [InlineData("C0644 -1 x\n")]
    [InlineData("D0755 0 ..\n")]
    public async Task Scp_records_naming_a_path_are_refused(string record)
    {
        var (status, reply) = await ScpSinkAsync("scp -r -t /", Encoding.ASCII.GetBytes(record), [(byte)'x', 0]);
        Assert.Equal(1, status);
        Assert.Equal(2, reply[1]);
        Assert.Equal(["secret"], Directory.GetFiles(Path.Combine(_dir, "outside")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Scp_upload_is_refused_to_a_read_only_user()
    {
        var (status, reply) = await ScpSinkAsync("scp -t /", "C0644 1 a\n"u8.ToArray(), [(byte)'x', 0], readOnly: true);
        Assert.Equal(1, status);
        Assert.Equal(2, reply[0]);
        Assert.Null(_storage.Stat(_storage.Resolve("a")));
    }

    private async Task<(int Status, byte[] Reply)> ScpSinkAsync(string command, byte[] record, byte[] data, byte[]? end = null, bool readOnly = false)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var request = ScpRequest.Parse(command)!;
        var run = new ScpServer(new SftpStorageFileSystem(_storage), readOnly).RunAsync(request, toServer.Reader, toClient.Writer, Ct);
        await toServer.Writer.WriteAsync(record, Ct);
        await toServer.Writer.WriteAsync(data, Ct);
        if (end is not null)
        {
            await toServer.Writer.WriteAsync(end, Ct);
        }

        await toServer.Writer.CompleteAsync();
        var status = await run.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        await toClient.Writer.CompleteAsync();
        using var collected = new MemoryStream();
        await toClient.Reader.AsStream().CopyToAsync(collected, Ct);
        return (status, collected.ToArray());
    }
}
