using System.Diagnostics;

namespace Emulator.Bench.Suite;

/// <summary>Runs short helper programs (ssh-keygen, useradd, getconf) and captures their output.</summary>
internal static class Shell
{
    public static string Capture(string file, params string[] arguments) => Run(file, arguments, stdin: null, check: false).Output;

    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, string? stdin, bool check = true)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            var stderr = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            string all = output + stderr.Result;
            if (check && process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {all.Trim()}");
            }

            return (process.ExitCode, all);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            if (check)
            {
                throw new InvalidOperationException($"cannot run {file}: {ex.Message}", ex);
            }

            return (-1, "");
        }
    }
}
