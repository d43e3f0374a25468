using System.IO.Pipelines;
using System.Net;
using Emulator.Device.Tests.Support;
using Emulator.Device.Wiring;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Tests.Wiring;

/// <summary>What a session on the Comware engine logs (README: logins, session open and close, per device).</summary>
public sealed class ComwareEngineLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_exec_logs_its_login_with_its_command_in_one_line_then_its_logout()
    {
        var facts = ShippedProfileTests.Shipped.Get("F1000-E").CreateFacts("fw", null, null);
        var logger = new ListLogger();
        using var engine = ComwareEngine.Factory(facts, new ScratchDeviceServices(), TimeProvider.System, logger);
        await engine.BootAsync(Ct);
        var input = new Pipe();
        await input.Writer.CompleteAsync();
        var output = new Pipe();
        var session = new SshSession
        {
            UserName = "admin",
            ConnectionId = "ssh-1",
            RemoteEndPoint = new IPEndPoint(IPAddress.Loopback, 50000),
            Kind = SshSessionKind.Exec,
            Command = "display clock",
            Input = input.Reader,
            Output = output.Writer,
            ErrorOutput = new Pipe().Writer,
            Events = AsyncEnumerable.Empty<SessionEvent>(),
            EventSubscriber = _ => { },
        };

        Assert.Equal(0, await engine.RunSessionAsync(session, Ct));

        Assert.Equal(
            ["user admin logged in from 127.0.0.1 (Exec, VTY 0) and runs: display clock", "user admin from 127.0.0.1 logged out (VTY 0)"],
            logger.Lines);
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lock (_lines)
                {
                    _lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
