using Emulator.Comware;
using Emulator.Comware.Storage;

namespace Emulator.Device.Tests.Support;

/// <summary>
/// Device services for tests that drive a <see cref="ComwareDevice"/> directly: storage in a fresh temporary folder,
/// no host keys, reboot does nothing.
/// </summary>
internal sealed class ScratchDeviceServices(string medium = "flash") : IDeviceServices, IHostKeyControl
{
    private DeviceStorage? _storage;

    public DeviceStorage Storage => _storage ??= new DeviceStorage(
        Path.Combine(Path.GetTempPath(), "emulator-tests", Guid.NewGuid().ToString("N")), medium, 64L << 20, [], TimeProvider.System);

    public IHostKeyControl HostKeys => this;

    public string? ReadStartupConfiguration() => SavedConfiguration.Read(Storage)?.Text;

    public Task RebootAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IReadOnlyList<HostKeyInfo> List() => [];

    public Task<HostKeyInfo> CreateAsync(string kind, int bits, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DestroyAsync(string kind, CancellationToken cancellationToken) => Task.FromResult(false);
}
