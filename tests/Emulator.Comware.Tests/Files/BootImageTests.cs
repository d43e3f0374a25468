using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Files;

/// <summary><c>display version</c> and <c>display boot-loader</c> name the image this boot runs, from the boot-loader state.</summary>
public sealed class BootImageTests
{
    [Fact]
    public async Task Display_version_shows_the_boot_loader_image_after_the_reboot_and_falls_back_when_it_is_gone()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        var storage = device.Services.Storage;
        storage.WriteText(storage.Resolve("new-boot.bin"), "image");
        var ct = TestContext.Current.CancellationToken;

        var before = await ShellDriver.RunAsync(device, "screen-length disable\nboot-loader file new-boot.bin all main\ndisplay version\nquit\n");
        Assert.DoesNotContain("Boot image: flash:/new-boot.bin", before, StringComparison.Ordinal);
        Assert.Contains("Boot image: flash:/", before, StringComparison.Ordinal);

        await device.BootAsync(ct);
        var after = await ShellDriver.RunAsync(device, "screen-length disable\ndisplay version\ndisplay boot-loader\nquit\n");
        Assert.True(after.Contains("Boot image: flash:/new-boot.bin\r\n", StringComparison.Ordinal), after);
        Assert.True(after.Contains("Current software images:\r\n  flash:/new-boot.bin", StringComparison.Ordinal), after);
        Assert.Contains("System image: flash:/", after, StringComparison.Ordinal);

        storage.Delete(storage.Resolve("new-boot.bin"), unreserved: true);
        await device.BootAsync(ct);
        var fallback = await ShellDriver.RunAsync(device, "screen-length disable\ndisplay version\nquit\n");
        Assert.DoesNotContain("new-boot.bin", fallback, StringComparison.Ordinal);
        Assert.Contains("-boot-r", fallback, StringComparison.Ordinal);
    }

    [Fact]
    public async Task V5_display_boot_loader_names_the_image_this_boot_used()
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        var storage = device.Services.Storage;
        storage.WriteText(storage.Resolve("next.bin"), "image");
        var ct = TestContext.Current.CancellationToken;
        var set = await ShellDriver.RunAsync(device, "boot-loader file next.bin main\ny\ndisplay boot-loader\nquit\n");
        Assert.True(set.Contains("The boot file used at the next reboot:cfa0:/next.bin", StringComparison.Ordinal), set);
        Assert.DoesNotContain("this reboot:cfa0:/next.bin", set, StringComparison.Ordinal);

        await device.BootAsync(ct);
        var after = await ShellDriver.RunAsync(device, "display boot-loader\nquit\n");
        Assert.True(after.Contains(" The boot file used at this reboot:cfa0:/next.bin attribute: main", StringComparison.Ordinal), after);
    }
}
