using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Sftp;

namespace Emulator.Ssh.Scp;

/// <summary>What an exec <c>scp</c> command line asks for.</summary>
/// <param name="Sink">-t: the client sends files.</param>
/// <param name="Recursive">-r: folders too.</param>
/// <param name="TargetIsDirectory">-d: the target must be a folder.</param>
/// <param name="Paths">The file arguments (one target for -t, sources for -f).</param>
public sealed record ScpRequest(bool Sink, bool Recursive, bool TargetIsDirectory, IReadOnlyList<string> Paths)
{
    /// <summary>
    /// Parses <c>scp [-v -p -q -r -d] -t|-f [--] path...</c> as OpenSSH's scp starts the remote side (scp.c: the remote
    /// command is "scp -v -r -p -d -t -- path"); paths may be quoted with ' or " and escaped with backslash. Null when it is
    /// not a remote scp.
    /// </summary>
    public static ScpRequest? Parse(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var words = Split(commandLine);
        if (words is null || words.Count < 2 || words[0] != "scp")
        {
            return null;
        }

        bool? sink = null;
        bool recursive = false, directory = false, options = true;
        var paths = new List<string>();
        foreach (var word in words.Skip(1))
        {
            if (options && word == "--")
            {
                options = false;
                continue;
            }

            if (options && word.Length > 1 && word[0] == '-')
            {
                foreach (var flag in word[1..])
                {
                    switch (flag)
                    {
                        case 't': sink = true; break;
                        case 'f': sink = false; break;
                        case 'r': recursive = true; break;
                        case 'd': directory = true; break;
                        case 'p' or 'v' or 'q': break;
                        default: return null;
                    }
                }

                continue;
            }

            options = false;
            paths.Add(word);
        }

        return sink is null || paths.Count == 0 || (sink == true && paths.Count != 1) ? null : new ScpRequest(sink.Value, recursive, directory, paths);
    }

    private static List<string>? Split(string line)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else if (c == '\\' && quote == '"' && i + 1 < line.Length)
                {
                    current.Append(line[++i]);
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case ' ' or '\t':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }

                    break;
                case '\'' or '"':
                    quote = c;
                    inWord = true;
                    break;
                case '\\' when i + 1 < line.Length:
                    current.Append(line[++i]);
                    inWord = true;
                    break;
                default:
                    current.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (quote != '\0')
        {
            return null;
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}

/// <summary>
/// The remote side of the legacy SCP protocol (OpenSSH scp.c <c>sink</c> and <c>source</c>; <c>scp -O</c>): C/D/E/T
/// records, one status byte per step (0 ok, 1 warning, 2 fatal with a message line). Files received are written through
/// <see cref="ISftpFile"/> and committed only once all their bytes and the closing zero arrived, so a cut transfer or an
/// announced size that never comes leaves no file.
/// </summary>
public sealed class ScpServer(ISftpFileSystem fileSystem, bool readOnly)
{
    /// <summary>Longest control line (C/D/T record) accepted.</summary>
    public const int MaxLineLength = 4096;

    private const int MaxDepth = 32;

    /// <summary>Runs one transfer; the result is the exit status (0 ok, 1 an error was reported).</summary>
    public async Task<int> RunAsync(ScpRequest request, PipeReader input, PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var io = new ScpStream(input, output);
        try
        {
            if (request.Sink)
            {
                if (readOnly)
                {
                    await io.SendErrorAsync(2, "scp: Permission denied", cancellationToken);
                    return 1;
                }

                return await SinkAsync(io, request, cancellationToken);
            }

            return await SourceAsync(io, request, cancellationToken);
        }
        catch (SftpException ex)
        {
            await io.SendErrorAsync(2, "scp: " + ex.Message, cancellationToken);
            return 1;
        }
        catch (ScpProtocolException)
        {
            return 1;
        }
    }

    // ---- sink: client -> device ----

