using System.Globalization;
using System.Net;
using Emulator.Device.Profiles;
using Microsoft.Extensions.Configuration;

namespace Emulator.Host;

/// <summary>
/// Everything the host can be told, from (lowest to highest precedence) appsettings.json, EMULATOR_*
/// environment variables and the command line. One table names each option three ways.
/// </summary>
internal sealed record HostSettings
{
    public const string DefaultControl = "http://127.0.0.1:8022";

    /// <summary>(command-line option, environment variable, configuration key, takes a value, help).</summary>
    internal static readonly (string Option, string Env, string Key, bool HasValue, string Help)[] Options =
    [
        ("--fleet", "EMULATOR_FLEET", "Emulator:Fleet", true, "FILE  fleet file (YAML devices: list); without it one device runs"),
        ("--profile", "EMULATOR_PROFILE", "Emulator:Profile", true, "NAME  model of the single device (default F1000-E)"),
        ("--device-name", "EMULATOR_DEVICE_NAME", "Emulator:DeviceName", true, "NAME  name of the single device (default fw1)"),
        ("--address", "EMULATOR_ADDRESS", "Emulator:Address", true, "IP    SSH listen address of the single device (default 127.0.0.1)"),
        ("--ssh-port", "EMULATOR_SSH_PORT", "Emulator:SshPort", true, "PORT  SSH port of the single device (default 2222; 0 = any free port)"),
        ("--netconf-port", "EMULATOR_NETCONF_PORT", "Emulator:NetconfPort", true, "PORT  NETCONF-over-SSH port of the single device (default none; 0 = any free port)"),
        ("--telnet-port", "EMULATOR_TELNET_PORT", "Emulator:TelnetPort", true, "PORT  telnet port of the single device (default none; 0 = any free port)"),
        ("--snmp-port", "EMULATOR_SNMP_PORT", "Emulator:SnmpPort", true, "PORT  SNMP (UDP) port of the single device (default: none; 0 = any free port)"),
        ("--sysname", "EMULATOR_SYSNAME", "Emulator:Sysname", true, "NAME  factory sysname of the single device"),
        ("--algorithm-policy", "EMULATOR_ALGORITHM_POLICY", "Emulator:AlgorithmPolicy", true, "P     device | modern | device+modern for the single device"),
        ("--profiles", "EMULATOR_PROFILES", "Emulator:Profiles", true, "DIR   more profiles, in addition to the shipped ones"),
        ("--state-dir", "EMULATOR_STATE_DIR", "Emulator:StateDir", true, "DIR   where devices keep startup.cfg and host keys (default ./emulator-state)"),
        ("--shard", "EMULATOR_SHARD", "Emulator:Shard", true, "I/N   run only fleet devices I, I+N, I+2N... (0-based); I=auto: the number ending the host name (StatefulSet pod ordinal)"),
        ("--fleet-secret", "EMULATOR_FLEET_SECRET", "Emulator:FleetSecret", true, "TEXT  derive host keys from this secret + device name (reproducible keys)"),
        ("--max-startups", "EMULATOR_MAX_STARTUPS", "Emulator:MaxStartups", true, "N     SSH connections not yet logged in, whole fleet (default 512; beyond: the oldest in key exchange goes)"),
        ("--per-source-max-startups", "EMULATOR_PER_SOURCE_MAX_STARTUPS", "Emulator:PerSourceMaxStartups", true, "N     of those, from one source address (default 256; none = no limit)"),
        ("--control", "EMULATOR_CONTROL", "Emulator:Control", true, "URL   control API address (default " + DefaultControl + "; none = off)"),
        ("--control-token", "EMULATOR_CONTROL_TOKEN", "Emulator:ControlToken", true, "TEXT  require Authorization: Bearer TEXT on the control API (all but /healthz)"),
        ("--control-allowed-hosts", "EMULATOR_CONTROL_ALLOWED_HOSTS", "Emulator:ControlAllowedHosts", true, "LIST  more Host names the control API answers to, comma-separated (* = any)"),
        ("--known-hosts", "EMULATOR_KNOWN_HOSTS", "Emulator:KnownHosts", true, "FILE  write a known_hosts file for the whole fleet at start"),
        ("--inventory", "EMULATOR_INVENTORY", "Emulator:Inventory", true, "FILE  write an inventory of the whole fleet at start (see --inventory-format)"),
        ("--inventory-format", "EMULATOR_INVENTORY_FORMAT", "Emulator:InventoryFormat", true, "F     ansible (default) | nornir | netmiko | csv"),
        ("--log-level", "EMULATOR_LOG_LEVEL", "Emulator:LogLevel", true, "LVL   verbose | debug | information | warning | error (default information)"),
        ("--log-file", "EMULATOR_LOG_FILE", "Emulator:LogFile", true, "FILE  also write compact JSON log events to this file"),
        ("--list-profiles", "", "Emulator:ListProfiles", false, "      print the profile names, one per line, and exit"),
        ("--help", "", "Emulator:Help", false, "      print this help and exit"),
    ];

