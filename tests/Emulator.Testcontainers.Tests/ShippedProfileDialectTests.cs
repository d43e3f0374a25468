using System.Text.RegularExpressions;

namespace Emulator.Testcontainers.Tests;

/// <summary>The module's table of V7 profiles must match device-profiles/, or users of new V7 models get V5 levels.</summary>
public sealed partial class ShippedProfileDialectTests(DockerFixture docker)
{
    [Fact]
    public void Module_knows_the_dialect_of_every_shipped_profile()
    {
        var directory = Path.Combine(docker.RepositoryRoot, "device-profiles");
        var files = Directory.GetFiles(directory, "*.yaml").ToDictionary(f => Path.GetFileNameWithoutExtension(f), File.ReadAllText);
        Assert.NotEmpty(files);

        var concrete = files.Where(f => !AbstractLine().IsMatch(f.Value)).Select(f => f.Key).ToList();
        Assert.Contains("F1000-E", concrete);
        foreach (var profile in concrete)
        {
            var expected = DialectOf(profile, files);
            Assert.True(expected == SecPathProfiles.DialectOf(profile), $"{profile} is {expected} in device-profiles/ but the module says {SecPathProfiles.DialectOf(profile)}");
        }
    }

    private static SecPathDialect DialectOf(string profile, Dictionary<string, string> files)
    {
        for (var name = profile; ;)
        {
            var text = files[name];
            if (DialectLine().Match(text) is { Success: true } dialect)
            {
                return dialect.Groups[1].Value is "V7" or "v7" ? SecPathDialect.V7 : SecPathDialect.V5;
            }

            name = ExtendsLine().Match(text) is { Success: true } parent
                ? parent.Groups[1].Value
                : throw new InvalidOperationException($"{name}.yaml has neither 'dialect:' nor 'extends:'");
        }
    }

    [GeneratedRegex(@"^abstract:\s*true\s*$", RegexOptions.Multiline)]
    private static partial Regex AbstractLine();

    [GeneratedRegex(@"^dialect:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DialectLine();

    [GeneratedRegex(@"^extends:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExtendsLine();
}
