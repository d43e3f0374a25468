using Emulator.Device.Profiles;
using Emulator.Device.Yaml;

namespace Emulator.Device.Tests;

/// <summary>
/// <see cref="ProfileCatalog.LoadOnDemand"/>: shipped profiles are read when asked for (with their chain), the user's
/// directories at once. A broken shipped file stops only what uses it, with its file and line.
/// </summary>
public sealed class ProfileCatalogOnDemandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "profiles-on-demand-" + Guid.NewGuid().ToString("N"));
    private readonly string _shipped;
    private readonly string _user;

    public ProfileCatalogOnDemandTests()
    {
        _shipped = Directory.CreateDirectory(Path.Combine(_root, "shipped")).FullName;
        _user = Directory.CreateDirectory(Path.Combine(_root, "user")).FullName;
        var shipped = ProfileCatalog.FindShippedDirectory()!;
        foreach (var file in new[] { "F1000-E.yaml", "secpath-f1000-v5.yaml", "comware-v5-firewall.yaml" })
        {
            File.Copy(Path.Combine(shipped, file), Path.Combine(_shipped, file));
        }

        File.WriteAllText(Path.Combine(_shipped, "Broken.yaml"), "extends: F1000-E\nmodel: [not, a, name]\n");
        File.WriteAllText(Path.Combine(_shipped, "NotYaml.yaml"), "model: \"unterminated\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_shipped_profile_is_read_with_its_chain_while_broken_unrelated_files_are_never_read()
    {
        var catalog = ProfileCatalog.LoadOnDemand(_shipped);
        var profile = catalog.Get("F1000-E");
        Assert.Equal("F1000-E", profile.Name);
        Assert.Equal("SecPath F1000-E", profile.Model);
    }

    [Fact]
    public void Asking_for_a_broken_shipped_profile_names_its_file_and_line()
    {
        var catalog = ProfileCatalog.LoadOnDemand(_shipped);
        var error = Assert.Throws<YamlValidationException>(() => catalog.TryGet("Broken", out _));
        Assert.Contains(error.Errors, e => e.File.EndsWith("Broken.yaml", StringComparison.Ordinal) && e.Line == 2);

        // The good profile is still there.
        Assert.True(catalog.TryGet("F1000-E", out _));
    }

    [Fact]
    public void Listing_the_models_reads_everything_and_reports_every_problem()
    {
        var catalog = ProfileCatalog.LoadOnDemand(_shipped);
        var error = Assert.Throws<YamlValidationException>(() => catalog.Models);
        Assert.Contains(error.Errors, e => e.File.EndsWith("Broken.yaml", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.File.EndsWith("NotYaml.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_users_directories_are_validated_at_once()
    {
        File.WriteAllText(Path.Combine(_user, "Mine.yaml"), "extends: F1000-E\nssh:\n  algorithms:\n    kex: [diffie-hellman-group99-sha1]\n");
        var error = Assert.Throws<YamlValidationException>(() => ProfileCatalog.LoadOnDemand(_shipped, _user));
        Assert.Contains(error.Errors, e => e.File.EndsWith("Mine.yaml", StringComparison.Ordinal) && e.Line == 4);
        Assert.DoesNotContain(error.Errors, e => e.File.EndsWith("Broken.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_user_profile_extends_a_shipped_one_and_unknown_names_are_not_found()
    {
        File.WriteAllText(Path.Combine(_user, "Mine.yaml"), "extends: F1000-E\nmodel: My F1000\n");
        var catalog = ProfileCatalog.LoadOnDemand(_shipped, _user);
        Assert.Equal("My F1000", catalog.Get("Mine").Model);
        Assert.False(catalog.TryGet("comware-v5-firewall", out _));
        Assert.False(catalog.TryGet("F9999", out _));
    }
}
