using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>Real clients that are not plain executables. A missing one skips the test, or fails it when CI=true.</summary>
internal static class ExternalClients
{
    /// <summary>Debian's python3 with paramiko (the python3 first on PATH may be a build without it).</summary>
    public static async Task<string> RequirePythonModuleAsync(string module)
    {
        const string python = "/usr/bin/python3";
        if (File.Exists(python))
        {
            var (code, _, _) = await ExternalTool.RunAsync(python, ["-c", "import " + module], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            if (code == 0)
            {
                return python;
            }
        }

        Missing($"{python} with the {module} module");
        return python;
    }

    public static void Missing(string what)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{what} is required under CI but is not installed");
        }

        Assert.Skip($"{what} is not installed");
    }
}
