namespace Emulator.Device.Yaml;

/// <summary>One problem in a YAML file, located the way editors and compilers print it.</summary>
public sealed record YamlError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>A profile or fleet file that cannot be used. <see cref="Exception.Message"/> lists every error, one per line.</summary>
public sealed class YamlValidationException : Exception
{
    public YamlValidationException(IReadOnlyList<YamlError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public YamlValidationException()
        : this([])
    {
    }

    public YamlValidationException(string message)
        : base(message)
    {
        Errors = [];
    }

    public YamlValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<YamlError> Errors { get; } = [];
}
