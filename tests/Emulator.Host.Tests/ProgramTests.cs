namespace Emulator.Host.Tests;

public class ProgramTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await EmulatorApp.RunAsync(args, new Dictionary<string, string?>(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task List_profiles_prints_one_model_per_line_and_no_families()
    {
        var (code, output, _) = await RunAsync("--list-profiles");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("F1000-E", lines);
        Assert.Contains("U200-CS", lines);
        Assert.Contains("F1000-AI-55", lines);
        Assert.DoesNotContain("comware-v5-firewall", lines);
        Assert.True(lines.Length >= 19);
    }

    [Fact]
    public async Task An_invalid_profile_directory_stops_the_host_with_the_file_position()
    {
        var dir = TestHosts.NewStateDir();
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "Broken.yaml"), "extends: F1000-E\nmodel: X\nssh:\n  algorithms:\n    kex: [diffie-hellman-group99-sha1]\n", TestContext.Current.CancellationToken);
            var (code, _, err) = await RunAsync("--profiles", dir, "--ssh-port", "0", "--control", "none", "--state-dir", Path.Combine(dir, "state"));
            Assert.Equal(1, code);
            Assert.Contains("Broken.yaml:5:11: unknown key exchange algorithm 'diffie-hellman-group99-sha1'", err, StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(dir, "state")));
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    [Fact]
    public async Task Unknown_options_exit_2_and_help_exits_0()
    {
        Assert.Equal(2, (await RunAsync("--nope")).Code);
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("EMULATOR_PROFILE", output, StringComparison.Ordinal);
    }
}
