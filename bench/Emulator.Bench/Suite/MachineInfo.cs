using System.Runtime.InteropServices;

namespace Emulator.Bench.Suite;

/// <summary>What the figures were measured on: every report starts with it.</summary>
public sealed record MachineInfo(string HostName, int Cores, string CpuModel, string Memory, string Kernel, string DotnetVersion, string OpenSshVersion, string Commit)
{
    public static MachineInfo Collect()
    {
        string cpu = "unknown";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        string memory = "unknown";
        if (File.Exists("/proc/meminfo"))
        {
            string? total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null && long.TryParse(total[9..].Trim().TrimEnd('B', 'k').Trim(), out long kb))
            {
                memory = $"{kb / 1024.0 / 1024.0:0.0} GiB";
            }
        }

        string kernel = Shell.Capture("uname", "-sr").Trim();
        string openssh = File.Exists(OpenSshServer.SshdPath) ? OpenSshServer.Version().Split('\n')[0] : "not installed";
        string commit = Shell.Capture("git", "rev-parse", "--short", "HEAD").Trim();
        return new MachineInfo(Environment.MachineName, Environment.ProcessorCount, cpu, memory,
            kernel.Length > 0 ? kernel : RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, openssh,
            commit.Length > 0 ? commit : "unknown");
    }
}
