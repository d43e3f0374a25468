using System.Security.Cryptography;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Tests.Management;

/// <summary>In-memory device services whose host keys are real keys (so key displays have something to show).</summary>
internal sealed class KeyedDeviceServices : IDeviceServices, IHostKeyControl
{
    private readonly List<HostKeyInfo> _keys = [];
    private readonly DateTimeOffset _created;

    public KeyedDeviceServices(DateTimeOffset created) => _created = created;

    public string? StartupConfiguration { get; set; }

    public int Reboots { get; private set; }

    public List<LoginSessionInfo> Sessions { get; } = [];

    public IHostKeyControl HostKeys => this;

    public string? ReadStartupConfiguration() => StartupConfiguration;

    public Task WriteStartupConfigurationAsync(string text, CancellationToken cancellationToken)
    {
        StartupConfiguration = text;
        return Task.CompletedTask;
    }

    public Task DeleteStartupConfigurationAsync(CancellationToken cancellationToken)
    {
        StartupConfiguration = null;
        return Task.CompletedTask;
    }

    public Task RebootAsync(CancellationToken cancellationToken)
    {
        Reboots++;
        return Task.CompletedTask;
    }

    public IReadOnlyList<LoginSessionInfo> GetSessions() => Sessions;

    public IReadOnlyList<HostKeyInfo> List() => _keys;

    public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken)
    {
        byte[] der;
        string type;
        switch (kind)
        {
            case "ecdsa":
                using (var ecdsa = ECDsa.Create(bits switch { 384 => ECCurve.NamedCurves.nistP384, 521 => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 }))
                {
                    der = ecdsa.ExportSubjectPublicKeyInfo();
                }

                type = "ecdsa-sha2-nistp" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                using (var rsa = RSA.Create(bits))
                {
                    der = rsa.ExportSubjectPublicKeyInfo();
                }

                type = "ssh-rsa";
                break;
        }

        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out _, out _));
        var key = new HostKeyInfo(kind, type, bits, blob, _created);
        _keys.RemoveAll(k => k.Kind == kind);
        _keys.Add(key);
        return Task.FromResult(key);
    }

    public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) =>
        Task.FromResult(_keys.RemoveAll(k => k.Kind == kind) > 0);
}
