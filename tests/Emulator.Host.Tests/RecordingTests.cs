using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Renci.SshNet;

namespace Emulator.Host.Tests;

/// <summary><c>emulator record</c> against one of our devices, and <c>emulator import-oxidized</c>: the overlays replay what was recorded.</summary>
public sealed class RecordingTests : IDisposable
{
    private const string License = "Feature        State     Expires\nIPS            Active    2027-01-01\nAV             Expired   2025-06-30\n";

    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<EmulatorApp> StartAsync(string stateDir, string profilesDir, string profile)
    {
        var fleet = TestHosts.WriteFleet(stateDir, $$"""
            devices:
              - { name: fw, profile: {{profile}}, ssh: "127.0.0.1:0" }
            """);
        var catalog = ProfileCatalog.Load(ProfileCatalog.FindShippedDirectory()!, profilesDir);
        var app = EmulatorApp.Create(TestHosts.Settings(stateDir, fleet), catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System);
        await app.StartAsync(Ct);
        return app;
    }

    private static string Exec(EmulatorApp app, string command)
    {
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", app.Fleet.Find("fw")!.EndPoint.Port, "admin", new PasswordAuthenticationMethod("admin", "admin")));
        client.Connect();
        using var cmd = client.RunCommand(command);
        return cmd.Result.Replace("\r", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_from_a_device_writes_an_overlay_that_replays_its_outputs()
    {
        var source = Path.Combine(_dir, "source-profiles");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "LICENSED.yaml"), "extends: F1000-AI-55\nrecorded-outputs:\n  display license: |\n" +
            string.Concat(License.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "    " + l + "\n")), Ct);
        await using var original = await StartAsync(Path.Combine(_dir, "a"), source, "LICENSED");
        Assert.Equal(License, Exec(original, "display license"));

        var commands = Path.Combine(_dir, "commands.txt");
        await File.WriteAllTextAsync(commands, "# what to record\ndisplay version\ndisplay device manuinfo\ndisplay license\ndisplay no-such-thing\nsystem-view\n", Ct);
        var recorded = Path.Combine(_dir, "recorded");
        Directory.CreateDirectory(recorded);
        var outFile = Path.Combine(recorded, "RECORDED.yaml");
        var stdout = new StringWriter();
        var status = await EmulatorApp.RunAsync(
            ["record", "--host", "127.0.0.1", "--port", original.Fleet.Find("fw")!.EndPoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--user", "admin", "--password-env", "LAB_PASSWORD", "--commands", commands, "--out", outFile],
            new Dictionary<string, string?> { ["LAB_PASSWORD"] = "admin" }, stdout, stdout);
        Assert.True(status == 0, stdout.ToString());
        Assert.Contains("skipped 'display no-such-thing'", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("skipped 'system-view'", stdout.ToString(), StringComparison.Ordinal);

        var yaml = await File.ReadAllTextAsync(outFile, Ct);
        Assert.Contains("extends: F1000-AI-55", yaml, StringComparison.Ordinal);
        Assert.Contains("version: \"7.1.064\"", yaml, StringComparison.Ordinal);
        Assert.Contains("model: \"SecPath F1000-AI-55\"", yaml, StringComparison.Ordinal);
        var manuinfo = Exec(original, "display device manuinfo");
        var serial = System.Text.RegularExpressions.Regex.Match(manuinfo, @"DEVICE_SERIAL_NUMBER\s*:\s*(\S+)").Groups[1].Value;
        Assert.Contains($"serial-number: \"{serial}\"", yaml, StringComparison.Ordinal);

        await using var replay = await StartAsync(Path.Combine(_dir, "b"), recorded, "RECORDED");
        Assert.Equal(License, Exec(replay, "display license"));
        Assert.Equal(Exec(original, "display version").Split('\n')[0], Exec(replay, "display version").Split('\n')[0]);
        Assert.Contains(serial, Exec(replay, "display device manuinfo"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oxidized_simulation_imports_as_an_overlay()
    {
        // The layout of oxidized's spec/model/data/h3c#5130-48G_7.1.070#simulation.yaml (github.com/ytti/oxidized).
        var simulation = Path.Combine(_dir, "h3c#lab#simulation.yaml");
        Directory.CreateDirectory(_dir);
        await File.WriteAllTextAsync(simulation, """
            ---
            init_prompt: |-
                <lab-fw>
            commands:
              - "screen-length disable\n": |-
                  screen-length disable\r
                  <lab-fw>
              - "display version\n": |-
                  display version\r
                  H3C Comware Software, Version 7.1.064, Release 9141P38\r
                  Copyright (c) 2004-2023 New H3C Technologies Co., Ltd. All rights reserved.\r
                  <lab-fw>
              - "display license\n": |-
                  display license\r
                  Slot Type             State    Subslot  Soft Ver             Patch Ver\r
                  1    NSQM1F1KAI55     Master   0        F1000-AI-55-9141P38  None\r
                  <lab-fw>
              - "quit\n": |-
                  quit
            """, Ct);
        var profiles = Path.Combine(_dir, "profiles");
        Directory.CreateDirectory(profiles);
        var outFile = Path.Combine(profiles, "LAB.yaml");
        var stdout = new StringWriter();
        Assert.Equal(0, await EmulatorApp.RunAsync(["import-oxidized", simulation, "--out", outFile], new Dictionary<string, string?>(), stdout, stdout));
        Assert.Contains("2 recorded outputs on top of F1000-AI-55", stdout.ToString(), StringComparison.Ordinal);

        var yaml = await File.ReadAllTextAsync(outFile, Ct);
        Assert.Contains("release: \"9141P38\"", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("\\r", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("<lab-fw>", yaml, StringComparison.Ordinal);

        await using var app = await StartAsync(Path.Combine(_dir, "s"), profiles, "LAB");
        Assert.Equal("Slot Type             State    Subslot  Soft Ver             Patch Ver\n1    NSQM1F1KAI55     Master   0        F1000-AI-55-9141P38  None\n", Exec(app, "display license"));
        Assert.Contains("Release 9141P38", Exec(app, "display version"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "record", "--host", "127.0.0.1", "--user", "u", "--commands", "c", "--out", "o" }, "--password-env is required")]
    [InlineData(new[] { "record", "--host", "127.0.0.1", "--user", "u", "--password-env", "NOPE_NOT_SET", "--commands", "c", "--out", "o" }, "the variable NOPE_NOT_SET is not set")]
    [InlineData(new[] { "import-oxidized", "--out", "o" }, "needs the simulation file")]
    public async Task Bad_tool_arguments_exit_2_with_the_reason(string[] args, string reason)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await EmulatorApp.RunAsync(args, new Dictionary<string, string?>(), TextWriter.Null, stderr));
        Assert.Contains(reason, stderr.ToString(), StringComparison.Ordinal);
    }
}