    public string? Fleet { get; init; }
    public string Profile { get; init; } = "F1000-E";
    public string DeviceName { get; init; } = "fw1";
    public IPAddress Address { get; init; } = IPAddress.Loopback;
    public int SshPort { get; init; } = 2222;
    public int? NetconfPort { get; init; }
    public int? TelnetPort { get; init; }
    public int? SnmpPort { get; init; }
    public string? Sysname { get; init; }
    public AlgorithmPolicy? AlgorithmPolicy { get; init; }
    public string? Profiles { get; init; }
    public string StateDir { get; init; } = "emulator-state";
    public string? FleetSecret { get; init; }

    /// <summary>Fleet-wide cap on connections that have not logged in (OpenSSH's MaxStartups, without refusals).</summary>
    public int MaxStartups { get; init; } = Emulator.Device.Runtime.DeviceFleet.DefaultMaxUnauthenticated;

    /// <summary>Of <see cref="MaxStartups"/>, what one source address may hold; 0: no per-source limit.</summary>
    public int PerSourceMaxStartups { get; init; } = Emulator.Device.Runtime.DeviceFleet.DefaultMaxUnauthenticatedPerSource;

    /// <summary>This process runs fleet devices whose position modulo Count is Index; null runs them all.</summary>
    public FleetShard? Shard { get; init; }

    /// <summary>Null: no control API.</summary>
    public Uri? Control { get; init; } = new(DefaultControl);

    /// <summary>Null: the control API needs no token.</summary>
    public string? ControlToken { get; init; }

    /// <summary>Host names accepted besides localhost, loopback literals and the bound address (docs/control-api.md).</summary>
    public IReadOnlyList<string> ControlAllowedHosts { get; init; } = [];
    public string? KnownHosts { get; init; }
    public string? Inventory { get; init; }

    /// <summary>One of <see cref="Host.Inventory.Formats"/>; nornir also writes groups.yaml beside the hosts file.</summary>
    public string InventoryFormat { get; init; } = "ansible";
    public Serilog.Events.LogEventLevel LogLevel { get; init; } = Serilog.Events.LogEventLevel.Information;
    public string? LogFile { get; init; }
    /// <summary>Where the kernel's ephemeral port range is read (tests point it elsewhere); not an option.</summary>
    public string EphemeralPortRangeFile { get; init; } = EphemeralPorts.RangeFile;
    public bool ListProfiles { get; init; }
    public bool Help { get; init; }

