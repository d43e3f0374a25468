using System.Diagnostics;

namespace Emulator.Host.Tests;

/// <summary>
/// How tests start the host as a process: <c>dotnet emulator.dll</c> (the JIT build next to the tests), or the native
/// executable named by <c>EMULATOR_NATIVE_HOST</c> (docker/publish.sh's output, e.g. docker/out/emulator), so the
/// same tests run against both: <c>EMULATOR_NATIVE_HOST=$PWD/docker/out/emulator dotnet test tests/Emulator.Host.Tests</c>.
/// </summary>
internal static class HostLauncher
{
    public const string NativeHostVariable = "EMULATOR_NATIVE_HOST";

    /// <summary>The native executable to test, or null for the JIT host. A variable naming no file is an error, never a silent fallback.</summary>
    public static string? NativeHost
    {
        get
        {
            var path = Environment.GetEnvironmentVariable(NativeHostVariable);
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            return File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"{NativeHostVariable} names no file", path);
        }
    }

    public static ProcessStartInfo StartInfo(IEnumerable<string> args) => StartInfo(NativeHost, args);

    /// <param name="native">The native executable, or null for <c>dotnet emulator.dll</c>.</param>
    public static ProcessStartInfo StartInfo(string? native, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(native ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (native is null)
        {
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "emulator.dll"));
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}
