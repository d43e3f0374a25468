using Emulator.Comware.Storage;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Files;

/// <summary>Configuration files on the storage: replace with failing lines, boot from the chosen file and its fallback, a full medium.</summary>
public sealed class ConfigurationFileTests
{
    [Fact]
    public async Task Configuration_replace_reports_failing_lines_by_number_and_applies_the_rest()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        var storage = device.Services.Storage;
        storage.WriteText(storage.Resolve("candidate.cfg"), "#\n sysname REPLACED\n#\n frobnicate the widget\n#\nreturn\n");
        var output = await ShellDriver.RunAsync(device, "system-view\nconfiguration replace file candidate.cfg\nn\nreturn\nquit\n");
        Assert.True(output.Contains("Line 4: frobnicate the widget:", StringComparison.Ordinal), output);
        Assert.True(output.Contains("1 command(s) failed", StringComparison.Ordinal), output);
        Assert.Contains(" sysname REPLACED", device.RenderCurrentConfiguration(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_device_boots_the_main_startup_file_and_falls_back_to_the_backup()
    {
        var services = new FakeDeviceServices { Medium = "flash" };
        var storage = services.Storage;
        storage.WriteText(storage.Resolve("main.cfg"), "#\n sysname MAIN\n#\nreturn\n");
        storage.WriteText(storage.Resolve("backup.cfg"), "#\n sysname BACKUP\n#\nreturn\n");
        storage.UpdateSettings(s => s with { MainConfiguration = storage.Resolve("main.cfg"), BackupConfiguration = storage.Resolve("backup.cfg") });
        using var device = new ComwareDevice(TestDevices.V7Facts, services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        Assert.Equal("MAIN", device.Sysname);

        storage.Delete(storage.Resolve("main.cfg"), unreserved: true);
        await device.BootAsync(TestContext.Current.CancellationToken);
        Assert.Equal("BACKUP", device.Sysname);
        var startup = await ShellDriver.RunAsync(device, "display startup\nquit\n");
        Assert.Contains("Current startup saved-configuration file: flash:/backup.cfg", startup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_on_a_full_medium_prints_the_error_and_keeps_the_old_file()
    {
        var services = new FakeDeviceServices { Medium = "cfa0", StorageCapacity = (1 << 20) + 100 };
        services.StartupConfiguration = "#\n sysname OLD\n#\nreturn\n";
        using var device = new ComwareDevice(TestDevices.V5Facts, services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        var output = await ShellDriver.RunAsync(device, "system-view\nsysname A-MUCH-LONGER-NAME-THAN-BEFORE\nreturn\nsave force\nquit\n");
        Assert.True(output.Contains("% No enough space.", StringComparison.Ordinal), output);
        Assert.DoesNotContain("saved to device successfully", output, StringComparison.Ordinal);
        Assert.Contains("sysname OLD", services.StartupConfiguration, StringComparison.Ordinal);
    }
}