    private async Task<int> SinkAsync(ScpStream io, ScpRequest request, CancellationToken ct)
    {
        var target = fileSystem.Canonicalize(request.Paths[0]);
        var targetIsDir = fileSystem.Stat(target) is { IsDirectory: true };
        if (request.TargetIsDirectory && !targetIsDir)
        {
            await io.SendErrorAsync(2, $"scp: {request.Paths[0]}: Not a directory", ct);
            return 1;
        }

        var folders = new Stack<string>();
        var status = 0;
        await io.SendOkAsync(ct);
        while (true)
        {
            var line = await io.ReadLineAsync(ct);
            if (line is null)
            {
                return status;
            }

            if (line.Length == 0)
            {
                throw new ScpProtocolException();
            }

            switch (line[0])
            {
                case '\x01' or '\x02':
                    return 1;
                case 'T':
                    await io.SendOkAsync(ct);
                    continue;
                case 'E':
                    if (folders.Count == 0)
                    {
                        throw new ScpProtocolException();
                    }

                    folders.Pop();
                    await io.SendOkAsync(ct);
                    continue;
                case 'C' or 'D':
                    break;
                default:
                    await io.SendErrorAsync(2, "scp: protocol error: unexpected <" + Escape(line) + ">", ct);
                    return 1;
            }

            if (!TryParseRecord(line, out var size, out var name))
            {
                await io.SendErrorAsync(2, "scp: protocol error: bad record", ct);
                return 1;
            }

            var parent = folders.Count > 0 ? folders.Peek() : targetIsDir ? target : null;
            var path = parent is null ? target : Join(parent, name);
            if (line[0] == 'D')
            {
                if (!request.Recursive || folders.Count >= MaxDepth)
                {
                    await io.SendErrorAsync(2, "scp: received directory without -r", ct);
                    return 1;
                }

                try
                {
                    if (fileSystem.Stat(path) is not { IsDirectory: true })
                    {
                        fileSystem.MakeDirectory(path);
                    }
                }
                catch (SftpException ex)
                {
                    await io.SendErrorAsync(2, $"scp: {name}: {ex.Message}", ct);
                    return 1;
                }

                folders.Push(fileSystem.Canonicalize(path));
                await io.SendOkAsync(ct);
                continue;
            }

            ISftpFile file;
            try
            {
                file = fileSystem.Open(path, SftpOpenMode.Write | SftpOpenMode.Create | SftpOpenMode.Truncate);
            }
            catch (SftpException ex)
            {
                // OpenSSH's sink reports the error and stops.
                await io.SendErrorAsync(1, $"scp: {name}: {ex.Message}", ct);
                return 1;
            }

            using (file)
            {
                await io.SendOkAsync(ct);
                string? error = null;
                long offset = 0;
                while (offset < size)
                {
                    var chunk = await io.ReadSomeAsync(size - offset, ct) ?? throw new ScpProtocolException();
                    if (error is null)
                    {
                        try
                        {
                            file.Write(offset, chunk.Span);
                        }
                        catch (SftpException ex)
                        {
                            // Keep reading the announced bytes so the stream stays in step, then report.
                            error = ex.Message;
                        }
                    }

                    offset += chunk.Length;
                }

                var end = await io.ReadByteAsync(ct) ?? throw new ScpProtocolException();
                if (end != 0)
                {
                    return 1;
                }

                if (error is null)
                {
                    try
                    {
                        file.Commit();
                    }
                    catch (SftpException ex)
                    {
                        error = ex.Message;
                    }
                }

                if (error is not null)
                {
                    await io.SendErrorAsync(1, $"scp: {name}: {error}", ct);
                    status = 1;
                    continue;
                }
            }

            await io.SendOkAsync(ct);
        }
    }

    /// <summary><c>C0644 123 name</c> / <c>D0755 0 name</c>: mode, size and a plain name (no separator, not . or ..).</summary>
    private static bool TryParseRecord(string line, out long size, out string name)
    {
        size = 0;
        name = "";
        var parts = line[1..].Split(' ', 3);
        if (parts.Length != 3 || parts[0].Length != 4 || !parts[0].All(c => c is >= '0' and <= '7')
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return false;
        }

        name = parts[2];
        return name.Length > 0 && name is not ("." or "..") && !name.Contains('/', StringComparison.Ordinal);
    }

    // ---- source: device -> client ----

    private async Task<int> SourceAsync(ScpStream io, ScpRequest request, CancellationToken ct)
    {
        if (!await io.ExpectOkAsync(ct))
        {
            return 1;
        }

        var status = 0;
        foreach (var source in request.Paths)
        {
            status |= await SendAsync(io, source, request.Recursive, 0, ct);
        }

        return status;
    }

    private async Task<int> SendAsync(ScpStream io, string source, bool recursive, int depth, CancellationToken ct)
    {
        SftpAttributes? stat;
        string path;
        try
        {
            path = fileSystem.Canonicalize(source);
            stat = fileSystem.Stat(path);
        }
        catch (SftpException)
        {
            stat = null;
            path = source;
        }

        var name = path.TrimEnd('/').Split('/')[^1];
        if (stat is null)
        {
            await io.SendErrorAsync(1, $"scp: {source}: No such file or directory", ct);
            return 1;
        }

        if (stat.IsDirectory)
        {
            if (!recursive || depth >= MaxDepth)
            {
                await io.SendErrorAsync(1, $"scp: {source}: not a regular file", ct);
                return 1;
            }

            await io.SendLineAsync($"D0755 0 {(name.Length == 0 ? "." : name)}", ct);
            if (!await io.ExpectOkAsync(ct))
            {
                return 1;
            }

            var status = 0;
            foreach (var entry in fileSystem.ReadDirectory(path))
            {
                status |= await SendAsync(io, Join(path, entry.Name), recursive, depth + 1, ct);
            }

            await io.SendLineAsync("E", ct);
            return await io.ExpectOkAsync(ct) ? status : 1;
        }

        using var file = fileSystem.Open(path, SftpOpenMode.Read);
        var size = file.Stat().Size ?? 0;
        await io.SendLineAsync(string.Create(CultureInfo.InvariantCulture, $"C0644 {size} {name}"), ct);
        if (!await io.ExpectOkAsync(ct))
        {
            return 1;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long offset = 0;
            while (offset < size)
            {
                var read = file.Read(offset, buffer.AsSpan(0, (int)Math.Min(buffer.Length, size - offset)));
                if (read == 0)
                {
                    // The file shrank while it was sent: pad, as OpenSSH's source does, and report it.
                    Array.Clear(buffer);
                    read = (int)Math.Min(buffer.Length, size - offset);
                }

                await io.SendAsync(buffer.AsMemory(0, read), ct);
                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await io.SendAsync(new byte[1], ct);
        return await io.ExpectOkAsync(ct) ? 0 : 1;
    }

    private static string Join(string folder, string name) => folder.EndsWith('/') ? folder + name : folder + "/" + name;

    private static string Escape(string line) => new([.. line.Take(64).Select(c => char.IsControl(c) ? '?' : c)]);
}
