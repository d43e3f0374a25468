using System.Globalization;
using Emulator.Bench.Client;
using static Emulator.Bench.Suite.MarkdownReport;

namespace Emulator.Bench.Suite;

public sealed partial class SuiteRunner
{
    private async Task FleetSectionAsync(CancellationToken cancellationToken)
    {
        if (_hostDll is null)
        {
            _report.Paragraph($"Emulator host not measured: {HostMissing}.");
            _report.Verdict("1,000 devices ready in < 3 s", "emulator not measured", null);
            return;
        }

        int devices = _options.FleetDevices;
        int tenth = Math.Min(Math.Max(devices / 10, 60), devices - 1);
        var (baseline, singleReady) = await IdleRssAsync(1, cancellationToken);
        // A host with up to 50 devices creates host keys at start and one with more does not, so the marginal cost of
        // a device is taken between a tenth of the fleet and the full fleet, both above that line.
        var (tenthRss, _) = await IdleRssAsync(tenth, cancellationToken);

        await using var fleet = await EmulatorHost.StartAsync(_hostDll, devices, _options.Model, withControl: true, TimeSpan.FromSeconds(120), cancellationToken);
        await _log.WriteLineAsync($"  {devices} devices: log line after {fleet.TimeToAllListening.TotalMilliseconds:0} ms, healthz after {fleet.TimeToHealthy.TotalMilliseconds:0} ms");
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long fleetRss = ProcStat.ReadRss(fleet.Pid);
        var idleBefore = ProcStat.Read(fleet.Pid);
        var idleWindow = TimeSpan.FromSeconds(_options.Quick ? 3 : 10);
        await Task.Delay(idleWindow, cancellationToken);
        var idleAfter = ProcStat.Read(fleet.Pid);
        double idleCpuPercent = (idleAfter.TotalCpu - idleBefore.TotalCpu).TotalSeconds / idleWindow.TotalSeconds * 100;
        double perDevice = (fleetRss - tenthRss) / (double)(devices - tenth);
        double perDeviceVsOne = (fleetRss - baseline) / (double)Math.Max(devices - 1, 1);
        await _log.WriteLineAsync($"  RSS {fleetRss / 1024} KiB, {perDevice / 1024:0.0} KiB per extra device, idle CPU {idleCpuPercent:0.00}%");

        // Sessions on a fleet of their own: a V7 model (64 VTY lines; F1000-E has 5, so half of 10,000 logins over 1,000
        // of them were refused), every device booted by one login first, so the figure is what a session costs.
        int sessionDevices = (_options.IdleSessions + SessionsPerDevice - 1) / SessionsPerDevice;
        await using var sessionFleet = await EmulatorHost.StartAsync(_hostDll, sessionDevices, SessionModel, withControl: false, TimeSpan.FromSeconds(120), cancellationToken);
        await BootEveryDeviceAsync(sessionFleet, cancellationToken);
        var sessions = await HoldIdleSessionsAsync(sessionFleet, _options.IdleSessions, cancellationToken);

        _report.Paragraph($"A fleet file with one `count: {devices}` entry (model {_options.Model}) on consecutive loopback ports; " +
            $"time measured from starting the host process (`dotnet emulator.dll --fleet ...`, includes runtime start) to the log line " +
            $"\"All {devices} devices listening\" and to GET /healthz answering 200. RSS is VmRSS from /proc 2 s after ready; the " +
            $"cost of one more idle device is taken between a {tenth}-device and the {devices}-device fleet (a host with up to 50 devices " +
            $"creates their host keys at start, a larger one on first connection) and, as the issue asks, against a 1-device host " +
            $"(`--ssh-port 0`, which does create its keys at start). Idle CPU over {idleWindow.TotalSeconds:0} s with no client.");
        _report.Table(["measure", "value"], [
            ["devices", devices.ToString(CultureInfo.InvariantCulture)],
            ["process start to \"All N devices listening\"", $"{F(fleet.TimeToAllListening.TotalMilliseconds, "0")} ms"],
            ["process start to /healthz 200", $"{F(fleet.TimeToHealthy.TotalMilliseconds, "0")} ms"],
            ["1 device: process start to ready", $"{F(singleReady.TotalMilliseconds, "0")} ms"],
            ["RSS, 1 device", $"{F(baseline / 1048576.0, "0.0")} MiB"],
            [$"RSS, {tenth} devices", $"{F(tenthRss / 1048576.0, "0.0")} MiB"],
            [$"RSS, {devices} devices", $"{F(fleetRss / 1048576.0, "0.0")} MiB"],
            [$"RSS per extra idle device ({tenth} -> {devices})", $"{F(perDevice / 1024, "0.0")} KiB"],
            [$"RSS per extra idle device (1 -> {devices})", $"{F(perDeviceVsOne / 1024, "0.0")} KiB"],
            ["idle CPU (all devices)", $"{F(idleCpuPercent, "0.00")} % of one core"],
            [$"idle shell sessions held ({sessionDevices} {SessionModel} devices, each booted first)", $"{sessions.Held} of {sessions.Wanted} ({sessions.Errors} errors)"],
            ["time to open them", $"{F(sessions.OpenTime.TotalSeconds, "0.0")} s"],
            ["RSS with them open", $"{F(sessions.RssWith / 1048576.0, "0.0")} MiB"],
            ["RSS per idle session", $"{F(sessions.PerSession / 1024, "0.0")} KiB"],
            ["sessions answering Enter with a prompt after holding", $"{sessions.AliveAfter}"],
        ]);
        if (sessions.ErrorSamples.Count > 0)
        {
            _report.Code(string.Join('\n', sessions.ErrorSamples));
        }

        double ready = Math.Max(fleet.TimeToAllListening.TotalSeconds, fleet.TimeToHealthy.TotalSeconds);
        _report.Verdict($"{devices:N0} devices ready in < 3 s", $"{F(ready, "0.00")} s", devices >= 1000 ? ready < 3 : null);
        _report.Verdict("<= 10 KB RSS per extra idle device", $"{F(perDevice / 1000, "0.0")} KB ({tenth} -> {devices} devices)", perDevice <= 10_000);
        _report.Verdict("no idle CPU", $"{F(idleCpuPercent, "0.00")} % of a core", idleCpuPercent < 0.5);
        _report.Verdict("10,000 concurrent sessions", $"{sessions.AliveAfter:N0} held and answering", sessions.Wanted >= 10_000 ? sessions.AliveAfter >= 10_000 : null);
        _report.Verdict("<= 16 KB RSS per idle shell session", $"{F(sessions.PerSession / 1024, "0.0")} KiB", sessions.Wanted >= 10_000 ? sessions.PerSession <= 16 * 1024 : null);
        await fleet.DisposeAsync();

        await FleetByAddressAsync(baseline, cancellationToken);
    }

