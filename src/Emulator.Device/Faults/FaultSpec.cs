using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Emulator.Device.Faults;

/// <summary>What an injected fault does. Names (kebab-case) are those of the control API and the fleet file.</summary>
public enum FaultKind
{
    /// <summary><c>command-latency</c>: each matching command waits <c>delay</c> before it runs.</summary>
    CommandLatency,

    /// <summary><c>command-failure</c>: matching commands print <c>text</c> instead of running.</summary>
    CommandFailure,

    /// <summary><c>bandwidth</c>: the connection sends at most <c>bytes-per-second</c> (a slow link).</summary>
    Bandwidth,

    /// <summary><c>drop</c>: the TCP connection is reset <c>at</c> banner, kex, login, or after <c>bytes</c> sent.</summary>
    Drop,

    /// <summary><c>ident-delay</c>: the SSH identification line is sent after <c>delay</c>.</summary>
    IdentDelay,

    /// <summary><c>auth-refuse</c>: logins fail whatever the credentials.</summary>
    AuthRefuse,

    /// <summary><c>auth-delay</c>: every authentication answer waits <c>delay</c>.</summary>
    AuthDelay,

    /// <summary><c>legal-banner</c>: shell logins show <c>text</c> and ask <c>Press Y or ENTER to continue, N to exit.</c></summary>
    LegalBanner,

    /// <summary><c>ha-role</c>: prompts start with <c>role</c> (<c>RBM_P</c> or <c>RBM_S</c>), as on a SecPath in an RBM pair.</summary>
    HaRole,

    /// <summary><c>reboot</c>: every connection drops, SSH is refused for <c>down</c>, then the saved configuration boots.</summary>
    Reboot,

    /// <summary><c>log-line</c>: the information center emits <c>text</c> (as <c>module</c>/<c>severity</c>/<c>mnemonic</c>), shown in sessions with <c>terminal monitor</c>.</summary>
    LogLine,

    /// <summary><c>cpu</c>: displays show <c>percent</c> CPU usage.</summary>
    Cpu,

    /// <summary><c>memory</c>: displays show <c>percent</c> memory usage.</summary>
    Memory,
}

/// <summary>Where a <see cref="FaultKind.Drop"/> cuts the connection.</summary>
public enum DropStage
{
    /// <summary>Accepted, then reset before the identification line (OpenSSH: "kex_exchange_identification: read: Connection reset by peer").</summary>
    Banner,

    /// <summary>After the client's identification and KEXINIT arrive, before any reply to them.</summary>
    Kex,

    /// <summary>After authentication, when the client opens its session.</summary>
    Login,

    /// <summary>After <see cref="FaultSpec.Bytes"/> bytes were sent to the client.</summary>
    Bytes,
}

/// <summary>
/// One fault as a lab asks for it: the kind and its parameters, an optional scope (user, command pattern), when it
/// starts (after N matching commands or N seconds) and whether it fires once. Parsed from flat key/value fields so the
/// control API (JSON) and the fleet file (YAML) share one reader and one set of error messages.
/// </summary>
public sealed record FaultSpec(FaultKind Kind)
{
    private static readonly FrozenDictionary<string, FaultKind> Kinds = new Dictionary<string, FaultKind>
    {
        ["command-latency"] = FaultKind.CommandLatency,
        ["command-failure"] = FaultKind.CommandFailure,
        ["bandwidth"] = FaultKind.Bandwidth,
        ["drop"] = FaultKind.Drop,
        ["ident-delay"] = FaultKind.IdentDelay,
        ["auth-refuse"] = FaultKind.AuthRefuse,
        ["auth-delay"] = FaultKind.AuthDelay,
        ["legal-banner"] = FaultKind.LegalBanner,
        ["ha-role"] = FaultKind.HaRole,
        ["reboot"] = FaultKind.Reboot,
        ["log-line"] = FaultKind.LogLine,
        ["cpu"] = FaultKind.Cpu,
        ["memory"] = FaultKind.Memory,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Common = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "kind", "user", "command", "after-commands", "after-seconds", "once");

    private static readonly FrozenDictionary<FaultKind, string[]> Parameters = new Dictionary<FaultKind, string[]>
    {
        [FaultKind.CommandLatency] = ["delay"],
        [FaultKind.CommandFailure] = ["text"],
        [FaultKind.Bandwidth] = ["bytes-per-second"],
        [FaultKind.Drop] = ["at", "bytes"],
        [FaultKind.IdentDelay] = ["delay"],
        [FaultKind.AuthRefuse] = [],
        [FaultKind.AuthDelay] = ["delay"],
        [FaultKind.LegalBanner] = ["text"],
        [FaultKind.HaRole] = ["role"],
        [FaultKind.Reboot] = ["down"],
        [FaultKind.LogLine] = ["text", "module", "severity", "mnemonic"],
        [FaultKind.Cpu] = ["percent"],
        [FaultKind.Memory] = ["percent"],
    }.ToFrozenDictionary();

