using System.Text;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.Yaml;

namespace Emulator.Fuzz.Targets;

/// <summary>
/// Fleet files: any text either loads or fails with <see cref="YamlValidationException"/> (file:line:column errors);
/// nothing else may escape, and nothing may run away (aliases, nesting).
/// </summary>
public sealed class FleetYamlTarget : IFuzzTarget
{
    private readonly Lazy<ProfileCatalog> _catalog = new(() => ProfileCatalog.Load(Path.Combine(RepositoryRoot.Find(), "device-profiles")));

    public string Name => "fleet-yaml";

    public IEnumerable<byte[]> Seeds(string repositoryRoot)
    {
        yield return File.ReadAllBytes(Path.Combine(repositoryRoot, "fleet.sample.yaml"));
        yield return "devices:\n  - { name: a, profile: F1000-E, ssh: 127.0.0.1:2222, users: [{ name: x, password: y, role: network-admin }] }\n"u8.ToArray();
        yield return "defaults: { profile: F1000-AI-55 }\ndevices:\n  - { name: \"fw{n:3}\", count: 3, step: address, ssh: \"127.0.1.1:22\" }\n"u8.ToArray();
        yield return "a: &a [1, 2]\nb: &b [*a, *a]\ndevices: [*b]\n"u8.ToArray();
    }

    public void Run(byte[] input)
    {
        try
        {
            FleetFile.Parse("fuzz.yaml", Encoding.UTF8.GetString(input), _catalog.Value);
        }
        catch (YamlValidationException)
        {
        }
    }
}

/// <summary>Device profiles (a model over the shipped families): load or fail with <see cref="YamlValidationException"/>.</summary>
public sealed class ProfileYamlTarget : IFuzzTarget
{
    public string Name => "profile-yaml";

    public IEnumerable<byte[]> Seeds(string repositoryRoot) =>
        Directory.EnumerateFiles(Path.Combine(repositoryRoot, "device-profiles"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllBytes);

    public void Run(byte[] input)
    {
        var families = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Find(), "device-profiles"), "comware-v*-firewall.yaml")
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        try
        {
            ProfileCatalog.LoadFiles([.. families, ("fuzz.yaml", Encoding.UTF8.GetString(input))]);
        }
        catch (YamlValidationException)
        {
        }
    }
}
