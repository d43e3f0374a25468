using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Comware;
using Emulator.Comware.Runtime;
using Emulator.Device.Faults;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Runtime;

/// <summary>
/// One emulated device: profile + name + state directory + SSH server + (on first use) its CLI engine.
/// Starting it only binds the listener; the configuration is parsed and host keys are made when the first
/// connection arrives. A state file that cannot be read stops this device alone, with the file named.
/// </summary>
public sealed partial class DeviceInstance : IAsyncDisposable
{
    private readonly DeviceEngineFactory _engineFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private readonly string _stateRoot;
    private readonly IHostKeyCodec _keyCodec;
    private readonly byte[]? _fleetSecret;
    private Live? _live;
    private object? _liveLock;
    private bool _stopped;
    private DeviceListener? _listener;
    private SharedListener? _sharedListener;
    private DeviceListener? _netconfListener;
    private DeviceListener? _telnetListener;
    private IDeviceEngine? _engine;
    private Snmp.DeviceSnmp? _snmp;
    private int _reloading;
    private int _nextConnection;
    private long _downUntilTicks;

    public DeviceInstance(DeviceSpec spec, string stateRoot, IHostKeyCodec keyCodec, byte[]? fleetSecret,
        DeviceEngineFactory engineFactory, TimeProvider time, ILoggerFactory loggerFactory, DeviceTelemetry? telemetry = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Spec = spec;
        _engineFactory = engineFactory;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("Emulator.Device");
        _stateRoot = stateRoot;
        _keyCodec = keyCodec;
        _fleetSecret = fleetSecret;
        Telemetry = telemetry ?? DeviceTelemetry.None;
        if (spec.Faults.Count > 0)
        {
            _ = L; // faults from the fleet file act from the start (timers), so this device is live at once
        }
    }

    /// <summary>The device's working parts, made on first use (connection, API call) so an idle device stays small.</summary>
    private Live L => Volatile.Read(ref _live) ?? LazyInitializer.EnsureInitialized(ref _live, ref _liveLock, () => new Live(this));

    public DeviceSpec Spec { get; }

    public string Name => Spec.Name;

    public DeviceProfile Profile => Spec.Profile;

    public DeviceFacts Facts => L.Facts;

    public DeviceStateDirectory State => L.State;

    public HostKeyStore HostKeys => L.HostKeys;

    internal DeviceServices Services => L.Services;

    internal DeviceTelemetry Telemetry { get; }

    /// <summary>The device's recent sessions: what they printed and ran.</summary>
    public Transcripts.TranscriptStore Transcripts => L.Transcripts;

    /// <summary>Faults a lab injected (control API, fleet file); empty on a healthy device.</summary>
    public DeviceFaults Faults => L.Faults;

