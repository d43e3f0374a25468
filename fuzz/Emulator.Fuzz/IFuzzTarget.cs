namespace Emulator.Fuzz;

/// <summary>
/// One thing that reads untrusted bytes. <see cref="Run"/> must return normally for every input: an exception that
/// escapes, or a run longer than <see cref="Mutator.MaxRunTime"/>, is a finding.
/// </summary>
public interface IFuzzTarget
{
    string Name { get; }

    /// <summary>Inputs to start from: real traffic, files and keystrokes taken from the repository's tests and data.</summary>
    IEnumerable<byte[]> Seeds(string repositoryRoot);

    void Run(byte[] input);
}

/// <summary>The targets, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new Targets.SshServerTarget(),
        new Targets.CliTarget(),
        new Targets.FleetYamlTarget(),
        new Targets.ProfileYamlTarget(),
        new Targets.HostKeyFileTarget(),
    ];

    public static IFuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"no fuzz target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}");
}
