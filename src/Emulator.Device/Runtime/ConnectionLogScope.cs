using System.Collections;

namespace Emulator.Device.Runtime;

/// <summary>
/// The logging scope of one connection (properties Device and Connection). A connection keeps its scope for its whole
/// life: this costs 32 bytes where a dictionary with a boxed number cost about 250.
/// </summary>
internal sealed class ConnectionLogScope(string device, long connection) : IReadOnlyList<KeyValuePair<string, object>>
{
    public int Count => 2;

    public KeyValuePair<string, object> this[int index] => index switch
    {
        0 => new("Device", device),
        1 => new("Connection", connection),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Device:{device} Connection:{connection}";
}
