using System.Diagnostics;
using System.Globalization;

namespace Emulator.Bench.Suite;

/// <summary>bench/Emulator.SshOnly: the emulator's SSH layer behind a trivial session handler, as a process on a free port.</summary>
public sealed class SshOnlyServer : IDisposable
{
    private readonly Process _process;

    private SshOnlyServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    private static readonly string[] s_configurations = ["Release", "Debug"];

    public static string? FindBuilt(string repositoryRoot) => s_configurations
        .Select(c => Path.Combine(repositoryRoot, "bench", "Emulator.SshOnly", "bin", c, "net10.0", "emulator-ssh-only.dll"))
        .FirstOrDefault(File.Exists);

    public static async Task<SshOnlyServer> StartAsync(string dll, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("0");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null || !line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"emulator-ssh-only did not start: '{line}'");
            }

            return new SshOnlyServer(process, int.Parse(line.AsSpan(13), CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public Task<ProcSample> SampleAsync(CancellationToken cancellationToken) => Task.FromResult(ProcStat.Read(Pid));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
