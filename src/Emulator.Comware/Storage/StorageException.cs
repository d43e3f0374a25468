namespace Emulator.Comware.Storage;

public enum StorageError
{
    /// <summary>A name with a control character, a reserved character, an unknown medium, or too long.</summary>
    InvalidPath,
    NotFound,
    AlreadyExists,
    IsDirectory,
    NotDirectory,
    DirectoryNotEmpty,

    /// <summary>The write would pass the medium's size; nothing was changed.</summary>
    NoSpace,

    /// <summary>A host file system error (permissions, I/O); the file is left as it was.</summary>
    Failed,
}

/// <summary>A file operation the device refuses; <see cref="Error"/> picks the device's text.</summary>
public sealed class StorageException : Exception
{
    public StorageException(StorageError error, string path, Exception? inner = null)
        : base($"{error}: {path}", inner)
    {
        Error = error;
        PathText = path;
    }

    public StorageException()
        : this(StorageError.Failed, "")
    {
    }

    public StorageException(string message)
        : this(StorageError.Failed, message)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageError.Failed, message, innerException)
    {
    }

    public StorageError Error { get; }

    public string PathText { get; }
}