    /// <summary>The text printed by <c>command-failure</c> when none is given (text unverified against a device).</summary>
    public const string DefaultFailureText = "% The system is busy, please try again later.";

    public const string DefaultLegalBanner = "This system is for authorized use only.";

    public string? User { get; init; }

    /// <summary>A regular expression a command line must match (anywhere; anchor with ^ and $).</summary>
    public Regex? Command { get; init; }

    public int AfterCommands { get; init; }

    public TimeSpan AfterTime { get; init; }

    public bool Once { get; init; }

    public TimeSpan Delay { get; init; }

    public string? Text { get; init; }

    public int BytesPerSecond { get; init; }

    public DropStage At { get; init; }

    public long Bytes { get; init; }

    public string? Role { get; init; }

    public TimeSpan Down { get; init; }

    public int Percent { get; init; }

    /// <summary>Information-center module of a <c>log-line</c>, e.g. <c>SHELL</c> or <c>IFNET</c>.</summary>
    public string Module { get; init; } = "SHELL";

    /// <summary>Severity 0 (emergency) to 7 (debugging) of a <c>log-line</c>.</summary>
    public int Severity { get; init; } = 6;

    /// <summary>Mnemonic of a <c>log-line</c>, e.g. <c>SHELL_CMD</c>.</summary>
    public string Mnemonic { get; init; } = "SHELL_CMD";

    /// <summary>The kebab-case name of <paramref name="kind"/>.</summary>
    public static string NameOf(FaultKind kind) => Kinds.First(pair => pair.Value == kind).Key;

    /// <summary>Reads a fault; on failure returns null and says why in <paramref name="error"/> (naming the field).</summary>
    public static FaultSpec? TryParse(IReadOnlyDictionary<string, string> fields, out string? error)
    {
        ArgumentNullException.ThrowIfNull(fields);
        try
        {
            error = null;
            return Parse(fields);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>The fields that would recreate this fault (for listings and logs).</summary>
    public IReadOnlyDictionary<string, string> ToFields()
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["kind"] = NameOf(Kind) };
        Add(fields, "user", User);
        Add(fields, "command", Command?.ToString());
        Add(fields, "after-commands", AfterCommands > 0 ? AfterCommands.ToString(CultureInfo.InvariantCulture) : null);
        Add(fields, "after-seconds", AfterTime > TimeSpan.Zero ? AfterTime.TotalSeconds.ToString(CultureInfo.InvariantCulture) : null);
        Add(fields, "once", Once ? "true" : null);
        foreach (var name in Parameters[Kind])
        {
            Add(fields, name, name switch
            {
                "delay" => FormatDuration(Delay),
                "down" => FormatDuration(Down),
                "text" => Text,
                "bytes-per-second" => BytesPerSecond.ToString(CultureInfo.InvariantCulture),
                "at" => At.ToString().ToLowerInvariant(),
                "bytes" => At == DropStage.Bytes ? Bytes.ToString(CultureInfo.InvariantCulture) : null,
                "role" => Role,
                "percent" => Percent.ToString(CultureInfo.InvariantCulture),
                "module" => Module,
                "severity" => Severity.ToString(CultureInfo.InvariantCulture),
                "mnemonic" => Mnemonic,
                _ => null,
            });
        }

        return fields;
    }

    private static FaultSpec Parse(IReadOnlyDictionary<string, string> fields)
    {
        var kindName = Field(fields, "kind") ?? throw new FormatException($"'kind' is required: one of {string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal))}");
        if (!Kinds.TryGetValue(kindName, out var kind))
        {
            throw new FormatException($"unknown kind '{kindName}': one of {string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal))}");
        }

        foreach (var key in fields.Keys)
        {
            if (!Common.Contains(key) && !Parameters[kind].Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException($"'{key}' is not a field of a {NameOf(kind)} fault (fields: {string.Join(", ", Common.Concat(Parameters[kind]).Order(StringComparer.Ordinal))})");
            }
        }

        var spec = new FaultSpec(kind)
        {
            User = Field(fields, "user"),
            Command = Field(fields, "command") is { } pattern ? Pattern(pattern) : null,
            AfterCommands = Integer(fields, "after-commands", 0, 1_000_000) ?? 0,
            AfterTime = TimeSpan.FromSeconds(Integer(fields, "after-seconds", 0, 86_400) ?? 0),
            Once = Boolean(fields, "once") ?? false,
        };
        if (spec.AfterCommands > 0 && kind is not (FaultKind.CommandLatency or FaultKind.CommandFailure))
        {
            throw new FormatException($"'after-commands' applies to command faults; a {NameOf(kind)} fault takes 'after-seconds'");
        }

        return kind switch
        {
            FaultKind.CommandLatency or FaultKind.IdentDelay or FaultKind.AuthDelay => spec with { Delay = Duration(fields, "delay", required: true) },
            FaultKind.CommandFailure => spec with { Text = Field(fields, "text") ?? DefaultFailureText },
            FaultKind.LegalBanner => spec with { Text = Field(fields, "text") ?? DefaultLegalBanner },
            FaultKind.Bandwidth => spec with { BytesPerSecond = Integer(fields, "bytes-per-second", 1, int.MaxValue) ?? throw Missing("bytes-per-second") },
            FaultKind.Drop => Drop(spec, fields),
            FaultKind.HaRole => spec with { Role = ParseRole(fields) },
            FaultKind.Reboot => spec with { Down = Duration(fields, "down", required: false, fallback: TimeSpan.FromSeconds(5)) },
            FaultKind.Cpu or FaultKind.Memory => spec with { Percent = Integer(fields, "percent", 0, 100) ?? throw Missing("percent") },
            FaultKind.LogLine => spec with
            {
                Text = Field(fields, "text") ?? throw Missing("text"),
                Module = Word(fields, "module") ?? "SHELL",
                Severity = Integer(fields, "severity", 0, 7) ?? 6,
                Mnemonic = Word(fields, "mnemonic") ?? "SHELL_CMD",
            },
            _ => spec,
        };
    }

