using System.Collections.Concurrent;

namespace Emulator.Host;

/// <summary>
/// One logger per category for the whole process. Serilog's factory builds a new logger (with its own caches) on every
/// <c>CreateLogger</c> call, and the SSH layer asks for one per connection: ten thousand idle sessions held two each.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
