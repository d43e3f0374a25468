using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Emulator.Host.Tests;

public sealed class InventoryTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>edge: fleet users, the first without ssh; core: the profile's admin (V7); lab: a password YAML would read as a boolean.</summary>
    private string Fleet() => TestHosts.WriteFleet(_dir, """
        devices:
          - name: edge
            profile: F1000-E
            ssh: "127.0.0.1:0"
            users:
              - { name: console, password: c0nsole, level: 3, services: [terminal] }
              - { name: netops, password: "Pa,ss\"w0rd", level: 3, services: [ssh] }
          - { name: core, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
          - name: lab
            profile: U200-S
            ssh: "0.0.0.0:0"
            users:
              - { name: ops, password: "yes", level: 3, services: [ssh] }
        """);

    private static InventoryHost Host(EmulatorApp app, string name) => InventoryHost.From(app.Fleet.Find(name)!);

    [Fact]
    public async Task Hosts_carry_the_first_ssh_user_the_real_port_and_groups_by_model_and_dialect()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), Fleet()));
        var edge = Host(app, "edge");
        Assert.Equal(("netops", "Pa,ss\"w0rd"), (edge.User, edge.Password));
        Assert.Equal(app.Fleet.Find("edge")!.EndPoint.Port, edge.Port);
        Assert.NotEqual(0, edge.Port);
        Assert.Equal(["model_f1000_e", "comware_v5"], edge.Groups);
        var core = Host(app, "core");
        Assert.Equal(("admin", "admin", "V7"), (core.User, core.Password, core.Dialect));
        Assert.Equal(["model_f1000_ai_55", "comware_v7"], core.Groups);
        Assert.Equal("127.0.0.1", Host(app, "lab").Address); // bound to 0.0.0.0: reached on loopback
    }

    [Fact]
    public async Task The_api_serves_every_format_and_refuses_an_unknown_one()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), Fleet()));
        using var http = TestHosts.Client(app);
        var port = app.Fleet.Find("edge")!.EndPoint.Port;

        var csv = await http.GetAsync("/api/inventory?format=csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("name,address,port,platform,username,password,model,profile,dialect,groups", lines[0]);
        Assert.Equal($"edge,127.0.0.1,{port},hp_comware,netops,\"Pa,ss\"\"w0rd\",SecPath F1000-E,F1000-E,V5,model_f1000_e comware_v5", lines[1]);
        Assert.Equal(4, lines.Length);

        var netmiko = await http.GetStringAsync("/api/inventory?format=netmiko", Ct);
        Assert.Contains("device_type: hp_comware", netmiko, StringComparison.Ordinal);
        Assert.Contains("comware_v7:\n- core", netmiko, StringComparison.Ordinal);

        Assert.Contains("all:", await http.GetStringAsync("/api/inventory", Ct), StringComparison.Ordinal);
        Assert.Contains("platform: hp_comware", await http.GetStringAsync("/api/inventory?format=nornir-groups", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/inventory?format=xml", Ct)).StatusCode);
    }

    [Fact]
    public async Task Ansible_inventory_loads_the_file_written_at_start()
    {
        if (!OnPath("ansible-inventory"))
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", "ansible-inventory is not installed (apt-get install ansible-core)");
            Assert.Fail("ansible-inventory is not installed; CI installs ansible-core");
        }

        var file = Path.Combine(_dir, "inventory.yaml");
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), Fleet()) with { Inventory = file });
        var (exit, output) = await RunAsync("ansible-inventory", "-i", file, "--list");
        Assert.True(exit == 0, output);
        Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
        var list = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var edge = list.GetProperty("_meta").GetProperty("hostvars").GetProperty("edge");
        Assert.Equal(app.Fleet.Find("edge")!.EndPoint.Port, edge.GetProperty("ansible_port").GetInt32());
        Assert.Equal("Pa,ss\"w0rd", edge.GetProperty("ansible_password").GetString());
        Assert.Equal("hp_comware", edge.GetProperty("platform").GetString());
        var lab = list.GetProperty("_meta").GetProperty("hostvars").GetProperty("lab");
        Assert.Equal(JsonValueKind.String, lab.GetProperty("ansible_password").ValueKind); // "yes" stays a string
        Assert.Equal(["edge", "lab"], list.GetProperty("comware_v5").GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(["core"], list.GetProperty("model_f1000_ai_55").GetProperty("hosts").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task A_nornir_inventory_writes_hosts_and_the_groups_they_name()
    {
        var file = Path.Combine(_dir, "inv", "hosts.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), Fleet()) with { Inventory = file, InventoryFormat = "nornir" });
        var hosts = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, NornirHost>>(await File.ReadAllTextAsync(file, Ct));
        var groups = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<string, Dictionary<string, string>>>(
            await File.ReadAllTextAsync(Path.Combine(_dir, "inv", "groups.yaml"), Ct));
        Assert.Equal(["edge", "core", "lab"], hosts.Keys);
        Assert.Equal("netops", hosts["edge"].Username);
        Assert.All(hosts.Values.SelectMany(h => h.Groups), g => Assert.Contains(g, groups.Keys));
        Assert.Equal("hp_comware", groups["comware_v7"]["platform"]);
    }

    [Fact]
    public async Task Netmiko_logs_in_to_every_device_of_its_inventory()
    {
        if (!PythonHas("netmiko"))
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", "netmiko is not installed for /usr/bin/python3 (apt-get install python3-netmiko)");
            Assert.Fail("netmiko is missing; CI installs python3-netmiko");
        }

        var file = Path.Combine(_dir, "netmiko.yml");
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), Fleet()) with { Inventory = file, InventoryFormat = "netmiko" });
        // Every mapping is a device for ConnectHandler(**device); every list is a group (netmiko's tools file).
        const string script = """
            import sys, yaml
            from netmiko import ConnectHandler
            for name, entry in yaml.safe_load(open(sys.argv[1])).items():
                if isinstance(entry, dict):
                    with ConnectHandler(**entry, timeout=30, fast_cli=True) as conn:
                        print(name, conn.find_prompt(), 'Comware' in conn.send_command('display version'))
            """;
        var (exit, output) = await RunAsync("/usr/bin/python3", "-c", script, file);
        Assert.True(exit == 0, output);
        Assert.Contains("edge <H3C> True", output, StringComparison.Ordinal);
        Assert.Contains("core <", output, StringComparison.Ordinal);
        Assert.Contains("lab <", output, StringComparison.Ordinal);
        Assert.DoesNotContain("False", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_inventory_format_is_refused_at_start() =>
        Assert.Contains("--inventory-format", Assert.Throws<ArgumentException>(() => HostSettings.Load(["--inventory-format", "xml"], new Dictionary<string, string?>(), null)).Message, StringComparison.Ordinal);

    private sealed class NornirHost
    {
        [YamlDotNet.Serialization.YamlMember(Alias = "hostname")]
        public string Hostname { get; set; } = "";

        [YamlDotNet.Serialization.YamlMember(Alias = "port")]
        public int Port { get; set; }

        [YamlDotNet.Serialization.YamlMember(Alias = "username")]
        public string? Username { get; set; }

        [YamlDotNet.Serialization.YamlMember(Alias = "password")]
        public string? Password { get; set; }

        [YamlDotNet.Serialization.YamlMember(Alias = "platform")]
        public string Platform { get; set; } = "";

        [YamlDotNet.Serialization.YamlMember(Alias = "groups")]
        public List<string> Groups { get; set; } = [];

        [YamlDotNet.Serialization.YamlMember(Alias = "data")]
        public Dictionary<string, string> Data { get; set; } = [];
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static bool PythonHas(string module)
    {
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import " + module]) { RedirectStandardError = true });
        process!.WaitForExit();
        return process.ExitCode == 0;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(Path.GetTempPath(), "ansible-tmp-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
