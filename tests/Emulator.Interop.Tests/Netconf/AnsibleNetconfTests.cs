using System.Globalization;

namespace Emulator.Interop.Tests.Netconf;

/// <summary>An Ansible playbook with ansible.netcommon's netconf_config and netconf_get (Debian's ansible package) against a V7 device.</summary>
public sealed class AnsibleNetconfTests : IDisposable
{
    private const string Playbook = "/usr/bin/ansible-playbook";
    private const string Netcommon = "/usr/lib/python3/dist-packages/ansible_collections/ansible/netcommon/plugins/modules/netconf_get.py";

    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Netconf_config_changes_the_device_and_netconf_get_reads_it_back()
    {
        if (!File.Exists(Playbook) || !File.Exists(Netcommon))
        {
            const string reason = "ansible-playbook with the ansible.netcommon collection is not installed (apt-get install ansible python3-ncclient)";
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", reason);
            Assert.Fail(reason + " (CI=true: interop clients are required)");
        }

        Clients.RequirePythonModule("ncclient");
        await using var host = await RunningHost.StartAsync(_dir, NcclientTests.Fleet);
        var port = await NcclientTests.EnableNetconfAsync(host);
        var inventory = Path.Combine(_dir, "inventory.ini");
        var hostLine = string.Create(CultureInfo.InvariantCulture, $"v7 ansible_host=127.0.0.1 ansible_port={port} ansible_user=admin ansible_password=admin");
        await File.WriteAllTextAsync(inventory,
            $"[fw]\n{hostLine} ansible_connection=ansible.netcommon.netconf ansible_network_os=default ansible_python_interpreter=/usr/bin/python3\n", Ct);
        var environment = new Dictionary<string, string>
        {
            ["ANSIBLE_HOST_KEY_CHECKING"] = "false",
            ["ANSIBLE_NOCOLOR"] = "1",
            ["ANSIBLE_LOCAL_TEMP"] = Path.Combine(_dir, "ansible-tmp"),
            ["ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"] = Path.Combine(_dir, "ansible-cp"),
            ["ANSIBLE_PERSISTENT_COMMAND_TIMEOUT"] = "60",
        };

        var run = await Clients.RunAsync(Playbook, ["-i", inventory, Clients.Script("ansible_netconf.yml")], null, TimeSpan.FromSeconds(240), Ct, environment);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("failed=0", run.StdOut, StringComparison.Ordinal);

        var running = await host.Http.GetStringAsync("/api/devices/v7/config/running", Ct);
        Assert.Contains("sysname ANSIBLE-FW", running, StringComparison.Ordinal);
        Assert.Contains("ip route-static 203.0.113.0 24 192.168.0.254", running, StringComparison.Ordinal);
    }
}
