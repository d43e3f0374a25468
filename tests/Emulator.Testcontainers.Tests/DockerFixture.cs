using System.Diagnostics;
using System.Globalization;

[assembly: AssemblyFixture(typeof(Emulator.Testcontainers.Tests.DockerFixture))]

namespace Emulator.Testcontainers.Tests;

/// <summary>Once per test run: finds a Docker engine, adapts Testcontainers to it, and builds the emulator image
/// from this checkout with docker/build.sh, so `dotnet test` alone tests the current code.</summary>
/// <remarks>
/// EMULATOR_IMAGE=tag uses an image built elsewhere instead. Without Docker the container tests skip, except under
/// CI=true where they fail: CI must not go green without having run them.
/// </remarks>
public sealed class DockerFixture : IAsyncLifetime
{
    /// <summary>Testcontainers 4.16 speaks Docker API 1.44; older engines (Debian's 20.10 = 1.41) need it pinned.</summary>
    private static readonly Version TestcontainersApiVersion = new(1, 44);

    private string? _unavailableReason;
    private string? _buildError;

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Image { get; private set; } = SecPathBuilder.SecPathImage;

    /// <summary>Wall time of docker/build.sh (publish + docker build), null when the image came from EMULATOR_IMAGE.</summary>
    public TimeSpan? BuildTime { get; private set; }

    public string? ComposeCommand { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var version = await ProcessRunner.RunAsync("docker", ["version", "--format", "{{.Server.APIVersion}}"], timeout: TimeSpan.FromSeconds(30));
        if (version.ExitCode != 0 || !Version.TryParse(version.Output.Trim(), out var apiVersion))
        {
            _unavailableReason = $"no Docker engine answers `docker version` ({version.Error.Trim()}); start one, e.g. `eval \"$(bash ../shared/tools/offline-docker.sh)\"`";
            return;
        }

        if (apiVersion < TestcontainersApiVersion)
        {
            // An old engine is the offline setup: pin the API and run without Ryuk (its image cannot be pulled there).
            SetDefault("DOCKER_API_VERSION", apiVersion.ToString(2));
            SetDefault("TESTCONTAINERS_RYUK_DISABLED", "true");
        }

        ComposeCommand = await FindComposeAsync();

        var prebuilt = Environment.GetEnvironmentVariable("EMULATOR_IMAGE");
        if (!string.IsNullOrEmpty(prebuilt))
        {
            Image = prebuilt;
            return;
        }

        var environment = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("BASE_IMAGE")) && await UseLocalBaseAsync())
        {
            environment["BASE_IMAGE"] = "localbase:bookworm";
        }

        var stopwatch = Stopwatch.StartNew();
        var build = await ProcessRunner.RunAsync(
            "bash",
            ["docker/build.sh", Image],
            RepositoryRoot,
            environment,
            TimeSpan.FromMinutes(15));
        BuildTime = stopwatch.Elapsed;
        if (build.ExitCode != 0)
        {
            _buildError = $"docker/build.sh failed ({build.ExitCode}):\n{Tail(build.Error)}\n{Tail(build.Output)}";
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Call first in every container test.</summary>
    public void RequireDocker()
    {
        if (_unavailableReason is not null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true and {_unavailableReason}");
            }

            Assert.Skip(_unavailableReason);
        }

        if (_buildError is not null)
        {
            Assert.Fail(_buildError);
        }
    }

    public void RequireCompose()
    {
        RequireDocker();
        if (ComposeCommand is null)
        {
            const string reason = "neither `docker compose` nor `docker-compose` is installed";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true and {reason}");
            }

            Assert.Skip(reason);
        }
    }

    internal static string Format(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static void SetDefault(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    // The default base (mcr.microsoft.com/dotnet/runtime-deps:10.0) needs a registry; the offline stand-in works without.
    private static async Task<bool> UseLocalBaseAsync()
    {
        var official = await ProcessRunner.RunAsync("docker", ["image", "inspect", "mcr.microsoft.com/dotnet/runtime-deps:10.0"], timeout: TimeSpan.FromSeconds(30));
        if (official.ExitCode == 0)
        {
            return false;
        }

        var local = await ProcessRunner.RunAsync("docker", ["image", "inspect", "localbase:bookworm"], timeout: TimeSpan.FromSeconds(30));
        return local.ExitCode == 0;
    }

    private static async Task<string?> FindComposeAsync()
    {
        var plugin = await ProcessRunner.RunAsync("docker", ["compose", "version"], timeout: TimeSpan.FromSeconds(30));
        if (plugin.ExitCode == 0)
        {
            return "docker compose";
        }

        var standalone = await ProcessRunner.RunAsync("docker-compose", ["version"], timeout: TimeSpan.FromSeconds(30));
        return standalone.ExitCode == 0 ? "docker-compose" : null;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "docker", "Dockerfile")) && File.Exists(Path.Combine(directory.FullName, "Emulator.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (docker/Dockerfile next to Emulator.sln) above {AppContext.BaseDirectory}.");
    }
}
