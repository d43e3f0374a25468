using System.Globalization;

namespace Emulator.Bench.Suite;

/// <summary>CPU time and resident memory of a process from /proc (Linux).</summary>
public readonly record struct ProcSample(TimeSpan OwnCpu, TimeSpan ReapedChildrenCpu, long RssBytes)
{
    /// <summary>utime + stime + cutime + cstime: the process and every child it has waited for.</summary>
    public TimeSpan TotalCpu => OwnCpu + ReapedChildrenCpu;
}

public static class ProcStat
{
    private static readonly Lazy<double> s_ticksPerSecond = new(() =>
        double.TryParse(Shell.Capture("getconf", "CLK_TCK").Trim(), CultureInfo.InvariantCulture, out double t) && t > 0 ? t : 100);

    public static ProcSample Read(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name is in parentheses and may contain spaces: fields are counted after the last ')'.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        double tick = s_ticksPerSecond.Value;
        TimeSpan Ticks(int field) => TimeSpan.FromSeconds(long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / tick);
        return new ProcSample(Ticks(14) + Ticks(15), Ticks(16) + Ticks(17), ReadRss(pid));
    }

    public static long ReadRss(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    /// <summary>Live child processes of <paramref name="pid"/> (all threads), from /proc/PID/task/*/children.</summary>
    public static int CountChildren(int pid) => Children(pid).Count;

    public static IReadOnlyList<int> Children(int pid)
    {
        var children = new List<int>();
        try
        {
            foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                string path = Path.Combine(task, "children");
                if (File.Exists(path))
                {
                    children.AddRange(File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                        .Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // The process is gone.
        }

        return children;
    }
}
