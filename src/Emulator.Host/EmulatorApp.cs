using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Emulator.Device.Fleet;
using Emulator.Device.Profiles;
using Emulator.Device.Runtime;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Emulator.Device.Yaml;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Emulator.Host;

/// <summary>
/// The emulator process: settings -> profiles -> fleet -> generic host (Serilog, device listeners, and the
/// control API when enabled). <see cref="RunAsync"/> is the whole program; tests use <see cref="Create"/>.
/// </summary>
internal sealed class EmulatorApp : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Serilog.Core.Logger _serilog;
    private readonly Meter _meter;
    private readonly IDisposable? _metrics;
    private readonly Task _keysAtStart;

    private EmulatorApp(IHost host, Serilog.Core.Logger serilog, DeviceFleet fleet, HostSettings settings, Meter meter, IDisposable? metrics, Task keysAtStart)
    {
        _keysAtStart = keysAtStart;
        _host = host;
        _serilog = serilog;
        Fleet = fleet;
        Settings = settings;
        _meter = meter;
        _metrics = metrics;
    }

    public DeviceFleet Fleet { get; }

    public HostSettings Settings { get; }

    /// <summary>The control API base address once started (the real port when 0 was asked for), or null.</summary>
    public Uri? ControlAddress =>
        _host.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).FirstOrDefault();

    public static async Task<int> RunAsync(string[] args, IDictionary<string, string?> environment, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length > 0 && Recording.ProfileTools.Handles(args[0]))
        {
            return await Recording.ProfileTools.RunAsync(args, environment, stdout, stderr);
        }

        HostSettings settings;
        try
        {
            settings = HostSettings.Load(args, environment, AppContext.BaseDirectory);
        }
        catch (ArgumentException ex)
        {
            await stderr.WriteLineAsync("emulator: " + ex.Message);
            return 2;
        }

        if (settings.Help)
        {
            await stdout.WriteLineAsync(HostSettings.HelpText());
            return 0;
        }

        EmulatorApp app;
        try
        {
            var catalog = LoadProfiles(settings);
            if (settings.ListProfiles)
            {
                foreach (var model in catalog.Models)
                {
                    await stdout.WriteLineAsync(model.Name);
                }

                return 0;
            }

            app = Create(settings, catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System);
        }
        catch (YamlValidationException ex)
        {
            await stderr.WriteLineAsync("emulator: invalid configuration, not starting:" + Environment.NewLine + ex.Message);
            return 1;
        }
        catch (KeyNotFoundException ex)
        {
            await stderr.WriteLineAsync("emulator: " + ex.Message);
            return 1;
        }

        await using (app)
        {
            try
            {
                await app._host.RunAsync();
            }
            catch (IOException ex)
            {
                // The control API port is taken, for example.
                await stderr.WriteLineAsync("emulator: " + ex.Message);
                return 1;
            }
            catch (OperationCanceledException)
            {
                // SIGTERM while the control API was still binding: the devices already listened, so this is a normal stop.
                return 0;
            }
        }

        return 0;
    }

    public static ProfileCatalog LoadProfiles(HostSettings settings)
    {
        var shipped = ProfileCatalog.FindShippedDirectory()
            ?? throw new YamlValidationException([new YamlError(Path.Combine(AppContext.BaseDirectory, "device-profiles"), 1, 1, "the shipped device profiles are missing")]);
        return settings.Profiles is null ? ProfileCatalog.LoadOnDemand(shipped) : ProfileCatalog.LoadOnDemand(shipped, settings.Profiles);
    }

    public static IReadOnlyList<DeviceSpec> BuildSpecs(HostSettings settings, ProfileCatalog catalog)
    {
        if (settings.Fleet is { } fleetFile)
        {
            var fleet = FleetFile.Load(fleetFile, catalog);
            return settings.Shard is { } shard ? shard.Select(fleet) : fleet;
        }

        var profile = catalog.Get(settings.Profile);
        return [new DeviceSpec(settings.DeviceName, profile, new IPEndPoint(settings.Address, settings.SshPort),
            settings.AlgorithmPolicy ?? profile.Ssh.DefaultPolicy, null, settings.Sysname)
        {
            NetconfEndPoint = settings.NetconfPort is { } netconf ? new IPEndPoint(settings.Address, netconf) : null,
            TelnetEndPoint = settings.TelnetPort is { } telnet ? new IPEndPoint(settings.Address, telnet) : null,
            SnmpEndPoint = settings.SnmpPort is { } snmp ? new IPEndPoint(settings.Address, snmp) : null,
        }];
    }

    public static EmulatorApp Create(HostSettings settings, ProfileCatalog catalog, DeviceEngineFactory engines, IHostKeyCodec keyCodec,
        TimeProvider time, Action<LoggerConfiguration>? extraLogging = null)
    {
        var specs = BuildSpecs(settings, catalog);
        var serilog = CreateLogger(settings, extraLogging);
        var loggerFactory = new CachingLoggerFactory(new Serilog.Extensions.Logging.SerilogLoggerFactory(serilog));
        var secret = settings.FleetSecret is null ? null : Encoding.UTF8.GetBytes(settings.FleetSecret);
        // One meter per app (not a static one): several hosts in one process (tests) keep their figures apart.
        var meter = new Meter(new MeterOptions("Emulator"));
        var fleet = new DeviceFleet(specs, settings.StateDir, keyCodec, secret, engines, time, loggerFactory, new DeviceTelemetry(meter),
            new Emulator.Ssh.UnauthenticatedConnectionLimit(settings.MaxStartups, settings.PerSourceMaxStartups));
        var keysAtStart = FleetService.StartCreatingKeys(fleet, settings);

        IHost host;
        FleetMetrics? metrics = null;
        if (settings.Control is { } control)
        {
            // The empty web builder, for the same reason as the empty host below: the slim builder also reads
            // appsettings files and watches them for changes (an inotify thread), and that start-up work left the
            // native host 1.3 MiB larger than Kestrel and routing alone (issue 15's 25 MB target for one device).
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseKestrelCore();
            builder.Services.AddRoutingCore();
            Configure(builder.Services, builder.Logging, serilog, fleet, settings, time);
            builder.WebHost.UseUrls(control.GetLeftPart(UriPartial.Authority));
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ControlAccessPolicy.MaxRequestBodyBytes);
            var web = builder.Build();
            var access = new ControlAccessPolicy(control, settings.ControlToken, settings.ControlAllowedHosts);
            ControlApiGuard.LogStartWarnings(loggerFactory.CreateLogger("Emulator.Host.ControlApi"), access, control);
            ControlApiGuard.Use(web, access);
            HealthCheck.Use(web, fleet);
            // Explicitly here: left implicit, the web application would put routing first, ahead of the probe.
            web.UseRouting();
            ControlApi.Map(web);
            metrics = new FleetMetrics(fleet, meter);
            metrics.Map(web);
            host = web;
        }
        else
        {
            // The empty builder: settings come from HostSettings, and logging is Serilog's, so the default builder's
            // configuration sources (appsettings files, environment, command line) and logging providers would only
            // cost start time. The console lifetime (SIGTERM, Ctrl+C) is part of every host.
            var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
            Configure(builder.Services, builder.Logging, serilog, fleet, settings, time);
            host = builder.Build();
        }

        return new EmulatorApp(host, serilog, fleet, settings, meter, metrics, keysAtStart);
    }

    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        await _keysAtStart;
        await Fleet.DisposeAsync();
        _metrics?.Dispose();
        _meter.Dispose();
        await _serilog.DisposeAsync();
    }

    private static void Configure(IServiceCollection services, ILoggingBuilder logging, Serilog.Core.Logger serilog, DeviceFleet fleet, HostSettings settings, TimeProvider time)
    {
        logging.ClearProviders();
        logging.AddSerilog(serilog);
        services.AddSingleton(fleet);
        services.AddSingleton(settings);
        services.AddSingleton(time);
        services.AddHostedService<FleetService>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);
    }

    private static Serilog.Core.Logger CreateLogger(HostSettings settings, Action<LoggerConfiguration>? extra)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(settings.LogLevel)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Device", "host")
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Device}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (settings.LogFile is { } file)
        {
            config = config.WriteTo.File(new CompactJsonFormatter(), file);
        }

        extra?.Invoke(config);
        return config.CreateLogger();
    }
}
