using Emulator.Fuzz;

namespace Emulator.Interop.Tests.Fuzz;

/// <summary>
/// The fuzz targets of fuzz/ in every test run: each saved finding replays cleanly, and each target survives a short
/// mutation run from its seeds (FUZZ_SECONDS, default 15, fixed seed so a failure reproduces). AFL++ does the long,
/// coverage-guided runs (fuzz/README.md).
/// </summary>
public sealed class FuzzTests
{
    private static readonly string s_root = RepositoryRoot.Find();

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), out var s) && s > 0 ? s : 15;

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    public static TheoryData<string, string> Regressions()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "fuzz", "regressions"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(file)!), Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Every_saved_finding_is_handled(string target, string file)
    {
        var input = File.ReadAllBytes(Path.Combine(s_root, "fuzz", "regressions", target, file));
        FuzzTargets.Find(target).Run(input);
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Short_mutation_run_finds_nothing(string target)
    {
        var fuzzTarget = FuzzTargets.Find(target);
        var finding = new Mutator(20261206).Run(fuzzTarget, [.. fuzzTarget.Seeds(s_root)], TimeSpan.FromSeconds(Seconds), out var executions);
        TestContext.Current.TestOutputHelper?.WriteLine($"{target}: {executions} executions in {Seconds} s");
        Assert.True(finding is null, finding?.ToString());
        Assert.True(executions > 10, $"{target} ran only {executions} inputs");
    }
}