    /// <summary>
    /// Issue 15: a fleet on one port at consecutive loopback addresses (<c>step: address</c>), served by one shared
    /// listening socket. Ready time, RSS per idle device against the 1-device host, descriptors, and one login at the last address.
    /// </summary>
    private async Task FleetByAddressAsync(long baseline, CancellationToken cancellationToken)
    {
        int devices = _options.ScaleDevices;
        await using var fleet = await EmulatorHost.StartAsync(_hostDll!, devices, _options.Model, withControl: true, TimeSpan.FromSeconds(300), cancellationToken, byAddress: true);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long rss = ProcStat.ReadRss(fleet.Pid);
        int descriptors = Directory.GetFiles($"/proc/{fleet.Pid}/fd").Length;
        double perDevice = (rss - baseline) / (double)(devices - 1);
        var last = fleet.DeviceEndPoints[^1];
        var client = new SshClientOptions { UserName = _options.UserName, Password = _options.Password, ConnectTimeout = TimeSpan.FromSeconds(60) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string login;
        try
        {
            await using var connection = await SshClientConnection.ConnectAsync(last, client, cancellationToken);
            await connection.OpenShellAsync(80, 24, cancellationToken);
            login = $"shell at {last} in {clock.ElapsedMilliseconds} ms (cold device: configuration loaded and host keys made on this login)";
        }
        catch (Exception ex) when (ex is SshClientException or IOException or System.Net.Sockets.SocketException)
        {
            login = $"failed at {last}: {ex.Message}";
        }

        await _log.WriteLineAsync($"  {devices} devices by address: ready {fleet.TimeToAllListening.TotalMilliseconds:0} ms, RSS {rss / 1024} KiB, {perDevice:0} B per device, {descriptors} descriptors; {login}");
        double ready = Math.Max(fleet.TimeToAllListening.TotalSeconds, fleet.TimeToHealthy.TotalSeconds);
        _report.Paragraph($"A fleet file with one `count: {devices}` entry with `step: address` (127.1.0.1, 127.1.0.2, ... all on one port): the " +
            "devices share one listening socket, dispatched by each connection's local address. Ready = process start to the log line and " +
            "to /healthz 200; RSS 2 s after ready, per device against the 1-device host above.");
        _report.Table(["measure", "value"], [
            ["devices", devices.ToString("N0", CultureInfo.InvariantCulture)],
            ["process start to \"All N devices listening\"", $"{F(fleet.TimeToAllListening.TotalMilliseconds, "0")} ms"],
            ["process start to /healthz 200", $"{F(fleet.TimeToHealthy.TotalMilliseconds, "0")} ms"],
            ["RSS", $"{F(rss / 1048576.0, "0.0")} MiB"],
            ["RSS per idle device (1 -> N)", $"{F(perDevice, "0")} B"],
            ["open descriptors", descriptors.ToString(CultureInfo.InvariantCulture)],
            ["login at the last address", login],
        ]);
        _report.Verdict($"{devices:N0} devices (shared port) ready in < 5 s", $"{F(ready, "0.00")} s", devices >= 100_000 ? ready < 5 : null);
        _report.Verdict("<= 2 KB RSS per idle device", $"{F(perDevice / 1000, "0.00")} KB", devices >= 100_000 ? perDevice <= 2000 : null);
    }

    /// <summary>Starts a host with <paramref name="devices"/> idle devices, reads its RSS 2 s after ready, stops it.</summary>
    private async Task<(long Rss, TimeSpan Ready)> IdleRssAsync(int devices, CancellationToken cancellationToken)
    {
        await using var host = await EmulatorHost.StartAsync(_hostDll!, devices, _options.Model, withControl: true, TimeSpan.FromSeconds(120), cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        long rss = ProcStat.ReadRss(host.Pid);
        var ready = host.TimeToHealthy > host.TimeToAllListening ? host.TimeToHealthy : host.TimeToAllListening;
        await _log.WriteLineAsync($"  {devices} devices idle: ready in {ready.TotalMilliseconds:0} ms, RSS {rss / 1024} KiB");
        return (rss, ready);
    }

    /// <summary>Model of the session fleet: Comware 7's 64 VTY lines hold <see cref="SessionsPerDevice"/> shells each.</summary>
    private const string SessionModel = "F1000-AI-55";

    private const int SessionsPerDevice = 50;

    /// <summary>One exec login per device (eight at a time): each device loads its configuration and makes its keys now.</summary>
    private async Task BootEveryDeviceAsync(EmulatorHost fleet, CancellationToken cancellationToken)
    {
        var client = new SshClientOptions { UserName = _options.UserName, Password = _options.Password, ConnectTimeout = TimeSpan.FromSeconds(60) };
        int next = -1;
        async Task Booter()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < fleet.DeviceEndPoints.Count)
            {
                await using var connection = await SshClientConnection.ConnectAsync(fleet.DeviceEndPoints[i], client, cancellationToken);
                await connection.ExecAsync("display clock", keepOutput: false, cancellationToken);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Booter, CancellationToken.None)));
        // Past the host's quiet period, so the collection it runs after a burst of logins is behind the baseline.
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
    }

    private sealed record IdleSessions(int Wanted, int Held, int Errors, IReadOnlyList<string> ErrorSamples, TimeSpan OpenTime, long RssWith, double PerSession, int AliveAfter);

    /// <summary>Opens <paramref name="wanted"/> shells spread over all devices, holds them, checks they still answer, closes them.</summary>
    private async Task<IdleSessions> HoldIdleSessionsAsync(EmulatorHost fleet, int wanted, CancellationToken cancellationToken)
    {
        var targets = fleet.DeviceEndPoints;
        var client = new SshClientOptions { UserName = _options.UserName, Password = _options.Password, ConnectTimeout = TimeSpan.FromSeconds(60) };
        var open = new (SshClientConnection Connection, ShellChannel Shell)?[wanted];
        var errors = new Load.ErrorTally();
        long rssBefore = ProcStat.ReadRss(fleet.Pid);
        int next = -1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromMinutes(3));

        async Task Opener()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < wanted && !budget.IsCancellationRequested)
            {
                if (errors.Count >= 100 && open.All(o => o is null))
                {
                    // Nothing gets in: the host refuses logins; a hundred tries say so.
                    return;
                }

                try
                {
                    var connection = await SshClientConnection.ConnectAsync(targets[i % targets.Count], client, budget.Token);
                    try
                    {
                        open[i] = (connection, await connection.OpenShellAsync(80, 24, budget.Token));
                    }
                    catch
                    {
                        await connection.DisposeAsync();
                        throw;
                    }
                }
                catch (Exception ex) when (ex is SshClientException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                {
                    errors.Add(ex.Message);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Opener, CancellationToken.None)));
            var openTime = clock.Elapsed;
            int held = open.Count(o => o is not null);
            await _log.WriteLineAsync($"  {held} idle shells open after {openTime.TotalSeconds:0.0} s, {errors.Count} errors");
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            long rssWith = ProcStat.ReadRss(fleet.Pid);

            int alive = 0;
            int index = -1;
            async Task Checker()
            {
                int i;
                while ((i = Interlocked.Increment(ref index)) < wanted)
                {
                    if (open[i] is { } session)
                    {
                        try
                        {
                            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                            timeout.CancelAfter(TimeSpan.FromSeconds(30));
                            await session.Shell.RunAsync("", timeout.Token);
                            Interlocked.Increment(ref alive);
                        }
                        catch (Exception ex) when (ex is SshClientException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
                        {
                            errors.Add("after holding: " + ex.Message);
                        }
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Checker, CancellationToken.None)));
            await _log.WriteLineAsync($"  RSS with sessions {rssWith / 1024} KiB; {alive} answered Enter");
            return new IdleSessions(wanted, held, errors.Count, errors.Samples(), openTime, rssWith,
                held == 0 ? 0 : (rssWith - rssBefore) / (double)held, alive);
        }
        finally
        {
            foreach (var session in open)
            {
                if (session is { } s)
                {
                    await s.Connection.DisposeAsync();
                }
            }
        }
    }
}
