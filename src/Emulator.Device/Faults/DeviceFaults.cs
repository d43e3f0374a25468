using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Emulator.Comware.Runtime;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Faults;

/// <summary>One fault in force on a device, with what it has done so far.</summary>
public sealed class ActiveFault(int id, FaultSpec spec, DateTimeOffset since)
{
    private int _seen;
    private int _applied;

    public int Id { get; } = id;

    public FaultSpec Spec { get; } = spec;

    public DateTimeOffset Since { get; } = since;

    /// <summary>Matching commands (or logins, connections) seen, armed or not.</summary>
    public int Seen => Volatile.Read(ref _seen);

    /// <summary>Times the fault acted.</summary>
    public int Applied => Volatile.Read(ref _applied);

    internal int CountSeen() => Interlocked.Increment(ref _seen);

    internal void CountApplied() => Interlocked.Increment(ref _applied);
}

/// <summary>What injected faults do to one new TCP connection; null members do nothing.</summary>
internal sealed record ConnectionFaults(DropStage? Drop, long DropAfterBytes, TimeSpan IdentDelay, int BytesPerSecond);

/// <summary>
/// The faults in force on one device. Readers take an immutable snapshot, so the CLI, SSH and the control API never
/// wait on each other here; a one-shot fault is removed by whoever applies it first. Every change and every fault
/// that cuts a connection is logged; each application is counted on the host's meter.
/// </summary>
public sealed partial class DeviceFaults : IInjectedFaults
{
    /// <summary>More than a lab needs; keeps a runaway script from growing the list without bound.</summary>
    public const int MaxActive = 64;

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Counter<long>? _injected;
    private ImmutableList<ActiveFault> _active = [];
    private int _nextId;

    public DeviceFaults(TimeProvider time, ILogger logger, Meter? meter)
    {
        _time = time;
        _logger = logger;
        _injected = meter?.CreateCounter<long>("faults.injected", description: "Times an injected fault acted (a delayed or failed command, a dropped connection, a refused login...), by kind.");
    }

    /// <summary>
    /// Raised (outside any lock) when a fault that is an event rather than a state is added (<c>reboot</c>,
    /// <c>log-line</c>): the device carries it out after the fault's <c>after-seconds</c> and then removes it.
    /// </summary>
    public event Action<ActiveFault>? ActionRequested;

    public IReadOnlyList<ActiveFault> Active => Volatile.Read(ref _active);

    public ActiveFault Add(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var fault = new ActiveFault(Interlocked.Increment(ref _nextId), spec, _time.GetUtcNow());
        ImmutableList<ActiveFault> before, after;
        do
        {
            before = Volatile.Read(ref _active);
            if (before.Count >= MaxActive)
            {
                throw new InvalidOperationException($"a device holds at most {MaxActive} faults; delete some first");
            }

            after = before.Add(fault);
        }
        while (Interlocked.CompareExchange(ref _active, after, before) != before);

        LogAdded(_logger, fault.Id, Describe(spec));
        if (spec.Kind is FaultKind.Reboot or FaultKind.LogLine)
        {
            ActionRequested?.Invoke(fault);
        }

        return fault;
    }

    public bool Remove(int id)
    {
        var removed = Update(list => list.RemoveAll(f => f.Id == id));
        if (removed > 0)
        {
            LogRemoved(_logger, id);
        }

        return removed > 0;
    }

    public int Clear()
    {
        var removed = Update(list => []);
        if (removed > 0)
        {
            LogCleared(_logger, removed);
        }

        return removed;
    }

    public CommandFault? BeforeCommand(string userName, string commandLine)
    {
        TimeSpan delay = default;
        string? failure = null;
        foreach (var fault in Active)
        {
            if (fault.Spec.Kind is not (FaultKind.CommandLatency or FaultKind.CommandFailure) || !Scoped(fault, userName)
                || (fault.Spec.Command is { } pattern && !Matches(pattern, commandLine)))
            {
                continue;
            }

            if (fault.CountSeen() <= fault.Spec.AfterCommands || !Armed(fault) || !Take(fault))
            {
                continue;
            }

            if (fault.Spec.Kind == FaultKind.CommandLatency)
            {
                delay += fault.Spec.Delay;
            }
            else
            {
                failure ??= fault.Spec.Text;
            }
        }

        return delay > TimeSpan.Zero || failure is not null ? new CommandFault(delay, failure) : null;
    }

    public string? PromptPrefix => First(FaultKind.HaRole, user: null, consume: false)?.Spec.Role;

    public string? LegalBanner(string userName) => First(FaultKind.LegalBanner, userName, consume: true)?.Spec.Text;

    public int? CpuUsagePercent => First(FaultKind.Cpu, user: null, consume: false)?.Spec.Percent;

    public int? MemoryUsagePercent => First(FaultKind.Memory, user: null, consume: false)?.Spec.Percent;

