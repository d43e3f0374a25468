namespace Emulator.Comware.Storage;

/// <summary>
/// The one place user-given paths become <see cref="StoragePath"/>s. Accepted forms, as the Comware file system
/// management references describe them: <c>medium:/a/b</c>, <c>medium:a/b</c> (both from the root), <c>/a/b</c> (from
/// the root) and <c>a/b</c> (from the working directory); <c>.</c> is skipped and <c>..</c> goes up but never above the
/// root (as <c>cd ..</c> at the root stays there). Nothing else gets through: no other medium, no backslash, no
/// control character, no wildcard or reserved character, no name longer than 255 bytes, at most 32 levels. So a path
/// can only name something under the root, whatever the input; symbolic links are refused by the host mapping
/// (<see cref="DeviceStorage"/>), not here.
/// </summary>
public static class PathResolver
{
    /// <summary>Longest name (bytes of UTF-8), the ext4/FAT long-name limit.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>Deepest path accepted.</summary>
    public const int MaxDepth = 32;

    /// <summary>Longest input accepted at all.</summary>
    public const int MaxPathLength = 1024;

    public static StoragePath Resolve(string input, string medium, StoragePath workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        if (TryResolve(input, medium, workingDirectory, out var path))
        {
            return path;
        }

        throw new StorageException(StorageError.InvalidPath, input);
    }

    public static bool TryResolve(string input, string medium, StoragePath workingDirectory, out StoragePath path)
    {
        ArgumentNullException.ThrowIfNull(workingDirectory);
        path = workingDirectory;
        if (input is null || input.Length is 0 or > MaxPathLength)
        {
            return false;
        }

        var rest = input;
        List<string> segments;
        var colon = input.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!string.Equals(input[..colon], medium, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            rest = input[(colon + 1)..];
            segments = [];
        }
        else if (input.StartsWith('/'))
        {
            segments = [];
        }
        else
        {
            segments = [.. workingDirectory.Segments];
        }

        foreach (var part in rest.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            if (!IsValidName(part) || segments.Count >= MaxDepth)
            {
                return false;
            }

            segments.Add(part);
        }

        path = StoragePath.FromSegments(medium, segments);
        return true;
    }

    /// <summary>
    /// One file or folder name: 1 to 255 bytes, no control character (C0, DEL, C1), none of <c>/ \ : * ? " &lt; &gt; |</c>,
    /// not <c>.</c> or <c>..</c>, no leading or trailing space.
    /// </summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || System.Text.Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return false;
        }

        if (name[0] == ' ' || name[^1] == ' ')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|')
            {
                return false;
            }
        }

        // Lone surrogates cannot be written to a host name faithfully.
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]))
            {
                if (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(name[i]))
            {
                return false;
            }
        }

        return true;
    }
}
