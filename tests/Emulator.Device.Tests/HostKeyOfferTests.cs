using Emulator.Device.Profiles;
using Emulator.Device.State;

namespace Emulator.Device.Tests;

/// <summary>
/// Issue 19: the host-key offer follows the key pairs the device holds. `public-key local create` adds a type,
/// `public-key local destroy` removes it, both survive a restart; the factory set comes from the profile.
/// </summary>
public sealed class HostKeyOfferTests : IDisposable
{
    private static readonly HostKeySpec[] _v5Factory = [new("ssh-rsa", 1024)];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-offer-" + Guid.NewGuid().ToString("N"));
    private readonly CountingKeyCodec _codec = new();

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store as the device has after a (re)start: nothing but the state folder carries over.</summary>
    private HostKeyStore Restart() => new(new DeviceStateDirectory(_root, "fw1"), "fw1", _v5Factory, _codec, null);

    [Fact]
    public void A_fresh_V5_device_offers_its_factory_RSA_key_only()
    {
        Assert.Equal(["ssh-rsa"], Restart().KeyTypes);
        Assert.False(Directory.Exists(_root), "looking at the offer creates nothing");
    }

    [Theory]
    [InlineData("ssh-dss", 1024)]
    [InlineData("ecdsa-sha2-nistp256", 256)]
    [InlineData("ecdsa-sha2-nistp384", 384)]
    public async Task Host_key_offer_create_adds_the_type_and_survives_a_restart(string keyType, int bits)
    {
        var store = Restart();
        var created = await store.ReplaceAsync(keyType, bits, Ct);
        Assert.Equal(["ssh-rsa", keyType], store.KeyTypes);

        var restarted = Restart();
        Assert.Contains(keyType, restarted.KeyTypes);
        Assert.Contains("ssh-rsa", restarted.KeyTypes);
        Assert.Equal(created.FingerprintSha256, (await restarted.GetKeyAsync(keyType, Ct)).FingerprintSha256);
    }

    [Theory]
    [InlineData("ssh-dss", 1024)]
    [InlineData("ecdsa-sha2-nistp256", 256)]
    public async Task Host_key_offer_destroy_removes_a_created_type_and_survives_a_restart(string keyType, int bits)
    {
        var store = Restart();
        await store.ReplaceAsync(keyType, bits, Ct);
        Assert.True(await store.DestroyAsync(keyType, Ct));
        Assert.Equal(["ssh-rsa"], store.KeyTypes);
        Assert.Equal(["ssh-rsa"], Restart().KeyTypes);
        Assert.False(await Restart().DestroyAsync(keyType, Ct));
    }

    [Fact]
    public async Task Host_key_offer_destroying_the_factory_key_is_not_undone_by_a_restart()
    {
        var store = Restart();
        var factory = await store.GetKeyAsync("ssh-rsa", Ct);
        await store.ReplaceAsync("ssh-dss", 1024, Ct);
        Assert.True(await store.DestroyAsync("ssh-rsa", Ct));
        Assert.Equal(["ssh-dss"], store.KeyTypes);
        Assert.Equal(["ssh-dss"], Restart().KeyTypes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Restart().GetKeyAsync("ssh-rsa", Ct).AsTask());

        var recreated = await Restart().ReplaceAsync("ssh-rsa", 2048, Ct);
        Assert.NotEqual(factory.FingerprintSha256, recreated.FingerprintSha256);
        var again = Restart();
        Assert.Contains("ssh-rsa", again.KeyTypes);
        var loaded = await again.GetKeyAsync("ssh-rsa", Ct);
        Assert.Equal(recreated.FingerprintSha256, loaded.FingerprintSha256);
        Assert.Equal(2048, loaded.Bits);
    }

    [Fact]
    public async Task Host_key_offer_a_device_with_every_key_destroyed_offers_nothing()
    {
        var store = Restart();
        Assert.True(await store.DestroyAsync("ssh-rsa", Ct));
        Assert.Empty(store.KeyTypes);
        Assert.Empty(Restart().KeyTypes);
        Assert.Empty(await Restart().GetAllAsync(Ct));
    }
}
