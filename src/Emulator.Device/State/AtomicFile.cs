using System.Text;

namespace Emulator.Device.State;

/// <summary>
/// Replaces files so that a crash leaves either the old or the new content, never a mix: write a
/// temporary file in the same directory, flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    public const string TempSuffix = ".tmp";

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Task WriteAllTextAsync(string path, string text, UnixFileMode? mode, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(_utf8.GetBytes(text), ct).AsTask(), mode, cancellationToken);

    /// <param name="write">Writes the whole new content; if it throws, the old file stays as it was.</param>
    /// <param name="mode">Unix permissions given at creation (keys: 0600), so the content is never readable by others.</param>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + TempSuffix);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
        };
        if (mode is { } m && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = m;
        }

        try
        {
            var stream = new FileStream(temp, options);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        // The rename lives in the directory: until the directory is on disk, a power cut may bring back the old name.
        DirectorySync.Flush(directory);
    }

    /// <summary>
    /// Reads a small state file (a host key) without following a symbolic link and refusing more than
    /// <paramref name="maxBytes"/>. Throws <see cref="FileNotFoundException"/> when it does not exist.
    /// </summary>
    /// <exception cref="IOException">A symbolic link, not a regular file, or too large; the message says which.</exception>
    public static string ReadSmallFile(string path, int maxBytes)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            // A link planted in the state folder could make the device serve (and display) someone else's file.
            throw new IOException("is a symbolic link; state files must be regular files");
        }

        if (!info.Exists)
        {
            throw new FileNotFoundException("no such file", path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        if (stream.Length > maxBytes)
        {
            throw new IOException($"is larger than {maxBytes} bytes");
        }

        var buffer = new byte[(int)stream.Length];
        stream.ReadExactly(buffer);
        if (stream.ReadByte() != -1)
        {
            throw new IOException($"grew while being read (more than {maxBytes} bytes?)");
        }

        return _utf8.GetString(buffer);
    }

    /// <summary>Reads a text file strictly as UTF-8: invalid bytes (or a UTF-16 byte order mark) are an error, not replacement characters.</summary>
    public static string ReadAllText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var span = bytes.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        return _utf8.GetString(span);
    }

    /// <summary>
    /// Removes temporary files an interrupted write left behind (their rename never happened). Only files last written
    /// before <paramref name="writtenBeforeUtc"/> (the start of this process) go: a temporary file of this process may
    /// belong to a write still under way (a host key created at start while the first connection boots the device).
    /// </summary>
    public static void RemoveLeftovers(string directory, DateTime writtenBeforeUtc)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "." + "*" + TempSuffix))
        {
            if (File.GetLastWriteTimeUtc(file) < writtenBeforeUtc)
            {
                TryDelete(file);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
