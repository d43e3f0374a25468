using System.Globalization;
using Emulator.Fuzz;

// emulator-fuzz afl TARGET                          stdin-driven, for AFL++ through SharpFuzz (see fuzz/README.md)
// emulator-fuzz smoke TARGET [SECONDS] [SEED]       seeds + random mutations in-process; exit 1 on a finding
// emulator-fuzz replay TARGET FILE                  runs one input (a saved finding)
// emulator-fuzz seeds TARGET DIR                    writes the seeds as files, the AFL++ input corpus
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: emulator-fuzz afl|smoke|replay|seeds TARGET [...]; targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
    return 2;
}

var target = FuzzTargets.Find(args[1]);
var root = RepositoryRoot.Find();
switch (args[0])
{
    case "afl":
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    case "smoke":
        var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
        var seed = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Environment.TickCount;
        var finding = new Mutator(seed).Run(target, [.. target.Seeds(root)], TimeSpan.FromSeconds(seconds), out var executions);
        Console.WriteLine($"{target.Name}: {executions} executions in {seconds} s (seed {seed}), {(finding is null ? "no finding" : "FINDING")}");
        if (finding is not null)
        {
            Console.WriteLine(finding);
            var saved = Path.Combine(root, "fuzz", "findings", target.Name + "-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(finding.Input))[..12].ToLowerInvariant());
            Directory.CreateDirectory(Path.GetDirectoryName(saved)!);
            File.WriteAllBytes(saved, finding.Input);
            Console.WriteLine($"saved to {saved}; once fixed, move it to fuzz/regressions/{target.Name}/ so every test run replays it");
            return 1;
        }

        return 0;
    case "replay":
        target.Run(File.ReadAllBytes(args[2]));
        Console.WriteLine("returned normally");
        return 0;
    case "seeds":
        Directory.CreateDirectory(args[2]);
        var n = 0;
        foreach (var input in target.Seeds(root))
        {
            File.WriteAllBytes(Path.Combine(args[2], $"seed-{n++:D4}"), input);
        }

        Console.WriteLine($"{n} seeds written to {args[2]}");
        return 0;
    default:
        Console.Error.WriteLine($"unknown mode '{args[0]}'");
        return 2;
}
