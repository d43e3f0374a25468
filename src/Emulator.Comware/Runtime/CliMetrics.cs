using System.Diagnostics.Metrics;

namespace Emulator.Comware.Runtime;

/// <summary>How a command line ended, as counted by <see cref="CliMetrics"/>.</summary>
public enum CommandResult
{
    /// <summary>Ran and succeeded.</summary>
    Ok,

    /// <summary>Ran and reported an error (the handler failed it, or a fault injected one).</summary>
    Failed,

    /// <summary>Never ran: unrecognised, incomplete, ambiguous or a bad parameter.</summary>
    SyntaxError,

    /// <summary>Never ran: above the user's level or role.</summary>
    Denied,
}

/// <summary>
/// What the CLI counts, on a meter the host owns (shared by a fleet, so figures are totals with few tag values):
/// command lines by result and the time from submit to the rendered answer (the lock wait included, the pager not).
/// </summary>
public sealed class CliMetrics
{
    private static readonly string[] ResultNames = ["ok", "failed", "syntax_error", "denied"];

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _duration;

    public CliMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _commands = meter.CreateCounter<long>("cli.commands", description: "Command lines run in shells and exec requests, by result: ok, failed, syntax_error, denied.");
        _duration = meter.CreateHistogram<double>("cli.command.duration.seconds", unit: "s", description: "Time from a submitted command line to its rendered output (waiting for the device lock included, paging excluded).");
    }

    public void OnCommand(CommandResult result, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("result", ResultNames[(int)result]);
        _commands.Add(1, tag);
        _duration.Record(elapsed.TotalSeconds, tag);
    }
}
