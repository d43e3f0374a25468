using Emulator.Device.Yaml;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Profiles;

/// <summary>
/// Every profile of one or more directories, loaded and validated once. A profile is named by its file
/// (F1000-E.yaml is F1000-E); a later directory's file replaces an earlier one of the same name.
/// Profiles marked <c>abstract: true</c> are families: they can be extended but not run.
/// </summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, DeviceProfile> _models;
    private readonly Dictionary<string, YamlMappingNode> _trees;
    private readonly YamlContext _context;

    private ProfileCatalog(Dictionary<string, DeviceProfile> models, Dictionary<string, YamlMappingNode> trees, IReadOnlyList<string> families, YamlContext context)
    {
        _models = models;
        _trees = trees;
        Families = families;
        _context = context;
    }

    /// <summary>A context for files whose nodes merge onto this catalog's profiles (fleet overrides).</summary>
    internal YamlContext CreateChildContext() => new(_context);

    /// <summary>Runnable model profiles, sorted by name.</summary>
    public IReadOnlyList<DeviceProfile> Models => [.. _models.Values.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];

    public IReadOnlyList<string> Families { get; }

    public bool TryGet(string name, out DeviceProfile profile) => _models.TryGetValue(name, out profile!);

    public DeviceProfile Get(string name) =>
        _models.TryGetValue(name, out var profile)
            ? profile
            : throw new KeyNotFoundException($"unknown device profile '{name}'; known profiles: {string.Join(", ", Models.Select(m => m.Name))}");

    /// <summary>Directory of the profiles shipped next to the executable, or in the source tree when run from it.</summary>
    public static string? FindShippedDirectory(string? start = null)
    {
        var beside = Path.Combine(start ?? AppContext.BaseDirectory, "device-profiles");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "device-profiles");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Loads every *.yaml / *.yml file of the directories. Throws <see cref="YamlValidationException"/> listing every problem.</summary>
    public static ProfileCatalog Load(params IEnumerable<string> directories)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                throw new YamlValidationException([new YamlError(dir, 1, 1, "profile directory does not exist")]);
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal))
            {
                files[Path.GetFileNameWithoutExtension(file)] = file;
            }
        }

        return LoadFiles(files.Values.Select(f => (f, File.ReadAllText(f))));
    }

    /// <summary>Loads profiles from (file path, text) pairs; the name of each is its file name without extension.</summary>
    public static ProfileCatalog LoadFiles(IEnumerable<(string File, string Text)> sources)
    {
        var context = new YamlContext();
        var roots = new Dictionary<string, (string File, YamlMappingNode Root)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, text) in sources)
        {
            if (context.Load(file, text) is not { } root)
            {
                continue;
            }

            if (root is not YamlMappingNode map)
            {
                context.Error(root, $"a profile must be a mapping (key: value lines), found {MapReader.Describe(root)}");
                continue;
            }

            roots[Path.GetFileNameWithoutExtension(file)] = (file, map);
        }

        var resolver = new ProfileResolver(context, roots);
        var models = new Dictionary<string, DeviceProfile>(StringComparer.OrdinalIgnoreCase);
        var families = new List<string>();
        var trees = new Dictionary<string, YamlMappingNode>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, (file, _)) in roots.OrderBy(r => r.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (resolver.Resolve(name) is not { } merged)
            {
                continue;
            }

            var isAbstract = resolver.IsAbstract(name);
            var profile = ProfileReader.Read(context, name, file, merged, isAbstract);
            if (isAbstract)
            {
                families.Add(name);
            }
            else if (profile is not null)
            {
                models[name] = profile;
                trees[name] = merged;
            }
        }

        context.ThrowIfErrors();
        return new ProfileCatalog(models, trees, families, context);
    }

    /// <summary>Derives a profile with <paramref name="overrides"/> (same schema) merged on top, for one fleet device.</summary>
    /// <remarks>Errors go to <paramref name="context"/>, made by <see cref="CreateChildContext"/>.</remarks>
    internal DeviceProfile? Override(YamlContext context, DeviceProfile profile, YamlMappingNode overrides)
    {
        var merged = ProfileResolver.Merge(context, _trees[profile.Name], overrides);
        return ProfileReader.Read(context, profile.Name, profile.SourceFile, merged, isAbstract: false);
    }
}
