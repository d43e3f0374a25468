using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using Emulator.Comware;
using Emulator.Comware.Commands;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;
using Emulator.Device.Transcripts;

namespace Emulator.Benchmarks;

/// <summary>
/// The per-command path of an interactive shell without SSH: command lines typed ahead into the session's input
/// pipe (each key decoded, echoed and recorded), parsed, run and written, the prompt after each, as the throughput
/// section of bench/run.sh drives it over SSH. <c>display current-configuration</c> of a ~1,000-line configuration
/// (its rendering is cached, so this is the CLI's own cost per command plus one copy of the output) and
/// <c>display clock</c> (little output: almost all of it is per-command work). One benchmark invocation is one shell
/// running <see cref="Commands"/> lines; divide by it for the cost of one command.
/// </summary>
[MemoryDiagnoser]
public class CliShellBenchmarks
{
    private static readonly CommandSet s_commands = CommandSet.Build(CommandModules.Default);
    private static readonly CliUser s_admin = new("admin", 3, ["network-admin"], "127.0.0.1");

    private ComwareDevice _device = null!;
    private byte[] _typed = [];

    [Params(1000)]
    public int Commands { get; set; }

    [Params("display current-configuration", "display clock")]
    public string Command { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _device = new ComwareDevice(new DeviceFacts
        {
            Model = "SecPath F1000-E",
            Dialect = ComwareDialect.V5,
            DefaultSysname = "H3C",
            VtyLines = 5,
            SoftwareVersion = "5.20",
            Release = "Release 3177",
            Interfaces = [new("GigabitEthernet1/0/0"), new("GigabitEthernet1/0/1")],
            DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
        }, new RecordingServices(), TimeProvider.System, s_commands);
        _device.EnsureBootedAsync(CancellationToken.None).GetAwaiter().GetResult();
        var configuration = new StringBuilder();
        for (var i = 1; i <= 250; i++)
        {
            configuration.Append($"interface LoopBack{i}\n description bench loopback {i}\n ip address 10.0.{i / 256}.{i % 256} 32\n#\n");
        }

        var report = _device.LoadConfigurationAsync(configuration.ToString(), CancellationToken.None).GetAwaiter().GetResult();
        if (!report.Succeeded)
        {
            throw new InvalidOperationException("the bench configuration did not load");
        }

        _typed = Encoding.UTF8.GetBytes("screen-length disable\r" + string.Concat(Enumerable.Repeat(Command + "\r", Commands)));
        var bytes = TypedAhead().GetAwaiter().GetResult();
        Console.WriteLine($"// CliShellBenchmarks: {Commands} x '{Command}' -> {bytes} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => _device.Dispose();

    /// <summary>One shell: every line typed ahead at once, output drained as it comes; returns the bytes printed.</summary>
    [Benchmark]
    public async Task<long> TypedAhead()
    {
        var input = new Pipe();
        var output = new Pipe(new PipeOptions(useSynchronizationContext: false));
        await input.Writer.WriteAsync(_typed);
        await input.Writer.CompleteAsync();
        var drain = DrainAsync(output.Reader);
        using (var session = new CliSession(_device, s_admin))
        {
            await session.RunShellAsync(new CliTerminal(input.Reader, output.Writer), CancellationToken.None);
        }

        await output.Writer.CompleteAsync();
        return await drain;
    }

    private static async Task<long> DrainAsync(PipeReader reader)
    {
        long bytes = 0;
        while (true)
        {
            var read = await reader.ReadAsync();
            bytes += read.Buffer.Length;
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return bytes;
            }
        }
    }

    /// <summary>No persistence and no host keys; session transcripts are kept, as the host keeps them.</summary>
    private sealed class RecordingServices : IDeviceServices, IHostKeyControl
    {
        private DeviceStorage? _storage;

        public IHostKeyControl HostKeys => this;

        public ISessionRecorder Recorder { get; } = new TranscriptStore(TimeProvider.System);

        public string? ReadStartupConfiguration() => null;

        public DeviceStorage Storage => _storage ??= new DeviceStorage(
            Path.Combine(Path.GetTempPath(), "emulator-bench", Guid.NewGuid().ToString("N")), "cfa0", 4L << 20, [], TimeProvider.System);

        public Task RebootAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<HostKeyInfo> List() => [];

        public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken) =>
            throw new NotSupportedException("no host keys in the CLI benchmark");

        public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
