namespace Emulator.Host.Recording;

/// <summary>
/// <c>emulator record …</c> and <c>emulator import-oxidized …</c>: write a profile overlay (a profile that extends a
/// shipped one) with outputs recorded from a real device. Use it with <c>--profiles DIR</c>.
/// </summary>
internal static class ProfileTools
{
    public const string Usage = """
        emulator record --host H [--port 22] --user U --password-env VAR --commands FILE --out PROFILE.yaml [--base PROFILE]
            logs in over SSH, runs each display command of FILE (one per line, # comments), writes PROFILE.yaml
        emulator import-oxidized SIMULATION.yaml --out PROFILE.yaml [--base PROFILE]
            turns an oxidized device simulation (spec/model/data/*#simulation.yaml) into PROFILE.yaml
        Without --base the overlay extends F1000-AI-55 when the device runs Comware 7, F1000-E otherwise.
        """;

    public static bool Handles(string verb) => verb is "record" or "import-oxidized";

    public static async Task<int> RunAsync(string[] args, IDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var (positional, options) = Split(args[1..]);
            var output = Require(options, "--out");
            var overlay = args[0] == "record"
                ? await RecordAsync(options, environment, stdout)
                : OxidizedSimulation.Import(await File.ReadAllTextAsync(positional.SingleOrDefault() ?? throw new ArgumentException("import-oxidized needs the simulation file")), "F1000-E", Path.GetFileName(positional[0]));
            overlay.BaseProfile = options.GetValueOrDefault("--base") ?? (overlay.SoftwareVersion?.StartsWith('7') == true ? "F1000-AI-55" : "F1000-E");
            await File.WriteAllTextAsync(output, overlay.ToYaml());
            await stdout.WriteLineAsync($"wrote {output}: {overlay.Outputs.Count} recorded outputs on top of {overlay.BaseProfile}");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or FormatException or TimeoutException or UnauthorizedAccessException
            or System.Net.Sockets.SocketException or Renci.SshNet.Common.SshException or YamlDotNet.Core.YamlException)
        {
            await stderr.WriteLineAsync($"emulator {args[0]}: {ex.Message}");
            await stderr.WriteLineAsync(Usage);
            return 2;
        }
    }

    private static async Task<ProfileOverlay> RecordAsync(Dictionary<string, string> options, IDictionary<string, string?> environment, TextWriter stdout)
    {
        var variable = Require(options, "--password-env");
        var password = environment.TryGetValue(variable, out var value) && value is not null
            ? value
            : throw new ArgumentException($"--password-env: the variable {variable} is not set (the password is never taken on the command line)");
        var port = options.TryGetValue("--port", out var portText) ? int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture) : 22;
        var commands = (await File.ReadAllLinesAsync(Require(options, "--commands")))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var recorder = new DeviceRecorder(Require(options, "--host"), port, Require(options, "--user"), password, TimeSpan.FromSeconds(30));
        var overlay = await recorder.RecordAsync(commands, "F1000-E", stdout, CancellationToken.None);
        await stdout.WriteLineAsync($"host key {recorder.HostKeyFingerprint} (trusted for this recording)");
        return overlay;
    }

    private static (List<string> Positional, Dictionary<string, string> Options) Split(string[] args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"option {args[i]} needs a value");
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, options);
    }

    private static string Require(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"{name} is required");
}
