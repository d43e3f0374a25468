using Emulator.Comware.Commands.Platform;

namespace Emulator.Comware.Storage;

/// <summary>A device's storage as its profile describes it: medium name, size and boot images.</summary>
public static class StorageLayout
{
    /// <summary>
    /// Placeholder size of a boot image whose size the profile does not give: 32 MiB, the order of a Comware 5.20
    /// SecPath .bin (no published size was found for the shipped models; set <c>hardware.boot-image-sizes</c> to match a box).
    /// </summary>
    public const long DefaultImageBytes = 32L << 20;

    public static long CapacityBytes(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mb = facts.Hardware.StorageMb > 0 ? facts.Hardware.StorageMb : facts.Hardware.FlashMb;
        return (long)mb << 20;
    }

    /// <summary>The profile's boot images with their sizes; images that would not fit in half the medium are shrunk to fit.</summary>
    public static IReadOnlyList<BootImage> Images(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // A derived name may carry the model's "SecPath " prefix; a file name on the device has no space.
        var names = HardwareDisplays.BootImages(facts).Select(n => n.Split(' ')[^1]).ToList();
        var sizes = facts.Hardware.BootImageSizes;
        var budget = CapacityBytes(facts) / 2 / Math.Max(1, names.Count);
        return [.. names.Select((name, i) => new BootImage(name, Math.Min(i < sizes.Count ? sizes[i] : DefaultImageBytes, budget)))];
    }

    public static DeviceStorage Create(string deviceFolder, DeviceFacts facts, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new DeviceStorage(deviceFolder, facts.Hardware.StorageMedium, CapacityBytes(facts), Images(facts), time);
    }
}