    /// <summary>What faults do to a connection accepted now (null: nothing, the connection runs untouched).</summary>
    internal ConnectionFaults? ForNewConnection()
    {
        DropStage? drop = null;
        long dropAfter = 0;
        var identDelay = TimeSpan.Zero;
        var bandwidth = 0;
        foreach (var fault in Active)
        {
            switch (fault.Spec.Kind)
            {
                case FaultKind.Drop when fault.Spec.At is DropStage.Banner or DropStage.Kex or DropStage.Bytes && drop is null && Armed(fault) && Take(fault):
                    drop = fault.Spec.At;
                    dropAfter = fault.Spec.Bytes;
                    break;
                case FaultKind.IdentDelay when Armed(fault) && Take(fault):
                    identDelay += fault.Spec.Delay;
                    break;
                case FaultKind.Bandwidth when Armed(fault) && Take(fault):
                    bandwidth = bandwidth == 0 ? fault.Spec.BytesPerSecond : Math.Min(bandwidth, fault.Spec.BytesPerSecond);
                    break;
            }
        }

        return drop is null && identDelay == TimeSpan.Zero && bandwidth == 0 ? null : new ConnectionFaults(drop, dropAfter, identDelay, bandwidth);
    }

    /// <summary>Whether the session that <paramref name="userName"/> just opened after logging in is to be cut.</summary>
    internal bool DropAtLogin(string userName) =>
        Active.Any(f => f.Spec is { Kind: FaultKind.Drop, At: DropStage.Login } && Scoped(f, userName) && Armed(f) && Take(f));

    /// <summary>How an authentication attempt of <paramref name="userName"/> is to be answered: after a delay, refused or not.</summary>
    internal (TimeSpan Delay, bool Refuse) ForAuthentication(string userName)
    {
        var delay = TimeSpan.Zero;
        var refuse = false;
        foreach (var fault in Active)
        {
            if (fault.Spec.Kind is FaultKind.AuthDelay or FaultKind.AuthRefuse && Scoped(fault, userName) && Armed(fault) && Take(fault))
            {
                delay += fault.Spec.Kind == FaultKind.AuthDelay ? fault.Spec.Delay : TimeSpan.Zero;
                refuse |= fault.Spec.Kind == FaultKind.AuthRefuse;
            }
        }

        return (delay, refuse);
    }

    /// <summary>Counts an event fault as carried out.</summary>
    internal void Acted(ActiveFault fault) => Take(fault);

    internal void LogDropped(DropStage stage, System.Net.EndPoint? remote) => LogDrop(_logger, stage.ToString().ToLowerInvariant(), remote);

    private ActiveFault? First(FaultKind kind, string? user, bool consume) =>
        Active.FirstOrDefault(f => f.Spec.Kind == kind && (user is null || Scoped(f, user)) && Armed(f) && (!consume || Take(f)));

    private static bool Scoped(ActiveFault fault, string userName) =>
        fault.Spec.User is null || string.Equals(fault.Spec.User, userName, StringComparison.OrdinalIgnoreCase);

    private static bool Matches(System.Text.RegularExpressions.Regex pattern, string line)
    {
        try
        {
            return pattern.IsMatch(line);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private bool Armed(ActiveFault fault) => _time.GetUtcNow() >= fault.Since + fault.Spec.AfterTime;

    /// <summary>Counts the fault as acting; a one-shot fault acts only for the caller that removes it.</summary>
    private bool Take(ActiveFault fault)
    {
        if (fault.Spec.Once && Update(list => list.Remove(fault)) == 0)
        {
            return false;
        }

        fault.CountApplied();
        _injected?.Add(1, new KeyValuePair<string, object?>("kind", FaultSpec.NameOf(fault.Spec.Kind)));
        return true;
    }

    private int Update(Func<ImmutableList<ActiveFault>, ImmutableList<ActiveFault>> change)
    {
        while (true)
        {
            var before = Volatile.Read(ref _active);
            var after = change(before);
            if (Interlocked.CompareExchange(ref _active, after, before) == before)
            {
                return before.Count - after.Count;
            }
        }
    }

    private static string Describe(FaultSpec spec) => string.Join(", ", spec.ToFields().Select(f => $"{f.Key}={LogText.Escape(f.Value)}"));

    [LoggerMessage(LogLevel.Information, "fault {Id} injected: {Fault}")]
    private static partial void LogAdded(ILogger logger, int id, string fault);

    [LoggerMessage(LogLevel.Information, "fault {Id} removed")]
    private static partial void LogRemoved(ILogger logger, int id);

    [LoggerMessage(LogLevel.Information, "{Count} faults removed")]
    private static partial void LogCleared(ILogger logger, int count);

    [LoggerMessage(LogLevel.Information, "fault: connection from {Remote} dropped at {Stage}")]
    private static partial void LogDrop(ILogger logger, string stage, System.Net.EndPoint? remote);
}
