using Emulator.Comware.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Emulator.Comware.Tests.Engine;

/// <summary>A startup.cfg with bad lines boots, but never silently: each failed line is logged as file:line: error.</summary>
public class BootReportTests
{
    [Fact]
    public async Task A_broken_startup_line_is_reported_with_file_and_line_number()
    {
        var logger = new ListLogger();
        var services = new FakeDeviceServices { StartupConfiguration = "#\n sysname EDGE\n frobnicate the widget\n#\nreturn\n" };
        using var device = new ComwareDevice(TestDevices.V5Facts, services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands, logger: logger);

        var report = await device.EnsureBootedAsync(TestContext.Current.CancellationToken);

        Assert.Equal("startup.cfg", report.Source);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(" frobnicate the widget", error.Line);
        Assert.Equal("% Unrecognized command found at '^' position.", error.Message);
        Assert.Equal("EDGE", device.Sysname);
        Assert.Contains("startup.cfg:3: % Unrecognized command found at '^' position. ( frobnicate the widget)", logger.Lines);
    }

    [Fact]
    public async Task Without_a_saved_file_the_factory_configuration_is_the_source()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        var report = await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        Assert.Equal("default-configuration", report.Source);
        Assert.True(report.Succeeded);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception));
            }
        }
    }
}
