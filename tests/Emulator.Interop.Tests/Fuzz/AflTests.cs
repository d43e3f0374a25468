using System.Globalization;

namespace Emulator.Interop.Tests.Fuzz;

/// <summary>
/// Coverage-guided fuzzing with AFL++ through SharpFuzz (fuzz/README.md), a short run per target in every CI run
/// (AFL_SECONDS, default 60): the fuzz harness is published, the emulator's assemblies are instrumented, and
/// <c>afl-fuzz -V</c> runs each target from its seeds. A saved crash or hang fails the test with its folder.
/// Needs Debian's afl++ and the SharpFuzz.CommandLine dotnet tool (.ci/run installs both).
/// </summary>
public sealed class AflTests : IClassFixture<AflTests.InstrumentedHarness>
{
    private readonly InstrumentedHarness _harness;

    public AflTests(InstrumentedHarness harness) => _harness = harness;

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("AFL_SECONDS"), out var s) && s > 0 ? s : 60;

    public static TheoryData<string> Targets() => [.. Emulator.Fuzz.FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Afl_short_run_saves_no_crash(string target)
    {
        var ct = TestContext.Current.CancellationToken;
        var harness = _harness.Require();
        var work = Path.Combine(harness.Directory, target);
        var seeds = Path.Combine(work, "in");
        var findings = Path.Combine(work, "out");
        // Seeds come from this (uninstrumented) copy: instrumented code only runs under afl-fuzz.
        System.IO.Directory.CreateDirectory(seeds);
        var n = 0;
        foreach (var input in Emulator.Fuzz.FuzzTargets.Find(target).Seeds(Emulator.Fuzz.RepositoryRoot.Find()))
        {
            await File.WriteAllBytesAsync(Path.Combine(seeds, $"seed-{n++:D4}"), input, ct);
        }

        var run = await Clients.RunAsync(harness.AflFuzz,
            // A fixed RNG seed: every CI run explores the same inputs first, so a red run means a reproducible finding.
            ["-s", "20261206", "-V", Seconds.ToString(CultureInfo.InvariantCulture), "-t", "10000", "-m", "none", "-i", seeds, "-o", findings, "--", "/usr/bin/dotnet", harness.Program, "afl", target],
            null, TimeSpan.FromSeconds(Seconds + 120), ct, s_aflEnvironment);
        var stats = ReadStats(Path.Combine(findings, "default", "fuzzer_stats"));
        TestContext.Current.TestOutputHelper?.WriteLine($"{target}: execs {stats.GetValueOrDefault("execs_done")}, corpus {stats.GetValueOrDefault("corpus_count")}, " +
            $"coverage {stats.GetValueOrDefault("bitmap_cvg")}, crashes {stats.GetValueOrDefault("saved_crashes")}, hangs {stats.GetValueOrDefault("saved_hangs")}");
        Assert.True(stats.Count > 0, "afl-fuzz wrote no statistics:\n" + run);
        Assert.True(long.Parse(stats["execs_done"], CultureInfo.InvariantCulture) > 100, "afl-fuzz barely ran:\n" + run);
        if (stats["saved_crashes"] != "0")
        {
            // The harness folder is deleted after the run: the input goes into the message so the finding can be replayed.
            var crash = System.IO.Directory.EnumerateFiles(Path.Combine(findings, "default", "crashes"), "id:*").Order(StringComparer.Ordinal).First();
            Assert.Fail($"AFL++ saved {stats["saved_crashes"]} crash(es) for {target}. First input (base64), replay with " +
                $"'emulator-fuzz replay {target} FILE' and add it to fuzz/regressions/{target}/:\n{Convert.ToBase64String(await File.ReadAllBytesAsync(crash, ct))}");
        }
    }

    private static readonly Dictionary<string, string> s_aflEnvironment = new()
    {
        ["AFL_NO_UI"] = "1",
        ["AFL_SKIP_BIN_CHECK"] = "1",
        ["AFL_SKIP_CPUFREQ"] = "1",
        ["AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES"] = "1",
        ["AFL_NO_AFFINITY"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private static Dictionary<string, string> ReadStats(string file) =>
        !File.Exists(file) ? [] : File.ReadAllLines(file)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);

    /// <summary>Publishes fuzz/Emulator.Fuzz once and instruments the emulator's assemblies in the copy.</summary>
    public sealed class InstrumentedHarness : IAsyncLifetime
    {
        private string? _skip;

        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "emu-afl-" + Guid.NewGuid().ToString("N"));

        public string Program => Path.Combine(Directory, "bin", "emulator-fuzz.dll");

        public string AflFuzz { get; } = "/usr/bin/afl-fuzz";

        public InstrumentedHarness Require()
        {
            if (_skip is not null)
            {
                Clients.Require(_skip);
            }

            return this;
        }

        public async ValueTask InitializeAsync()
        {
            var sharpfuzz = FindTool("sharpfuzz");
            if (!File.Exists(AflFuzz) || sharpfuzz is null)
            {
                // Clients.Require fails under CI=true and skips elsewhere, naming what is missing.
                _skip = !File.Exists(AflFuzz) ? "afl-fuzz (apt-get install afl++)" : "sharpfuzz (dotnet tool install --global SharpFuzz.CommandLine)";
                return;
            }

            var root = Emulator.Fuzz.RepositoryRoot.Find();
            var publish = await Clients.RunAsync("/usr/bin/dotnet",
                ["publish", Path.Combine(root, "fuzz", "Emulator.Fuzz", "Emulator.Fuzz.csproj"), "-c", "Release", "-o", Path.Combine(Directory, "bin"), "--nologo", "-v", "q"],
                null, TimeSpan.FromMinutes(10), CancellationToken.None);
            Assert.True(publish.ExitCode == 0, publish.ToString());
            foreach (var assembly in (string[])["Emulator.Ssh.dll", "Emulator.Comware.dll", "Emulator.Device.dll"])
            {
                var instrumented = await Clients.RunAsync(sharpfuzz, [Path.Combine(Directory, "bin", assembly)], null, TimeSpan.FromMinutes(5), CancellationToken.None);
                Assert.True(instrumented.ExitCode == 0, instrumented.ToString());
            }
        }

        public ValueTask DisposeAsync()
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }

            return ValueTask.CompletedTask;
        }

        private static string? FindTool(string name)
        {
            var home = System.Environment.GetEnvironmentVariable("HOME") ?? "/root";
            var candidates = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
                .Append(Path.Combine(home, ".dotnet", "tools"))
                .Select(d => Path.Combine(d, name));
            return candidates.FirstOrDefault(File.Exists);
        }
    }
}
