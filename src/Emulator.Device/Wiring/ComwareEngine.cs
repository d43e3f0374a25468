using System.Net;
using Emulator.Comware;
using Emulator.Comware.Auth;
using Emulator.Comware.Runtime;
using Emulator.Comware.Sessions;
using Emulator.Device.Runtime;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Wiring;

/// <summary><see cref="IDeviceEngine"/> over the Comware CLI: a <see cref="ComwareDevice"/> and one <see cref="CliSession"/> per SSH session.</summary>
public sealed partial class ComwareEngine : IDeviceEngine
{
    private readonly ComwareDevice _device;
    private readonly ILogger _logger;

    private ComwareEngine(DeviceFacts facts, IDeviceServices services, TimeProvider time, ILogger logger)
    {
        _device = new ComwareDevice(facts, services, time, RecordedOutputs.CommandSetFor(facts.RecordedOutputs), logger: logger);
        _logger = logger;
        Users = new UserDirectory(_device);
    }

    public static DeviceEngineFactory Factory { get; } = (facts, services, time, logger) => new ComwareEngine(facts, services, time, logger);

    public UserDirectory Users { get; }

    public ConfigurationLoadReport? LastBootReport => _device.LastBootReport;

    public IReadOnlyList<LoginSessionInfo> Sessions => _device.LoginSessions();

    public Task BootAsync(CancellationToken cancellationToken) => _device.EnsureBootedAsync(cancellationToken);

    public Task ReloadAsync(CancellationToken cancellationToken) => _device.BootAsync(cancellationToken);

    public Task ResetToDefaultsAsync(CancellationToken cancellationToken) => _device.ResetToDefaultsAsync(cancellationToken);

    public Task<string> RenderRunningConfigurationAsync(CancellationToken cancellationToken) => _device.RenderCurrentConfigurationAsync(cancellationToken);

    public async Task<Snmp.SnmpSnapshot> ReadSnmpAsync(CancellationToken cancellationToken)
    {
        using var held = await _device.ReadLockAsync(cancellationToken);
        return Snmp.SnmpSnapshot.Read(_device);
    }

    public Task<ConfigurationLoadReport> ApplyConfigurationAsync(string text, CancellationToken cancellationToken) =>
        _device.LoadConfigurationAsync(text, cancellationToken);

    public void LoginFailed(string userName, string remoteAddress) => Comware.Logging.DeviceLog.LoginFailed(_device, userName, remoteAddress);

    public async Task EmitLogAsync(string moduleName, int severity, string mnemonic, string text, CancellationToken cancellationToken)
    {
        // The information center reads the running configuration: under the device lock, as a command would.
        using (await _device.LockAsync(cancellationToken))
        {
            Comware.Logging.DeviceLog.Emit(_device, moduleName, severity, mnemonic, text);
        }
    }

    public bool OffersSubsystem(SubsystemRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return DeviceSubsystems.Find(request.Name) is { } subsystem && subsystem.IsOffered(_device, request);
    }

    public async Task<int?> RunSessionAsync(SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Kind == SshSessionKind.Subsystem)
        {
            // Accepted only after OffersSubsystem said yes, so the name is known here.
            var subsystem = DeviceSubsystems.Find(session.Command ?? "") ?? throw new InvalidOperationException($"subsystem {session.Command} was not offered");
            return await subsystem.RunAsync(_device, session, cancellationToken);
        }

        if (session.Kind == SshSessionKind.Exec && ScpExec.IsScp(session.Command))
        {
            LogExec(_logger, LogText.Escape(session.UserName), LogText.Escape(session.Command ?? ""));
            return await ScpExec.RunAsync(_device, session, cancellationToken);
        }

        var terminal = new CliTerminal(session.Input, session.Output)
        {
            IsInteractive = session.Terminal is not null,
            TerminalType = session.Terminal?.TermType ?? "dumb",
        };
        if (session.Terminal is { } pty)
        {
            terminal.Resize(pty.Columns, pty.Rows);
        }

        var request = new LoginRequest(session.UserName, session.RemoteEndPoint as IPEndPoint, "SSH");
        using var cli = await CliSession.OpenAsync(_device, request, cancellationToken);
        var user = LogText.Escape(session.UserName);
        var remote = request.Remote?.Address.ToString() ?? "";
        var line = cli.Login?.Line ?? "no free VTY";
        if (session.Kind == SshSessionKind.Exec)
        {
            // One line for the login and its command: a log event is a measurable share of a short connection's CPU.
            LogOpenedExec(_logger, user, remote, line, LogText.Escape(CliSession.RedactSecrets(session.Command ?? "")));
        }
        else
        {
            LogOpened(_logger, user, remote, session.Kind, line);
        }

        if (cli.Login is not null)
        {
            Comware.Logging.DeviceLog.Login(_device, session.UserName, remote);
        }

        // Resizes are applied as they arrive: a task waiting on session.Events cost every idle shell about 1 KB.
        session.HandleEvents(change =>
        {
            if (change is WindowChanged resize)
            {
                terminal.Resize(resize.Columns, resize.Rows);
            }
        });
        try
        {
            return session.Kind == SshSessionKind.Exec
                ? await cli.ExecAsync(session.Command ?? "", terminal, cancellationToken)
                : await cli.RunShellAsync(terminal, cancellationToken);
        }
        finally
        {
            LogClosed(_logger, user, remote, line);
            if (cli.Login is not null)
            {
                Comware.Logging.DeviceLog.Logout(_device, session.UserName, remote);
            }
        }
    }

    public Task RunTelnetAsync(System.IO.Pipelines.IDuplexPipe transport, IPEndPoint? remote, CancellationToken cancellationToken) =>
        Telnet.TelnetSession.RunAsync(_device, transport, remote, _logger, cancellationToken);

    public void Dispose() => _device.Dispose();

    [LoggerMessage(LogLevel.Information, "user {User} logged in from {Remote} ({Kind}, {Line})")]
    private static partial void LogOpened(ILogger logger, string user, string remote, SshSessionKind kind, string line);

    [LoggerMessage(LogLevel.Information, "user {User} logged in from {Remote} (Exec, {Line}) and runs: {Command}")]
    private static partial void LogOpenedExec(ILogger logger, string user, string remote, string line, string command);

    [LoggerMessage(LogLevel.Information, "user {User} runs: {Command}")]
    private static partial void LogExec(ILogger logger, string user, string command);

    [LoggerMessage(LogLevel.Information, "user {User} from {Remote} logged out ({Line})")]
    private static partial void LogClosed(ILogger logger, string user, string remote, string line);
}
