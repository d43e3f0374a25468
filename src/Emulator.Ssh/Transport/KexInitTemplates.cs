using Emulator.Ssh.Kex;

namespace Emulator.Ssh.Transport;

/// <summary>
/// The server's KEXINIT for one option set, built once for the first exchange (which also offers strict KEX) and once
/// for re-exchanges. It is built again when what it is made of changes: the algorithm lists or host key provider (a
/// settings copy made with <c>with</c> shares this cache) or the provider's set of key types (a key created or
/// destroyed by command hands out a new collection), all compared by reference.
/// </summary>
internal sealed class KexInitTemplates
{
    private Entry? _first;
    private Entry? _rekey;

    public KexInitMessage Get(TransportSettings settings, bool first, Func<IReadOnlyCollection<string>, bool, KexInitMessage> build)
    {
        var keyTypes = settings.HostKeys.KeyTypes;
        ref var slot = ref first ? ref _first : ref _rekey;
        if (Volatile.Read(ref slot) is { } entry && ReferenceEquals(entry.Algorithms, settings.Algorithms)
            && ReferenceEquals(entry.HostKeys, settings.HostKeys) && ReferenceEquals(entry.KeyTypes, keyTypes))
        {
            return entry.Message;
        }

        var message = build(keyTypes, first);
        Volatile.Write(ref slot, new Entry(settings.Algorithms, settings.HostKeys, keyTypes, message));
        return message;
    }

    private sealed record Entry(SshAlgorithmLists Algorithms, IHostKeyProvider HostKeys, IReadOnlyCollection<string> KeyTypes, KexInitMessage Message);
}
