using System.IO.Pipelines;
using System.Text;
using BenchmarkDotNet.Attributes;
using Emulator.Comware;
using Emulator.Comware.Commands;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;

namespace Emulator.Benchmarks;

/// <summary>
/// The CLI engine through its public surface: replaying a configuration (tokenise, match against the command
/// tables, execute, per line) and `display current-configuration` of it rendered into a terminal pipe (what one
/// display costs the server, without SSH).
/// </summary>
[MemoryDiagnoser]
public class CliBenchmarks
{
    private static readonly CommandSet s_commands = CommandSet.Build(CommandModules.Default);
    private static readonly CliUser s_admin = new("admin", 3, ["network-admin"], "127.0.0.1");

    private ComwareDevice _device = null!;
    private string _configuration = "";

    [Params(1000)]
    public int Lines { get; set; }

    [Params(ComwareDialect.V5, ComwareDialect.V7)]
    public ComwareDialect Dialect { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _device = NewDevice();
        // Boot first: the first session on an unbooted device replays the factory configuration over what is loaded here.
        _device.EnsureBootedAsync(CancellationToken.None).GetAwaiter().GetResult();
        // LoopBack interfaces when the command set has them; otherwise repeated sysname lines (core commands).
        var loopbacks = new StringBuilder();
        for (int i = 1; loopbacks.Length == 0 || CountLines(loopbacks) < Lines; i++)
        {
            loopbacks.Append($"interface LoopBack{i}\n description bench loopback {i}\n ip address 10.0.{i / 256}.{i % 256} 32\n#\n");
        }

        var report = _device.LoadConfigurationAsync(loopbacks.ToString(), CancellationToken.None).GetAwaiter().GetResult();
        if (report.Succeeded)
        {
            _configuration = loopbacks.ToString();
        }
        else
        {
            var sysnames = new StringBuilder();
            for (int i = 0; i < Lines; i++)
            {
                sysnames.Append($"sysname bench{i % 100}\n");
            }

            _configuration = sysnames.ToString();
            _device.LoadConfigurationAsync(_configuration, CancellationToken.None).GetAwaiter().GetResult();
        }

        long displayed = DisplayCurrentConfiguration().GetAwaiter().GetResult();
        if (displayed < Lines * 10L)
        {
            throw new InvalidOperationException($"display current-configuration printed {displayed} bytes for a {Lines}-line configuration");
        }

        // The command set grows as modules land: say in the log which configuration was measured.
        Console.WriteLine($"// CliBenchmarks: {(report.Succeeded ? "LoopBack interfaces" : "sysname lines (no LoopBack command yet)")}, " +
            $"{CountLines(new StringBuilder(_configuration))} lines; display renders {_device.RenderCurrentConfigurationLines().Count} lines");
    }

    [GlobalCleanup]
    public void Cleanup() => _device.Dispose();

    [Benchmark]
    public async Task<int> ReplayConfiguration()
    {
        using var device = NewDevice();
        return (await device.LoadConfigurationAsync(_configuration, CancellationToken.None)).LinesExecuted;
    }

    [Benchmark]
    public async Task<long> DisplayCurrentConfiguration()
    {
        var input = new Pipe();
        var output = new Pipe(new PipeOptions(pauseWriterThreshold: 0, useSynchronizationContext: false));
        await input.Writer.CompleteAsync();
        var session = new CliSession(_device, s_admin);
        await session.ExecAsync("display current-configuration", new CliTerminal(input.Reader, output.Writer) { IsInteractive = false }, CancellationToken.None);
        await output.Writer.CompleteAsync();
        long bytes = 0;
        while (true)
        {
            var read = await output.Reader.ReadAsync();
            bytes += read.Buffer.Length;
            output.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return bytes;
            }
        }
    }

    private static int CountLines(StringBuilder text) => text.ToString().Count(c => c == '\n');

    private ComwareDevice NewDevice() => new(new DeviceFacts
    {
        Model = Dialect == ComwareDialect.V7 ? "SecPath F1000-AI-20" : "SecPath F1000-E",
        Dialect = Dialect,
        DefaultSysname = "H3C",
        VtyLines = Dialect == ComwareDialect.V7 ? 64 : 5,
        SoftwareVersion = Dialect == ComwareDialect.V7 ? "7.1.064" : "5.20",
        Release = Dialect == ComwareDialect.V7 ? "Release 9333P26" : "Release 3177",
        Interfaces = [new("GigabitEthernet1/0/0"), new("GigabitEthernet1/0/1")],
        DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
    }, new NoDeviceServices(), TimeProvider.System, s_commands);

    /// <summary>Nothing persisted, no host keys, no sessions: the benchmark only exercises the CLI.</summary>
    private sealed class NoDeviceServices : IDeviceServices, IHostKeyControl
    {
        public IHostKeyControl HostKeys => this;

        private DeviceStorage? _storage;

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
