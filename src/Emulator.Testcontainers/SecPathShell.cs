using System.Text;
using System.Text.RegularExpressions;
using Renci.SshNet;

namespace Emulator.Testcontainers;

/// <summary>An interactive Comware CLI session over SSH (SSH.NET), the way automation tools drive the device:
/// a shell channel with a terminal, one command at a time, reading up to the next prompt.</summary>
public sealed partial class SecPathShell : IDisposable
{
    private static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(15);

    private readonly SshClient _client;
    private readonly ShellStream _stream;
    private readonly StringBuilder _pending = new();
    private readonly byte[] _readBuffer = new byte[4096];

    private SecPathShell(SshClient client, ShellStream stream, string? hostKeyFingerprint)
    {
        _client = client;
        _stream = stream;
        HostKeyFingerprint = hostKeyFingerprint;
    }

    /// <summary>The prompt that ended the last read, such as <c>&lt;H3C&gt;</c> or <c>[H3C-luser-manage-admin]</c>.</summary>
    public string Prompt { get; private set; } = string.Empty;

    /// <summary>Everything the login printed before the first prompt (banners, "Info:" lines).</summary>
    public string LoginText { get; private set; } = string.Empty;

    /// <summary>SHA-256 fingerprint (<c>SHA256:base64</c>, as OpenSSH prints it) of the host key the server proved.</summary>
    public string? HostKeyFingerprint { get; }

    /// <summary>The server's identification string, for example <c>SSH-1.99-Comware-5.20</c>.</summary>
    public string ServerVersion => _client.ConnectionInfo.ServerVersion ?? string.Empty;

    /// <summary>Connects with a password, opens a shell and waits for the first prompt.</summary>
    /// <param name="host">Host name or address of the SSH endpoint.</param>
    /// <param name="port">SSH port.</param>
    /// <param name="username">User name.</param>
    /// <param name="password">Password.</param>
    /// <param name="expectedFingerprint">When set, the connection is refused unless the host key has this SHA-256 fingerprint.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    public static async Task<SecPathShell> OpenAsync(
        string host,
        int port,
        string username,
        string password,
        string? expectedFingerprint = null,
        CancellationToken cancellationToken = default)
    {
        var connectionInfo = new ConnectionInfo(host, port, username, new PasswordAuthenticationMethod(username, password))
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
        var client = new SshClient(connectionInfo);
        string? seen = null;
        client.HostKeyReceived += (_, e) =>
        {
            seen = "SHA256:" + e.FingerPrintSHA256;
            e.CanTrust = expectedFingerprint is null || string.Equals(seen, expectedFingerprint, StringComparison.Ordinal);
        };
        try
        {
            await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            var stream = client.CreateShellStream("vt100", 200, 50, 0, 0, 64 * 1024);
            var shell = new SecPathShell(client, stream, seen);
            shell.LoginText = await shell.ReadToPromptAsync(DefaultCommandTimeout, cancellationToken).ConfigureAwait(false);
            return shell;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command line and returns what the device printed before the next prompt (the echo removed).
    /// A <c>---- More ----</c> pager is paged through with a space.</summary>
    public async Task<string> ExecuteAsync(string command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await WriteAsync(command + "\r", cancellationToken).ConfigureAwait(false);
        var output = await ReadToPromptAsync(timeout ?? DefaultCommandTimeout, cancellationToken).ConfigureAwait(false);
        return StripEcho(output, command);
    }

    /// <summary>Sends raw text without waiting (answers to confirmations such as <c>Y</c>).</summary>
    public async Task WriteAsync(string text, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }

    /// <summary>Reads until the buffered text ends with a prompt; pages through <c>---- More ----</c>.</summary>
    public async Task<string> ReadToPromptAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var text = _pending.ToString();
                var more = MoreRegex().Match(text);
                if (more.Success)
                {
                    _pending.Remove(more.Index, more.Length);
                    await WriteAsync(" ", timeoutSource.Token).ConfigureAwait(false);
                    continue;
                }

                var prompt = PromptRegex().Match(text);
                if (prompt.Success)
                {
                    Prompt = prompt.Groups["prompt"].Value;
                    _pending.Clear();
                    return text[..prompt.Index];
                }

                // ShellStream's ReadAsync blocks inside Read and ignores the token; WaitAsync makes the timeout real.
                var read = await _stream.ReadAsync(_readBuffer, timeoutSource.Token).AsTask().WaitAsync(timeoutSource.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The device closed the session. Output so far: {text}");
                }

                _pending.Append(Encoding.UTF8.GetString(_readBuffer, 0, read));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No prompt within {timeout.TotalSeconds:0.#} s. Output so far: {_pending}");
        }
    }

    private static string StripEcho(string output, string command)
    {
        var text = output.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);
        var firstLineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        if (firstLine.TrimEnd().EndsWith(command.TrimEnd(), StringComparison.Ordinal))
        {
            text = firstLineEnd < 0 ? string.Empty : text[(firstLineEnd + 1)..];
        }

        return text.TrimEnd('\n', ' ');
    }

    // A Comware prompt alone at the end of the output: <sysname> in user view, [sysname] or [sysname-view] elsewhere.
    // V5 sends a NUL before the first prompt after the banner, so one may sit between the line end and the prompt.
    [GeneratedRegex(@"(?:^|[\r\n])\x00?(?<prompt>(?:<[^<>\r\n]+>|\[[^\[\]\r\n]+\]))\s?$", RegexOptions.CultureInvariant)]
    private static partial Regex PromptRegex();

    // The pager line; the device erases it with backspaces or ANSI sequences after the space, which the prompt match ignores.
    [GeneratedRegex(@"\s*-{2,} ?More ?-{2,}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex MoreRegex();
}