    /// <summary>Until when an injected reboot keeps the device down (SSH refused); null when it is up.</summary>
    public DateTimeOffset? DownUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _downUntilTicks);
            return ticks > _time.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    internal TimeProvider Time => _time;

    public DeviceStatus Status { get; private set; }

    // Why the state folder cannot be written, once known. Kept apart from Status: keys made while the host starts
    // (before Start sets Listening) can find it out first, and Start must then come up degraded, not healthy.
    private string? _degraded;

    /// <summary>Why the device is <see cref="DeviceStatus.Failed"/>.</summary>
    public string? Error { get; private set; }

    /// <summary>The address it listens on (the real port when 0 was configured).</summary>
    public IPEndPoint EndPoint => _listener?.LocalEndPoint ?? _sharedListener?.EndPointOf(Spec.SshEndPoint.Address) ?? Spec.SshEndPoint;

    /// <summary>The NETCONF-over-SSH address (real port once bound); null when the fleet gives none or it could not be bound.</summary>
    public IPEndPoint? NetconfEndPoint => _netconfListener?.LocalEndPoint ?? (IsBound ? null : Spec.NetconfEndPoint);

    /// <summary>Whether a connection accepted on <paramref name="local"/> came in on the NETCONF port (830).</summary>
    internal bool IsNetconfPort(EndPoint? local) =>
        local is IPEndPoint ep && _netconfListener?.LocalEndPoint is { } netconf && netconf.Port == ep.Port;

    /// <summary>The telnet address (real port once bound); null when the fleet gives none or it could not be bound.</summary>
    public IPEndPoint? TelnetEndPoint => _telnetListener?.LocalEndPoint ?? (IsBound ? null : Spec.TelnetEndPoint);

    private bool IsBound => _listener is not null || _sharedListener is not null;

    /// <summary>True once the configuration has been loaded (first connection or API call).</summary>
    public bool IsWarm => Volatile.Read(ref _engine) is not null;

    public int ConnectionCount => Volatile.Read(ref _live)?.Ssh.ConnectionCount ?? 0;

    /// <summary>TCP connections accepted since start, refused ones included (a counter for /metrics).</summary>
    public int ConnectionsAccepted => Volatile.Read(ref _nextConnection);

    /// <summary>Who is logged in on which VTY (empty while the device is cold).</summary>
    public IReadOnlyList<LoginSessionInfo> Sessions => Volatile.Read(ref _engine)?.Sessions ?? [];

    /// <summary>Lines of startup.cfg (or the factory configuration) that failed at the last boot, reboot or reset.</summary>
    public IReadOnlyList<ConfigurationError> BootErrors => Volatile.Read(ref _engine)?.LastBootReport?.Errors ?? [];

    /// <summary>Where <see cref="BootErrors"/> come from: <c>startup.cfg</c> or <c>default-configuration</c>.</summary>
    public string? BootSource => Volatile.Read(ref _engine)?.LastBootReport?.Source;

    /// <summary>Binds the SSH port. Throws <see cref="SocketException"/> when the address is taken.</summary>
    public void Start() => Start(null);

    /// <summary>
    /// Binds the SSH port, or joins <paramref name="shared"/>: one socket on the port for many loopback addresses
    /// (<see cref="SharedListener"/>). Throws <see cref="SocketException"/> when the address is taken.
    /// </summary>
    internal void Start(SharedListener? shared)
    {
        if (shared is null)
        {
            _listener = DeviceListener.Bind(Spec.SshEndPoint);
        }

        try
        {
            _snmp = Spec.SnmpEndPoint is { } snmp ? Snmp.DeviceSnmp.Start(this, snmp, _time, _logger) : null;
        }
        catch (SocketException ex)
        {
            // The SNMP port is taken: the device does not start half-bound.
            _listener?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _listener = null;
            throw new SocketException(ex.ErrorCode, $"SNMP {Spec.SnmpEndPoint}: {ex.Message}");
        }
        _netconfListener = BindOptional("netconf", Spec.NetconfEndPoint);
        _netconfListener?.Start((socket, transport, token) => OnConnectionAsync(socket, transport, netconfPort: true, token));
        _telnetListener = BindOptional("telnet", Spec.TelnetEndPoint);
        _telnetListener?.Start(OnTelnetConnectionAsync);

        Status = DeviceStatus.Listening;
        // Pairs with the exchange in MarkDegraded: at least one of the two sees the other's write.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _degraded) is { } degraded)
        {
            Status = DeviceStatus.Degraded;
            Error = degraded;
        }

        if (shared is null)
        {
            _listener!.Start(OnSshConnectionAsync);
        }
        else
        {
            _sharedListener = shared;
            shared.Add(Spec.SshEndPoint.Address, this);
        }
    }

    /// <summary>A connection to the SSH port, from this device's own listener or a shared one.</summary>
    internal Task OnSshConnectionAsync(Socket socket, IDuplexPipe transport, CancellationToken listenerToken) =>
        OnConnectionAsync(socket, transport, netconfPort: false, listenerToken);

    /// <summary>
    /// The NETCONF and telnet listeners are extras: a port that cannot be bound (taken, or below 1024 for a non-root
    /// process on a runtime that does not lower ip_unprivileged_port_start) is logged and left out, SSH still serves.
    /// </summary>
    private DeviceListener? BindOptional(string protocol, IPEndPoint? endPoint)
    {
        if (endPoint is null)
        {
            return null;
        }

        try
        {
            return DeviceListener.Bind(endPoint);
        }
        catch (SocketException ex)
        {
            using (Scope())
            {
                Log.ExtraListenerFailed(_logger, protocol, endPoint, ex.Message);
            }

            return null;
        }
    }

    /// <summary>The engine, booting the device on first use. Throws <see cref="DeviceStateException"/> when its state is unreadable.</summary>
    public async ValueTask<IDeviceEngine> GetEngineAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _engine) is { } ready)
        {
            return ready;
        }

        if (Status == DeviceStatus.Failed)
        {
            throw new InvalidOperationException($"device {Name} is stopped: {Error}");
        }

        var live = L;
        await live.BootLock.WaitAsync(cancellationToken);
        try
        {
            if (_engine is { } raced)
            {
                return raced;
            }

            var engine = _engineFactory(Facts, Services, _time, _logger);
            try
            {
                await engine.BootAsync(cancellationToken);
            }
            catch (DeviceStateException ex)
            {
                engine.Dispose();
                await FailAsync(ex);
                throw;
            }

            Volatile.Write(ref _engine, engine);
            _snmp?.Booted();
            using (Scope())
            {
                Log.Booted(_logger);
            }

            return engine;
        }
        finally
        {
            live.BootLock.Release();
        }
    }

    /// <summary>The running configuration as one consistent snapshot (rendered under the device lock).</summary>
    public async Task<string> GetRunningConfigurationAsync(CancellationToken cancellationToken) =>
        await (await GetEngineAsync(cancellationToken)).RenderRunningConfigurationAsync(cancellationToken);

    /// <summary>Back to the profile's factory configuration; the saved file stays.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        var engine = await GetEngineAsync(cancellationToken);
        await engine.ResetToDefaultsAsync(cancellationToken);
        using (Scope())
        {
            Log.Reset(_logger);
        }

    }

    /// <summary>Closes every session and replays the saved configuration, as <c>reboot</c> does.</summary>
    public async Task RebootAsync(CancellationToken cancellationToken)
    {
        var engine = await GetEngineAsync(cancellationToken);
        var old = Interlocked.Exchange(ref L.SessionsCts, new CancellationTokenSource());
        await old.CancelAsync();
        old.Dispose();
        Interlocked.Increment(ref _reloading);
        try
        {
            await engine.ReloadAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _reloading);
        }

        _snmp?.Booted();
        using (Scope())
        {
            Log.Rebooted(_logger);
        }

    }

    /// <summary>The SNMP agent's UDP address (the real port when 0 was configured); null without an agent.</summary>
    public IPEndPoint? SnmpEndPoint => _snmp?.LocalEndPoint;

    /// <summary>An information-center message of the CLI: SNMP traps for link changes.</summary>
    internal void Publish(Comware.Logging.DeviceLogEvent logEvent)
    {
        // Messages of a boot, reboot or reset replay describe no change a manager has not seen: coldStart says it all.
        if (IsWarm && Volatile.Read(ref _reloading) == 0)
        {
            _snmp?.Publish(logEvent);
            L.Syslog.Post(logEvent);
        }
    }

    /// <summary>Stops accepting, asks open sessions to close and waits for them up to <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _sharedListener?.Remove(Spec.SshEndPoint.Address, this);
        foreach (var listener in (DeviceListener?[])[_listener, _netconfListener, _telnetListener])
        {
            await (listener?.DisposeAsync() ?? ValueTask.CompletedTask);
        }

        if (_snmp is { } snmpAgent)
        {
            await snmpAgent.DisposeAsync();
        }

        if (Status == DeviceStatus.Listening)
        {
            Status = DeviceStatus.Stopped;
        }

        _stopped = true;
        if (Volatile.Read(ref _live) is not { } live)
        {
            return;
        }

        await live.Stopping.CancelAsync();
        var deadline = _time.GetUtcNow() + grace;
        while (live.Ssh.ConnectionCount > 0 && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        _engine?.Dispose();
        if (Volatile.Read(ref _live) is { } live)
        {
            await live.DisposeAsync();
        }
    }

    private IDisposable? Scope() => _logger.BeginScope(new Dictionary<string, object> { ["Device"] = Name });

    /// <summary>Unauthenticated connections of the whole fleet (set by the fleet); null: only this device's own cap.</summary>
    internal UnauthenticatedConnectionLimit? FleetPreAuthLimit { get; set; }

    /// <summary>Told of every accepted connection, to give a burst's memory back afterwards (set by the fleet).</summary>
    internal QuietCollector? Collector { get; set; }

    private async Task OnConnectionAsync(Socket socket, IDuplexPipe transport, bool netconfPort, CancellationToken listenerToken)
    {
        Collector?.Connected();
        var id = Interlocked.Increment(ref _nextConnection);
        using var scope = _logger.BeginScope(new ConnectionLogScope(Name, id));
        var remote = socket.RemoteEndPoint;
        Log.ConnectionOpened(_logger, remote);
        if (DownUntil is not null)
        {
            // Rebooting: nothing answers on the port yet, as on a device whose control plane is still starting.
            Telemetry.Ssh?.OnConnection(accepted: false);
            FaultyTransport.Reset(socket);
            return;
        }

        var faults = Faults.ForNewConnection();
        if (faults?.Drop == DropStage.Banner)
        {
            Faults.LogDropped(DropStage.Banner, remote);
            FaultyTransport.Reset(socket);
            return;
        }

        try
        {
            IDeviceEngine engine;
            try
            {
                engine = await GetEngineAsync(L.Stopping.Token);
            }
            catch (Exception ex) when (ex is DeviceStateException or InvalidOperationException)
            {
                return;
            }

            // The NETCONF port (830) answers while `netconf ssh server enable` is configured; the SSH port while `ssh server enable` is.
            if (netconfPort ? !engine.OffersSubsystem(new SubsystemRequest("netconf", "", remote, socket.LocalEndPoint)) : !engine.Users.IsSshServerEnabled)
            {
                // `undo ssh server enable`: new logins are refused at once, sessions already open stay.
                Log.Refused(_logger, remote);
                Telemetry.Ssh?.OnConnection(accepted: false);
                return;
            }

            var token = ConnectionToken(netconfPort ? ScopeSlot.Netconf : ScopeSlot.Ssh, listenerToken);
            if (remote is not null)
            {
                L.Connections[remote] = socket;
            }

            L.ConnectingFrom.Value = remote; // read by BuildSshOptions, which the SSH server calls for this connection
            if (faults is null)
            {
                await L.Ssh.HandleConnectionAsync(new SshConnectionInfo(remote, socket.LocalEndPoint, transport), token);
            }
            else
            {
                await RunWithFaultsAsync(socket, transport, faults, token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            Log.ConnectionError(_logger, remote, ex.Message);
        }
        finally
        {
            if (remote is not null)
            {
                L.Connections.TryRemove(remote, out _);
            }

            Log.ConnectionClosed(_logger, remote);
            Collector?.Disconnected();
        }
    }

    private async Task RunWithFaultsAsync(Socket socket, IDuplexPipe transport, ConnectionFaults faults, CancellationToken token)
    {
        var remote = socket.RemoteEndPoint;
        using var faulty = new FaultyTransport(transport, socket, faults, _time, stage => Faults.LogDropped(stage, remote));
        using var pumps = CancellationTokenSource.CreateLinkedTokenSource(token);
        var pumping = faulty.RunAsync(pumps.Token);
        try
        {
            await L.Ssh.HandleConnectionAsync(new SshConnectionInfo(remote, socket.LocalEndPoint, faulty), token);
        }
        finally
        {
            // The server is done; the pump still waiting for client bytes must not outlive it.
            await pumps.CancelAsync();
            await pumping.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Resets the TCP connection of a client (an injected drop after login).</summary>
    internal void DropConnection(EndPoint? remote, DropStage stage)
    {
        if (remote is not null && L.Connections.TryGetValue(remote, out var socket))
        {
            Faults.LogDropped(stage, remote);
            FaultyTransport.Reset(socket);
        }
    }

    /// <summary>
    /// An injected reboot: after the fault's delay every connection is reset, the port refuses for the fault's
    /// <c>down</c> time, then the saved configuration boots as after <c>reboot</c>; the fault ends with it.
    /// </summary>
    private async Task RebootByFaultAsync(ActiveFault fault)
    {
        try
        {
            if (fault.Spec.AfterTime > TimeSpan.Zero)
            {
                await Task.Delay(fault.Spec.AfterTime, _time, L.Stopping.Token);
            }

            Interlocked.Exchange(ref _downUntilTicks, (_time.GetUtcNow() + fault.Spec.Down).UtcTicks);
            using (Scope())
            {
                Log.FaultReboot(_logger, fault.Spec.Down.TotalSeconds);
            }

            var old = Interlocked.Exchange(ref L.SessionsCts, new CancellationTokenSource());
            foreach (var socket in L.Connections.Values)
            {
                FaultyTransport.Reset(socket);
            }

            await old.CancelAsync();
            old.Dispose();
            await Task.Delay(fault.Spec.Down, _time, L.Stopping.Token);
            if (Volatile.Read(ref _engine) is { } engine)
            {
                await engine.ReloadAsync(L.Stopping.Token);
            }

            Interlocked.Exchange(ref _downUntilTicks, 0);
            Faults.Remove(fault.Id);
            using (Scope())
            {
                Log.Rebooted(_logger);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the device is going down for good.
        }
    }

    /// <summary>An injected information-center message: emitted as the device's own, shown in terminal-monitor sessions.</summary>
    private async Task LogLineByFaultAsync(ActiveFault fault)
    {
        try
        {
            if (fault.Spec.AfterTime > TimeSpan.Zero)
            {
                await Task.Delay(fault.Spec.AfterTime, _time, L.Stopping.Token);
            }

            var engine = await GetEngineAsync(L.Stopping.Token);
            await engine.EmitLogAsync(fault.Spec.Module, fault.Spec.Severity, fault.Spec.Mnemonic, fault.Spec.Text ?? "", L.Stopping.Token);
            Faults.Acted(fault);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DeviceStateException or InvalidOperationException)
        {
            // The host is stopping or the device cannot boot: there is no session to show the line in.
        }
        finally
        {
            Faults.Remove(fault.Id);
        }
    }

    /// <summary>A telnet connection: the same device, users and VTY lines as SSH; ends with the device like SSH sessions do.</summary>
    private async Task OnTelnetConnectionAsync(Socket socket, IDuplexPipe transport, CancellationToken listenerToken)
    {
        Collector?.Connected();
        var remote = socket.RemoteEndPoint;
        using var scope = _logger.BeginScope(new ConnectionLogScope(Name, Interlocked.Increment(ref _nextConnection)));
        try
        {
            var engine = await GetEngineAsync(L.Stopping.Token);
            await engine.RunTelnetAsync(transport, remote as IPEndPoint, ConnectionToken(ScopeSlot.Telnet, listenerToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or DeviceStateException or InvalidOperationException)
        {
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            Log.ConnectionError(_logger, remote, ex.Message);
        }
    }

    /// <summary>
    /// The SSH server's options, built once per device and again only when the users' login limits change: a refused
    /// or hostile connection costs no new option set. The authenticator reads the connection's source from
    /// <see cref="Live.ConnectingFrom"/>, which flows into the server's handling of that connection.
    /// </summary>
    private SshServerOptions BuildSshOptions()
    {
        var live = L;
        var users = Volatile.Read(ref _engine)?.Users;
        var retries = users?.AuthenticationRetries ?? 3;
        var grace = users?.AuthenticationTimeout ?? TimeSpan.FromSeconds(60);
        if (Volatile.Read(ref live.SshOptions) is { } built && built.MaxAuthenticationAttempts == retries && built.LoginGraceTime == grace)
        {
            return built;
        }

        var options = new SshServerOptions
        {
            IdentificationString = Profile.Ssh.Identification,
            Algorithms = Spec.Policy.Algorithms(Profile.Ssh.Algorithms),
            MinimumGroupExchangeBits = Spec.Policy.MinimumGroupExchangeBits(),
            UserSignatureAlgorithms = Spec.Policy.UserSignatureAlgorithms(),
            HostKeys = live.HostKeys,
            Authenticator = new DeviceAuthenticator(async ct => (await GetEngineAsync(ct)).Users, live.Faults, _logger, user => LoginFailed(user, live.ConnectingFrom.Value)),
            Metrics = Telemetry.Ssh,
            Sessions = new SshSessionHandler(this),
            MaxAuthenticationAttempts = retries,
            LoginGraceTime = grace,
            SharedUnauthenticatedLimit = FleetPreAuthLimit,
            TimeProvider = _time,
            LoggerFactory = _loggerFactory,
        };
        Volatile.Write(ref live.SshOptions, options);
        return options;
    }

    private void LoginFailed(string user, EndPoint? remote) =>
        Volatile.Read(ref _engine)?.LoginFailed(user, (remote as IPEndPoint)?.Address.ToString() ?? "");

    /// <summary>Takes the device out of service with a reason shown by the control API.</summary>
    public void MarkFailed(string reason)
    {
        Status = DeviceStatus.Failed;
        Error = reason;
    }

    /// <summary>The state folder cannot be written: the device keeps serving but reports itself unhealthy (logged once).</summary>
    public void MarkDegraded(string reason)
    {
        if (Interlocked.CompareExchange(ref _degraded, reason, null) is not null)
        {
            return;
        }

        if (Status == DeviceStatus.Listening)
        {
            Status = DeviceStatus.Degraded;
            Error = reason;
        }

        using (Scope())
        {
            Log.Degraded(_logger, reason);
        }
    }

    private async Task FailAsync(Exception ex)
    {
        Status = DeviceStatus.Failed;
        Error = ex.Message;
        using (Scope())
        {
            Log.Failed(_logger, ex.Message);
        }

        _sharedListener?.Remove(Spec.SshEndPoint.Address, this);
        foreach (var listener in (DeviceListener?[])[_listener, _netconfListener, _telnetListener])
        {
            await (listener?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(LogLevel.Information, "configuration loaded")]
        public static partial void Booted(ILogger logger);

        [LoggerMessage(LogLevel.Information, "reset to the factory configuration")]
        public static partial void Reset(ILogger logger);

        [LoggerMessage(LogLevel.Warning, "fault: rebooting, SSH refused for {Seconds} s")]
        public static partial void FaultReboot(ILogger logger, double seconds);

        [LoggerMessage(LogLevel.Information, "rebooted: running configuration reloaded from the saved one")]
        public static partial void Rebooted(ILogger logger);

        [LoggerMessage(LogLevel.Error, "stopped: {Reason}")]
        public static partial void Failed(ILogger logger, string reason);

        [LoggerMessage(LogLevel.Error, "state cannot be saved, serving from memory: {Reason}")]
        public static partial void Degraded(ILogger logger, string reason);

        [LoggerMessage(LogLevel.Debug, "connection from {Remote} opened")]
        public static partial void ConnectionOpened(ILogger logger, EndPoint? remote);

        [LoggerMessage(LogLevel.Debug, "connection from {Remote} closed")]
        public static partial void ConnectionClosed(ILogger logger, EndPoint? remote);

        [LoggerMessage(LogLevel.Information, "connection from {Remote} refused: ssh server is disabled")]
        public static partial void Refused(ILogger logger, EndPoint? remote);

        [LoggerMessage(LogLevel.Error, "{Protocol} listener on {EndPoint} not started: {Reason}")]
        public static partial void ExtraListenerFailed(ILogger logger, string protocol, IPEndPoint endPoint, string reason);

        [LoggerMessage(LogLevel.Warning, "connection from {Remote} failed: {Reason}")]
        public static partial void ConnectionError(ILogger logger, EndPoint? remote, string reason);
    }
}