    /// <summary>Parses the command line on top of environment variables and appsettings.json.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says which.</exception>
    public static HostSettings Load(string[] args, IDictionary<string, string?> environment, string? appSettingsDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var builder = new ConfigurationBuilder();
        if (appSettingsDirectory is not null)
        {
            builder.SetBasePath(appSettingsDirectory).AddJsonFile("appsettings.json", optional: true);
        }

        var fromEnv = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, env, key, _, _) in Options)
        {
            if (env.Length > 0 && environment.TryGetValue(env, out var value) && !string.IsNullOrEmpty(value))
            {
                fromEnv[key] = value;
            }
        }

        builder.AddInMemoryCollection(fromEnv);
        builder.AddInMemoryCollection(ParseArgs(args));
        return FromConfiguration(builder.Build());
    }

    private static Dictionary<string, string?> ParseArgs(string[] args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg;
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }

            if (name is "-h" or "-?")
            {
                name = "--help";
            }

            var option = Options.FirstOrDefault(o => o.Option == name);
            if (option.Option is null)
            {
                throw new ArgumentException($"unknown option '{arg}' (see --help)");
            }

            if (!option.HasValue)
            {
                values[option.Key] = "true";
                continue;
            }

            var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {name} needs a value"));
            values[option.Key] = value;
        }

        return values;
    }

    private static HostSettings FromConfiguration(IConfiguration config)
    {
        string? Get(string key) => config["Emulator:" + key] is { Length: > 0 } v ? v : null;

        var settings = new HostSettings
        {
            Fleet = Get("Fleet"),
            Profile = Get("Profile") ?? "F1000-E",
            DeviceName = Get("DeviceName") ?? "fw1",
            Sysname = Get("Sysname"),
            Profiles = Get("Profiles"),
            StateDir = Get("StateDir") ?? "emulator-state",
            FleetSecret = Get("FleetSecret"),
            KnownHosts = Get("KnownHosts"),
            Inventory = Get("Inventory"),
            InventoryFormat = Get("InventoryFormat")?.ToLowerInvariant() ?? "ansible",
            ControlToken = Get("ControlToken"),
            ControlAllowedHosts = Get("ControlAllowedHosts")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            LogFile = Get("LogFile"),
            ListProfiles = Get("ListProfiles") is "true" or "True",
            Help = Get("Help") is "true" or "True",
        };

        if (!Emulator.Device.State.DeviceStateDirectory.IsValidDeviceName(settings.DeviceName))
        {
            throw new ArgumentException($"--device-name: '{settings.DeviceName.ReplaceLineEndings("\\n")}' must be {Emulator.Device.State.DeviceStateDirectory.DeviceNameRule}");
        }

        if (settings.InventoryFormat is not ("ansible" or "nornir" or "netmiko" or "csv"))
        {
            throw new ArgumentException($"--inventory-format: '{settings.InventoryFormat}' must be ansible, nornir, netmiko or csv");
        }

        if (Get("Shard") is { } shard)
        {
            settings = settings with { Shard = FleetShard.Parse(shard, System.Net.Dns.GetHostName()) };
        }

        if (Get("Address") is { } address)
        {
            settings = settings with { Address = IPAddress.TryParse(address, out var ip) ? ip : throw new ArgumentException($"--address: '{address}' is not an IP address") };
        }

        if (Get("SshPort") is { } port)
        {
            settings = settings with
            {
                SshPort = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= IPEndPoint.MaxPort
                    ? p
                    : throw new ArgumentException($"--ssh-port: '{port}' is not a port number (0-65535)"),
            };
        }

        settings = settings with { NetconfPort = OptionalPort(Get("NetconfPort"), "--netconf-port"), TelnetPort = OptionalPort(Get("TelnetPort"), "--telnet-port") };
        if (Get("SnmpPort") is { } snmpPort)
        {
            settings = settings with
            {
                SnmpPort = int.TryParse(snmpPort, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= IPEndPoint.MaxPort
                    ? p
                    : throw new ArgumentException($"--snmp-port: '{snmpPort}' is not a port number (0-65535)"),
            };
        }

        if (Get("AlgorithmPolicy") is { } policyText)
        {
            settings = settings with
            {
                AlgorithmPolicy = AlgorithmPolicies.TryParse(policyText, out var policy)
                    ? policy
                    : throw new ArgumentException($"--algorithm-policy: '{policyText}' must be device, modern or device+modern"),
            };
        }

        if (Get("Control") is { } control)
        {
            settings = settings with
            {
                Control = control.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
                    : Uri.TryCreate(control, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp ? uri
                    : throw new ArgumentException($"--control: '{control}' must be an http:// URL or none"),
            };
        }

        if (Get("MaxStartups") is { } maxStartups)
        {
            settings = settings with { MaxStartups = Count(maxStartups, "--max-startups", allowNone: false) };
        }

        if (Get("PerSourceMaxStartups") is { } perSource)
        {
            settings = settings with { PerSourceMaxStartups = Count(perSource, "--per-source-max-startups", allowNone: true) };
        }

        if (Get("LogLevel") is { } level)
        {
            settings = settings with
            {
                LogLevel = Enum.TryParse<Serilog.Events.LogEventLevel>(level, ignoreCase: true, out var l) ? l
                    : level.Equals("trace", StringComparison.OrdinalIgnoreCase) ? Serilog.Events.LogEventLevel.Verbose
                    : level.Equals("info", StringComparison.OrdinalIgnoreCase) ? Serilog.Events.LogEventLevel.Information
                    : throw new ArgumentException($"--log-level: '{level}' must be verbose, debug, information, warning or error"),
            };
        }

        return settings;
    }

    /// <summary>A positive count; with <paramref name="allowNone"/> also "none", read as 0 (no limit).</summary>
    private static int Count(string text, string option, bool allowNone) =>
        allowNone && text.Equals("none", StringComparison.OrdinalIgnoreCase) ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
        : throw new ArgumentException($"{option}: '{text}' must be a whole number of at least 1{(allowNone ? " or none" : "")}");

    private static int? OptionalPort(string? text, string option) => text is null
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= IPEndPoint.MaxPort
            ? p
            : throw new ArgumentException($"{option}: '{text}' is not a port number (0-65535)");

    public static string HelpText()
    {
        var lines = new List<string>
        {
            "H3C SecPath management-plane emulator",
            "",
            "Usage: emulator [options]        (dotnet run --project src/Emulator.Host -- [options])",
            "",
            "Without options one device runs: fw1, model F1000-E, SSH on 127.0.0.1:2222, user admin / admin.",
            "",
            "Options (each also as an environment variable, or Emulator:<Name> in appsettings.json):",
        };
        foreach (var (option, env, _, _, help) in Options)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {option,-20} {help}") + (env.Length > 0 ? $"  [{env}]" : ""));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
