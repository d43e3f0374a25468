using System.Collections.Immutable;
using System.Globalization;
using Emulator.Comware.Logging;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Management;

/// <summary>A syslog server (<c>info-center loghost</c>): address, UDP port (514) and facility (local7 = 23).</summary>
public sealed record Loghost(Ipv4Address Address, int Port, int Facility);

/// <summary>
/// The information center of the running configuration (<c>device.GetState&lt;InfoCenterConfig&gt;()</c>): on by
/// default, loghosts, per-module output rules, and the log buffer. Emitters read it without the device lock
/// (logins, link events from other threads), so the settings are immutable values swapped atomically.
/// </summary>
public sealed class InfoCenterConfig : IDeviceState
{
    public const int DefaultPort = 514;
    public const int DefaultFacility = 23; // local7
    public const int DefaultLevel = 6; // informational

    /// <summary>Severity names (RFC 5424 order) as Comware's CLI spells them.</summary>
    public static readonly string[] Severities = ["emergency", "alert", "critical", "error", "warning", "notification", "informational", "debugging"];

    private volatile Settings _settings = new(true, [], ImmutableSortedDictionary<(string, string), int?>.Empty);

    public InfoCenterConfig()
    {
        Buffer = new LogBuffer(512);
    }

    public LogBuffer Buffer { get; }

    public ComwareDialect Dialect { get; private set; } = ComwareDialect.V7;

    public bool Enabled => _settings.Enabled;

    public ImmutableArray<Loghost> Loghosts => _settings.Loghosts;

    public void Initialize(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Dialect = device.Facts.Dialect;
    }

    public void SetEnabled(bool enabled) => _settings = _settings with { Enabled = enabled };

    public void SetLoghost(Loghost host, bool remove)
    {
        ArgumentNullException.ThrowIfNull(host);
        var others = _settings.Loghosts.RemoveAll(h => h.Address == host.Address);
        _settings = _settings with { Loghosts = remove ? others : others.Add(host) };
    }

    /// <summary>A module's rule for one destination: a level, null = deny; <paramref name="remove"/> restores the default.</summary>
    public void SetSource(string module, string destination, int? level, bool remove)
    {
        var key = (module.ToUpperInvariant(), destination);
        _settings = _settings with { Sources = remove ? _settings.Sources.Remove(key) : _settings.Sources.SetItem(key, level) };
    }

    /// <summary>Whether a message of this module and severity goes to the destination (loghost, logbuffer, monitor, console).</summary>
    public bool Allows(string module, string destination, int severity)
    {
        var sources = _settings.Sources;
        var level = sources.TryGetValue((module.ToUpperInvariant(), destination), out var own) ? own
            : sources.TryGetValue(("DEFAULT", destination), out var fallback) ? fallback
            : DefaultLevel;
        return level is { } max && severity <= max;
    }

    public IEnumerable<string> Render()
    {
        var s = _settings;
        if (!s.Enabled)
        {
            yield return " undo info-center enable";
        }

        foreach (var ((module, destination), level) in s.Sources)
        {
            var name = module == "DEFAULT" ? "default" : module;
            yield return Dialect == ComwareDialect.V5
                ? $" info-center source {name} channel {destination} log " + (level is { } l ? "level " + Severities[l] : "state off")
                : $" info-center source {name} {destination} " + (level is { } m ? "level " + Severities[m] : "deny");
        }

        foreach (var host in s.Loghosts)
        {
            var port = host.Port == DefaultPort ? "" : " port " + host.Port.ToString(CultureInfo.InvariantCulture);
            var facility = host.Facility == DefaultFacility ? "" : " facility local" + (host.Facility - 16).ToString(CultureInfo.InvariantCulture);
            yield return $" info-center loghost {host.Address}{port}{facility}";
        }
    }

    private sealed record Settings(bool Enabled, ImmutableArray<Loghost> Loghosts, ImmutableSortedDictionary<(string, string), int?> Sources);
}