    private static FaultSpec Drop(FaultSpec spec, IReadOnlyDictionary<string, string> fields)
    {
        var at = Field(fields, "at") ?? throw Missing("at");
        if (!Enum.TryParse<DropStage>(at, ignoreCase: true, out var stage) || !Enum.IsDefined(stage) || at.Any(char.IsDigit))
        {
            throw new FormatException($"'at' must be banner, kex, login or bytes, not '{at}'");
        }

        var bytes = Integer(fields, "bytes", 1, int.MaxValue);
        if (stage == DropStage.Bytes && bytes is null)
        {
            throw Missing("bytes");
        }

        if (stage is DropStage.Banner or DropStage.Kex && spec.User is not null)
        {
            throw new FormatException($"a drop at {at} happens before the user is known: 'user' cannot scope it");
        }

        return spec with { At = stage, Bytes = bytes ?? 0 };
    }

    private static string ParseRole(IReadOnlyDictionary<string, string> fields)
    {
        var role = Field(fields, "role") ?? throw Missing("role");
        return role.ToUpperInvariant() switch
        {
            "RBM_P" or "RBM_S" => role.ToUpperInvariant(),
            _ => throw new FormatException($"'role' must be RBM_P or RBM_S, not '{role}'"),
        };
    }

    private static Regex Pattern(string pattern)
    {
        try
        {
            // A timeout keeps a catastrophic pattern from stalling the session that types a command.
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"'command' is not a valid regular expression: {ex.Message}");
        }
    }

    private static string? Field(IReadOnlyDictionary<string, string> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static int? Integer(IReadOnlyDictionary<string, string> fields, string name, int min, int max)
    {
        if (Field(fields, name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"'{name}' must be a whole number from {min} to {max}, not '{text}'");
    }

    private static bool? Boolean(IReadOnlyDictionary<string, string> fields, string name) => Field(fields, name) switch
    {
        null => null,
        var t when t.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var t when t.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var t => throw new FormatException($"'{name}' must be true or false, not '{t}'"),
    };

    /// <summary>Durations are written with a unit: <c>250ms</c>, <c>2s</c>, <c>1m</c>; up to one hour.</summary>
    private static TimeSpan Duration(IReadOnlyDictionary<string, string> fields, string name, bool required, TimeSpan fallback = default)
    {
        if (Field(fields, name) is not { } text)
        {
            return required ? throw Missing(name) : fallback;
        }

        var (digits, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : text.EndsWith('m') ? (text[..^1], 60_000.0)
            : (text, 0.0);
        if (unit == 0 || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount * unit > 3_600_000)
        {
            throw new FormatException($"'{name}' must be a duration with a unit up to 1h (250ms, 2s, 1m), not '{text}'");
        }

        return TimeSpan.FromMilliseconds(amount * unit);
    }

    private static string FormatDuration(TimeSpan value) =>
        value.TotalMilliseconds % 1000 == 0 ? $"{value.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s" : $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";

    private static FormatException Missing(string name) => new($"'{name}' is required");

    /// <summary>Module and mnemonic names: upper-case letters, digits and underscores, as the device prints them.</summary>
    private static string? Word(IReadOnlyDictionary<string, string> fields, string name) => Field(fields, name) switch
    {
        null => null,
        var w when w.Length is > 0 and <= 32 && w.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') => w,
        var w => throw new FormatException($"'{name}' must be 1 to 32 upper-case letters, digits or underscores, not '{w}'"),
    };

    private static void Add(SortedDictionary<string, string> fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }
}
