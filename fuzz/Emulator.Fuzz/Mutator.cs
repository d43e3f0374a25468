using System.Diagnostics;

namespace Emulator.Fuzz;

/// <summary>
/// The short, dependency-free fuzz run CI uses: seeds plus random mutations (bit flips, byte changes, inserts, deletes,
/// splices of two inputs, interesting lengths) for a fixed time, every input run in-process. AFL++ (see README) does the
/// long, coverage-guided runs; this one catches regressions in every test run.
/// </summary>
public sealed class Mutator(int seed)
{
    /// <summary>A run longer than this is reported as a hang.</summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromSeconds(5);

    private static readonly byte[] s_interesting = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x14, 0x15, 0x1E, 0x32, 0x5A, 0x5E];
    private readonly Random _random = new(seed);

    /// <summary>Runs the target until <paramref name="duration"/> has passed. Returns the first input that failed, or null.</summary>
    public Finding? Run(IFuzzTarget target, IReadOnlyList<byte[]> seeds, TimeSpan duration, out int executions)
    {
        ArgumentNullException.ThrowIfNull(target);
        executions = 0;
        var pool = seeds.Count > 0 ? seeds.ToList() : [[]];
        var clock = Stopwatch.StartNew();
        foreach (var input in pool.ToList())
        {
            if (Execute(target, input) is { } finding)
            {
                return finding;
            }

            executions++;
        }

        while (clock.Elapsed < duration)
        {
            var input = Mutate(pool[_random.Next(pool.Count)], pool[_random.Next(pool.Count)]);
            if (Execute(target, input) is { } finding)
            {
                return finding;
            }

            executions++;
            if (_random.Next(64) == 0 && pool.Count < 512)
            {
                pool.Add(input);
            }
        }

        return null;
    }

    private static Finding? Execute(IFuzzTarget target, byte[] input)
    {
        var run = Task.Run(() => target.Run(input));
        try
        {
            if (!run.Wait(MaxRunTime))
            {
                return new Finding(input, $"hang: no return within {MaxRunTime.TotalSeconds:0} s");
            }
        }
        catch (AggregateException ex)
        {
            var error = ex.InnerException ?? ex;
            // Some library exceptions (YamlDotNet's) print only their message from ToString: name the type and the stack.
            return new Finding(input, $"{error.GetType().FullName}: {error.Message}\n{error.StackTrace}");
        }

        return null;
    }

    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : _random.Next(data.Count);
            switch (_random.Next(7))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = s_interesting[_random.Next(s_interesting.Length)];
                    break;
                case 2:
                    data.Insert(at, (byte)_random.Next(256));
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(16)));
                    break;
                case 4 when other.Length > 0:
                    var from = _random.Next(other.Length);
                    data.InsertRange(at, other.Skip(from).Take(1 + _random.Next(64)));
                    break;
                case 5 when data.Count >= 4:
                    // A length field: big-endian uint32 set to an edge value.
                    var edge = (uint[])[0, 1, 0x7FFFFFFF, 0xFFFFFFFF, 35000, 262144];
                    var value = edge[_random.Next(edge.Length)];
                    var pos = _random.Next(data.Count - 3);
                    data[pos] = (byte)(value >> 24);
                    data[pos + 1] = (byte)(value >> 16);
                    data[pos + 2] = (byte)(value >> 8);
                    data[pos + 3] = (byte)value;
                    break;
                default:
                    data.AddRange(Enumerable.Range(0, 1 + _random.Next(32)).Select(_ => (byte)_random.Next(256)));
                    break;
            }
        }

        return [.. data];
    }
}

/// <summary>An input that made a target throw or hang.</summary>
public sealed record Finding(byte[] Input, string Error)
{
    public override string ToString() => $"{Error}\ninput (base64): {Convert.ToBase64String(Input)}";
}
