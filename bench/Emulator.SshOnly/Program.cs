using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

// emulator-ssh-only PORT: one SshServer on 127.0.0.1:PORT (0 = any free port), user admin/admin, Ed25519 host key.
// exec `display version` prints a fixed text, exec `stream BYTES` sends that many bytes of text (channel throughput);
// a shell echoes lines and prompts <ssh-only>. Prints "listening on PORT" when ready.
int port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
// As the emulator host does (src/Emulator.Host/SocketCompletions.cs): socket reads continue on the I/O thread.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

using var hostKey = SshHostKey.Generate("ssh-ed25519", seed: [42]);
var server = new SshServer(new SshServerOptions
{
    HostKeys = new OneHostKey(hostKey),
    Authenticator = new AdminOnly(),
    Sessions = new FixedOutput(),
    LoggerFactory = args.Contains("--verbose") ? new ConsoleErrorLogger() : null,
});

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
listener.Listen(4096);
Console.WriteLine($"listening on {((IPEndPoint)listener.LocalEndPoint!).Port}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

try
{
    while (!stop.IsCancellationRequested)
    {
        var socket = await listener.AcceptAsync(stop.Token);
        socket.NoDelay = true;
        _ = Task.Run(async () =>
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var pipe = new StreamPipe(PipeReader.Create(stream, new StreamPipeReaderOptions(useZeroByteReads: true)), PipeWriter.Create(stream));
            await server.HandleConnectionAsync(new SshConnectionInfo(socket.RemoteEndPoint, socket.LocalEndPoint, pipe), stop.Token);
        });
    }
}
catch (OperationCanceledException)
{
    // Stopped.
}

internal sealed class StreamPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}

internal sealed class OneHostKey(SshHostKey key) : IHostKeyProvider
{
    public IReadOnlyCollection<string> KeyTypes { get; } = [key.KeyType];

    public ValueTask<SshHostKey> GetKeyAsync(string keyType, CancellationToken cancellationToken) => ValueTask.FromResult(key);
}

internal sealed class AdminOnly : IUserAuthenticator
{
    public ValueTask<AuthenticationPolicy> GetPolicyAsync(string userName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthenticationPolicy.PasswordOrPublicKey);

    public ValueTask<bool> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken) =>
        ValueTask.FromResult(userName == "admin" && password == "admin");

    public ValueTask<bool> IsAuthorizedKeyAsync(string userName, ReadOnlyMemory<byte> publicKeyBlob, CancellationToken cancellationToken) =>
        ValueTask.FromResult(false);
}

internal sealed class FixedOutput : ISessionHandler
{
    private static readonly byte[] s_version = Encoding.ASCII.GetBytes(
        "H3C Comware Software, Version 7.1.064, Release 9323P1801\r\nCopyright (c) 2004-2026 New H3C Technologies Co., Ltd. All rights reserved.\r\n");

    private static readonly byte[] s_text = [.. Enumerable.Range(0, 32 * 1024).Select(i => (byte)(i % 64 == 63 ? '\n' : 'a' + (i * 7 % 26)))];

    private static readonly byte[] s_prompt = "\r\n<ssh-only>"u8.ToArray();

    public async Task<int?> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        if (session.Kind == SshSessionKind.Exec && session.Command is { } command && command.StartsWith("stream ", StringComparison.Ordinal))
        {
            long remaining = long.Parse(command.AsSpan(7), CultureInfo.InvariantCulture);
            while (remaining > 0)
            {
                int chunk = (int)Math.Min(remaining, s_text.Length);
                await session.Output.WriteAsync(s_text.AsMemory(0, chunk), cancellationToken);
                remaining -= chunk;
            }

            return 0;
        }

        if (session.Kind == SshSessionKind.Exec)
        {
            await session.Output.WriteAsync(s_version, cancellationToken);
            return 0;
        }

        // A line-at-a-time shell: echo what is typed, a prompt after every Enter (so typed-ahead lines each get one).
        await session.Output.WriteAsync(s_prompt.AsMemory(2), cancellationToken);
        while (true)
        {
            var read = await session.Input.ReadAsync(cancellationToken);
            foreach (var segment in read.Buffer)
            {
                var rest = segment;
                while (rest.Length > 0)
                {
                    int enter = rest.Span.IndexOf((byte)'\r');
                    if (enter < 0)
                    {
                        await session.Output.WriteAsync(rest, cancellationToken);
                        break;
                    }

                    await session.Output.WriteAsync(rest[..enter], cancellationToken);
                    await session.Output.WriteAsync(s_prompt, cancellationToken);
                    rest = rest[(enter + 1)..];
                }
            }

            session.Input.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return 0;
            }
        }
    }
}

/// <summary>--verbose: the SSH layer's log lines on stderr (no logging package needed for a benchmark server).</summary>
internal sealed class ConsoleErrorLogger : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) { }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine($"{logLevel}: {formatter(state, exception)} {exception}");

    public void Dispose() { }
}
