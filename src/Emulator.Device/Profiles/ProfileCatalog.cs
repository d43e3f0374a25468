using Emulator.Device.Yaml;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Profiles;

/// <summary>
/// Every profile of one or more directories. A profile is named by its file (F1000-E.yaml is F1000-E); a later
/// directory's file replaces an earlier one of the same name. Profiles marked <c>abstract: true</c> are families: they
/// can be extended but not run.
/// <para>
/// <see cref="Load"/> and <see cref="LoadFiles"/> read and validate every profile at once and list every problem.
/// <see cref="LoadOnDemand"/> does that for the user's directories only, and reads a shipped profile (with its
/// <c>extends:</c> chain) when it is first asked for: a one-device host reads 3 of the 25 shipped files, which the test
/// suite validates as a whole (ShippedProfileTests). Thread-safe.
/// </para>
/// </summary>
public sealed class ProfileCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _files;
    private readonly Func<string, string> _readText;
    private readonly Dictionary<string, YamlMappingNode?> _roots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeviceProfile?> _read = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, YamlMappingNode> _trees = new(StringComparer.OrdinalIgnoreCase);
    private readonly YamlContext _context = new();
    private readonly ProfileResolver _resolver;
    private bool _allRead;

    private ProfileCatalog(Dictionary<string, string> files, Func<string, string> readText)
    {
        _files = files;
        _readText = readText;
        _resolver = new ProfileResolver(_context, ParseRoot, _files.Keys);
    }

    /// <summary>A context for files whose nodes merge onto this catalog's profiles (fleet overrides).</summary>
    internal YamlContext CreateChildContext() => new(_context);

    /// <summary>Runnable model profiles, sorted by name (reads every profile not read yet).</summary>
    public IReadOnlyList<DeviceProfile> Models
    {
        get
        {
            lock (_gate)
            {
                ReadAll();
                return [.. _read.Where(r => r.Value is not null && !_resolver.IsAbstract(r.Key)).Select(r => r.Value!).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
            }
        }
    }

    /// <summary>Family (abstract) profile names, sorted (reads every profile not read yet).</summary>
    public IReadOnlyList<string> Families
    {
        get
        {
            lock (_gate)
            {
                ReadAll();
                return [.. _files.Keys.Where(_resolver.IsAbstract).Order(StringComparer.OrdinalIgnoreCase)];
            }
        }
    }

    /// <summary>The runnable profile of that name; false for an unknown name or a family.</summary>
    /// <exception cref="YamlValidationException">The profile (or a profile it extends) is invalid.</exception>
    public bool TryGet(string name, out DeviceProfile profile)
    {
        lock (_gate)
        {
            profile = Read(name, throwOnErrors: true)!;
            return profile is not null && !_resolver.IsAbstract(name);
        }
    }

    public DeviceProfile Get(string name) =>
        TryGet(name, out var profile)
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
        var catalog = new ProfileCatalog(FindFiles(directories), File.ReadAllText);
        catalog.ReadAndValidate(catalog._files.Keys);
        return catalog;
    }

    /// <summary>
    /// The shipped profiles, read when first asked for, and the user's <paramref name="eager"/> directories, read and
    /// validated now (a mistake there stops the start with every problem listed, as <see cref="Load"/> does).
    /// </summary>
    public static ProfileCatalog LoadOnDemand(string shipped, params IEnumerable<string> eager)
    {
        var eagerDirectories = eager.ToList();
        var catalog = new ProfileCatalog(FindFiles([shipped, .. eagerDirectories]), File.ReadAllText);
        var user = catalog._files.Where(f => eagerDirectories.Any(d => IsInside(f.Value, d))).Select(f => f.Key).ToList();
        catalog.ReadAndValidate(user);
        return catalog;
    }

    /// <summary>Loads profiles from (file path, text) pairs; the name of each is its file name without extension.</summary>
    public static ProfileCatalog LoadFiles(IEnumerable<(string File, string Text)> sources)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, text) in sources)
        {
            texts[file] = text;
            files[Path.GetFileNameWithoutExtension(file)] = file;
        }

        var catalog = new ProfileCatalog(files, file => texts[file]);
        catalog.ReadAndValidate(catalog._files.Keys);
        return catalog;
    }

    private static Dictionary<string, string> FindFiles(IEnumerable<string> directories)
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

        return files;
    }

    private static bool IsInside(string file, string directory) =>
        string.Equals(Path.GetFullPath(Path.GetDirectoryName(file)!), Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

    private void ReadAndValidate(IEnumerable<string> names)
    {
        lock (_gate)
        {
            foreach (var name in names.Order(StringComparer.OrdinalIgnoreCase).ToList())
            {
                Read(name, throwOnErrors: false);
            }

            _context.ThrowIfErrors();
        }
    }

    private void ReadAll()
    {
        if (!_allRead)
        {
            ReadAndValidate(_files.Keys);
            _allRead = true;
        }
    }

    /// <summary>Reads one profile with its chain (once); null for an unknown name or an invalid profile. Under the lock.</summary>
    private DeviceProfile? Read(string name, bool throwOnErrors)
    {
        if (!_read.TryGetValue(name, out var profile))
        {
            if (!_files.TryGetValue(name, out var file))
            {
                return null;
            }

            var errorsBefore = _context.Errors.Count;
            if (_resolver.Resolve(name) is { } merged)
            {
                profile = ProfileReader.Read(_context, name, file, merged, _resolver.IsAbstract(name));
                if (profile is not null && !_resolver.IsAbstract(name))
                {
                    _trees[name] = merged;
                }
            }

            _read[name] = _context.Errors.Count > errorsBefore ? null : profile;
        }

        if (throwOnErrors && _read[name] is null)
        {
            // Whatever was read so far is this profile's chain (and what the start validated, which had no errors).
            _context.ThrowIfErrors();
        }

        return _read[name];
    }

    /// <summary>A profile file's own tree, parsed on first use; null after recording why it is not a mapping.</summary>
    private YamlMappingNode? ParseRoot(string name)
    {
        if (_roots.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var file = _files[name];
        YamlMappingNode? root = null;
        switch (_context.Load(file, _readText(file)))
        {
            case YamlMappingNode map:
                root = map;
                break;
            case { } other:
                _context.Error(other, $"a profile must be a mapping (key: value lines), found {MapReader.Describe(other)}");
                break;
        }

        _roots[name] = root;
        return root;
    }

    /// <summary>Derives a profile with <paramref name="overrides"/> (same schema) merged on top, for one fleet device.</summary>
    /// <remarks>Errors go to <paramref name="context"/>, made by <see cref="CreateChildContext"/>.</remarks>
    internal DeviceProfile? Override(YamlContext context, DeviceProfile profile, YamlMappingNode overrides)
    {
        YamlMappingNode tree;
        lock (_gate)
        {
            tree = _trees[profile.Name];
        }

        var merged = ProfileResolver.Merge(context, tree, overrides);
        return ProfileReader.Read(context, profile.Name, profile.SourceFile, merged, isAbstract: false);
    }
}
