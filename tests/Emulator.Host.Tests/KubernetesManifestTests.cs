using Emulator.Device.Fleet;
using YamlDotNet.RepresentationModel;

namespace Emulator.Host.Tests;

/// <summary>
/// deploy/kubernetes rendered by <c>kubectl kustomize</c> (no cluster needed) and checked for what makes the fleet
/// work: shards that cover the fleet once, names that match between objects, probes on /healthz, state on a PVC.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static async Task<List<YamlMappingNode>> RenderAsync()
    {
        var kubectl = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(p => Path.Combine(p, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl is null)
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") is null, "kubectl is not installed (apt-get install kubernetes-client)");
            Assert.Fail("kubectl is required under CI=true (.ci/run installs kubernetes-client)");
        }

        var start = new System.Diagnostics.ProcessStartInfo(kubectl!, ["kustomize", Path.Combine(Root(), "deploy", "kubernetes")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, errors);

        var stream = new YamlStream();
        stream.Load(new StringReader(output));
        return [.. stream.Documents.Select(d => (YamlMappingNode)d.RootNode)];
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string key => ((YamlMappingNode)node).Children[new YamlScalarNode(key)],
                int index => ((YamlSequenceNode)node).Children[index],
                _ => throw new ArgumentException("path steps are keys or indexes"),
            };
        }

        return node;
    }

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public async Task The_rendered_statefulset_shards_the_configmap_fleet_and_probes_health()
    {
        var objects = await RenderAsync();
        var byKind = objects.ToLookup(o => Text(o, "kind"));
        var set = Assert.Single(byKind["StatefulSet"]);
        var service = Assert.Single(byKind["Service"]);
        var configMap = Assert.Single(byKind["ConfigMap"]);

        Assert.Equal(Text(service, "metadata", "name"), Text(set, "spec", "serviceName"));
        Assert.Equal("None", Text(service, "spec", "clusterIP"));
        var podLabels = (YamlMappingNode)At(set, "spec", "template", "metadata", "labels");
        foreach (var (key, value) in (YamlMappingNode)At(service, "spec", "selector"))
        {
            Assert.Equal(((YamlScalarNode)value).Value, ((YamlScalarNode)podLabels.Children[key]).Value);
        }

        var pod = At(set, "spec", "template", "spec");
        var container = At(pod, "containers", 0);
        var env = ((YamlSequenceNode)At(container, "env")).Children.ToDictionary(e => Text(e, "name"), e => Text(e, "value"));
        var replicas = int.Parse(Text(set, "spec", "replicas"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"auto/{replicas}", env["EMULATOR_SHARD"]);
        Assert.Equal("/healthz", Text(container, "readinessProbe", "httpGet", "path"));
        Assert.Contains(((YamlSequenceNode)At(pod, "securityContext", "sysctls")).Children, s => Text(s, "name") == "net.ipv4.ip_unprivileged_port_start");

        // The fleet volume names the generated (hash-suffixed) ConfigMap, and is mounted where EMULATOR_FLEET points.
        var volume = ((YamlSequenceNode)At(pod, "volumes")).Children.Single(v => Text(v, "name") == "fleet");
        Assert.Equal(Text(configMap, "metadata", "name"), Text(volume, "configMap", "name"));
        var mount = ((YamlSequenceNode)At(container, "volumeMounts")).Children.Single(m => Text(m, "name") == "fleet");
        Assert.Equal(Path.Combine(Text(mount, "mountPath"), "fleet.yaml"), env["EMULATOR_FLEET"]);
        var state = ((YamlSequenceNode)At(container, "volumeMounts")).Children.Single(m => Text(m, "name") == "state");
        Assert.Equal("/var/lib/emulator", Text(state, "mountPath"));
        Assert.Equal("state", Text(At(set, "spec", "volumeClaimTemplates", 0), "metadata", "name"));

        // Every device runs in exactly one pod, and within a pod no two devices share a port.
        var fleet = FleetFile.Parse("fleet.yaml", Text(configMap, "data", "fleet.yaml"), TestHosts.Catalog);
        var shards = Enumerable.Range(0, replicas).Select(k => FleetShard.Parse(env["EMULATOR_SHARD"], $"{Text(set, "metadata", "name")}-{k}").Select(fleet)).ToList();
        Assert.Equal(fleet.Select(d => d.Name).Order(), shards.SelectMany(s => s).Select(d => d.Name).Order());
        Assert.All(shards, s => Assert.Equal(s.Count, s.Select(d => d.SshEndPoint.Port).Distinct().Count()));
        Assert.All(shards, s => Assert.NotEmpty(s));
    }

    [Theory]
    [InlineData("1/4", "anything", 1, 4)]
    [InlineData("auto/3", "emulator-2", 2, 3)]
    [InlineData("AUTO/10", "lab-fleet-7", 7, 10)]
    public void Shards_parse_from_index_or_pod_name(string text, string host, int index, int count) =>
        Assert.Equal(new FleetShard(index, count), FleetShard.Parse(text, host));

    [Theory]
    [InlineData("4/4", "x", "not below the count")]
    [InlineData("auto/2", "laptop", "does not end in -<number>")]
    [InlineData("1", "x", "must be INDEX/COUNT")]
    [InlineData("a/b", "x", "must be INDEX/COUNT")]
    [InlineData("0/0", "x", "must be INDEX/COUNT")]
    public void Bad_shards_are_refused_with_the_reason(string text, string host, string reason) =>
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => FleetShard.Parse(text, host)).Message, StringComparison.Ordinal);

    [Fact]
    public void A_sharded_host_builds_only_its_devices()
    {
        var dir = TestHosts.NewStateDir();
        try
        {
            var fleet = TestHosts.WriteFleet(dir, """
                devices:
                  - { name: "fw{n}", profile: F1000-E, ssh: "127.0.0.1:0", count: 5 }
                """);
            var settings = TestHosts.Settings(dir, fleet) with { Shard = FleetShard.Parse("auto/2", "emulator-1") };
            Assert.Equal(["fw2", "fw4"], EmulatorApp.BuildSpecs(settings, TestHosts.Catalog).Select(d => d.Name));
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }
}
