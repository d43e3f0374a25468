using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Emulator.Comware;
using Emulator.Comware.Runtime;
using Emulator.Comware.Storage;

namespace Emulator.Fuzz.Targets;

/// <summary>
/// An interactive Comware shell fed with the input as keystrokes (the first byte picks V5 or V7): key decoder, line
/// editor, history, <c>?</c>, Tab, parser, caret errors, dialogs, pager and every handler the keystrokes reach.
/// </summary>
public sealed class CliTarget : IFuzzTarget
{
    private readonly Lazy<(DeviceFacts V5, DeviceFacts V7)> _facts = new(() => (Facts(ComwareDialect.V5), Facts(ComwareDialect.V7)));

    public string Name => "cli";

    public IEnumerable<byte[]> Seeds(string repositoryRoot)
    {
        var transcripts = Path.Combine(repositoryRoot, "tests", "Emulator.Comware.Tests", "Transcripts");
        foreach (var file in Directory.EnumerateFiles(transcripts, "*.in", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dialect = file.Contains($"{Path.DirectorySeparatorChar}V7{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? (byte)'7' : (byte)'5';
            var keys = string.Join("\r", File.ReadAllLines(file).Where(l => !l.StartsWith("#!", StringComparison.Ordinal))) + "\r";
            yield return [dialect, .. Encoding.UTF8.GetBytes(keys)];
        }
    }

    public void Run(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        var facts = input[0] % 2 == 1 ? _facts.Value.V5 : _facts.Value.V7;
        using var device = new ComwareDevice(facts, new MemoryServices(), TimeProvider.System);
        var keys = new Pipe();
        var screen = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        keys.Writer.Write(input.AsSpan(1));
        keys.Writer.Complete();
        var terminal = new CliTerminal(keys.Reader, screen.Writer);
        terminal.Resize(80, 24);
        var session = new CliSession(device, new CliUser("fuzz", 3, ["network-admin"], "192.0.2.1"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            session.RunShellAsync(terminal, timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static DeviceFacts Facts(ComwareDialect dialect) => new()
    {
        Model = dialect == ComwareDialect.V5 ? "SecPath F1000-E" : "SecPath F1000-AI-55",
        Dialect = dialect,
        DefaultSysname = "H3C",
        SoftwareVersion = dialect == ComwareDialect.V5 ? "5.20" : "7.1.064",
        Release = dialect == ComwareDialect.V5 ? "Release 3177" : "Release 9333P26",
        VtyLines = dialect == ComwareDialect.V5 ? 5 : 64,
        Interfaces = [.. Enumerable.Range(0, 4).Select(i => new InterfaceFacts((dialect == ComwareDialect.V5 ? "GigabitEthernet0/" : "GigabitEthernet1/0/") + i))],
        DefaultConfiguration = "#\n sysname H3C\n#\nreturn\n",
    };

    /// <summary>startup.cfg and host keys in memory; reboot does nothing.</summary>
    private sealed class MemoryServices : IDeviceServices, IHostKeyControl
    {
        private DeviceStorage? _storage;

        public IHostKeyControl HostKeys => this;

        /// <summary>A small storage in a temporary folder: file commands run for real, confined to it.</summary>
        public DeviceStorage Storage => _storage ??= new DeviceStorage(
            Path.Combine(Path.GetTempPath(), "emulator-fuzz", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "cfa0", 4L << 20, [], TimeProvider.System);

        public string? ReadStartupConfiguration() => SavedConfiguration.Read(Storage)?.Text;

        public Task RebootAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public IReadOnlyList<HostKeyInfo> List() => [];

        public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken) =>
            Task.FromResult(new HostKeyInfo(kind, "ssh-" + kind, bits, new byte[] { 0, 0, 0, 1, 0 }, DateTimeOffset.UnixEpoch));

        public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
