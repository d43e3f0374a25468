namespace Emulator.Comware.Storage;

/// <summary>
/// A path inside one device's file system, already confined: a list of validated names from the root, never
/// <c>..</c>, never empty names. <see cref="Display"/> prints it as the device does (<c>flash:/a/b.cfg</c>).
/// </summary>
public sealed class StoragePath : IEquatable<StoragePath>
{
    private StoragePath(string medium, IReadOnlyList<string> segments)
    {
        Medium = medium;
        Segments = segments;
    }

    public static StoragePath Root(string medium) => new(medium, []);

    public string Medium { get; }

    /// <summary>Names from the root; empty for the root itself.</summary>
    public IReadOnlyList<string> Segments { get; }

    public bool IsRoot => Segments.Count == 0;

    /// <summary>The last name ("" for the root).</summary>
    public string Name => IsRoot ? "" : Segments[^1];

    public StoragePath Parent => IsRoot ? this : new(Medium, Segments.Take(Segments.Count - 1).ToArray());

    /// <summary>One level down; <paramref name="name"/> must already be valid (see <see cref="PathResolver.IsValidName"/>).</summary>
    public StoragePath Child(string name)
    {
        if (!PathResolver.IsValidName(name))
        {
            throw new StorageException(StorageError.InvalidPath, name);
        }

        return new(Medium, [.. Segments, name]);
    }

    /// <summary><c>flash:/a/b.cfg</c>; the root is <c>flash:</c> with <paramref name="rootSlash"/> false, <c>flash:/</c> otherwise.</summary>
    public string Display(bool rootSlash = true) => IsRoot ? Medium + (rootSlash ? ":/" : ":") : Medium + ":/" + string.Join('/', Segments);

    /// <summary>The path as SFTP shows it: <c>/a/b.cfg</c>, <c>/</c> for the root.</summary>
    public string Unix => "/" + string.Join('/', Segments);

    public override string ToString() => Display();

    public bool Equals(StoragePath? other) =>
        other is not null && string.Equals(Medium, other.Medium, StringComparison.Ordinal) && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as StoragePath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Display());

    internal static StoragePath FromSegments(string medium, IReadOnlyList<string> segments) => new(medium, segments);
}
