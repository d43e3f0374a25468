using System.Globalization;
using System.Text;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// <c>display boot-loader|fan|power|environment|transceiver</c>: pure functions of the profile's hardware facts.
/// Sources per layout are cited on each method and in Transcripts/hw-SOURCES.md; "unverified" means no SecPath capture was found.
/// </summary>
public static class HardwareDisplays
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Boot images of the device: the profile's list, else names derived from model and release as display version prints them.</summary>
    public static IReadOnlyList<string> BootImages(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Hardware.BootImages.Count > 0)
        {
            return facts.Hardware.BootImages;
        }

        var board = SystemDisplays.BoardType(facts).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var release = SystemDisplays.ReleaseNumber(facts).ToLowerInvariant();
        return facts.Dialect == ComwareDialect.V5
            ? [$"{board}-cmw520-r{release}.bin"]
            : [$"{board}-cmw710-boot-r{release}.bin", $"{board}-cmw710-system-r{release}.bin"];
    }

    /// <summary>
    /// V5: the MSR/SecPath 5.20 "The boot file used at this reboot:… attribute: main" lines (H3C MSR Series Fundamentals
    /// Command Reference, display boot-loader; unverified on F1000-E). V7: "Software images on slot N:" with current, main
    /// and backup lists (H3C Comware 7 Fundamentals Command Reference, display boot-loader; unverified on SecPath).
    /// </summary>
    /// <param name="nextMain">The main image set by <c>boot-loader file … main</c> (a full path), else the running ones.</param>
    /// <param name="current">Full paths of the images this boot runs; null: the profile's.</param>
    public static string BootLoader(DeviceFacts facts, string? nextMain = null, IReadOnlyList<string>? current = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var medium = facts.Hardware.StorageMedium + ":/";
        var images = current ?? [.. BootImages(facts).Select(i => medium + i)];
        IReadOnlyList<string> next = nextMain is null ? images : [nextMain];
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append(" The boot file used at this reboot:").Append(images[0]).Append(" attribute: main\n");
            sb.Append(" The boot file used at the next reboot:").Append(next[0]).Append(" attribute: main\n");
            sb.Append(" Failed to get the backup boot file used at the next reboot!\n");
            sb.Append(" Failed to get the secure boot file used at the next reboot!\n");
            return sb.ToString();
        }

        sb.Append("Software images on slot ").Append(Slot(facts).ToString(s_inv)).Append(":\n");
        sb.Append("Current software images:\n");
        AppendImages(sb, "", images);
        sb.Append("Main startup software images:\n");
        AppendImages(sb, "", next);
        sb.Append("Backup startup software images:\n");
        sb.Append("  None\n");
        return sb.ToString();
    }

    /// <summary>
    /// V5: " Fan   1 State: Normal" (H3C MSR/SecPath V5 Device Management Command Reference, display fan; unverified on F1000-E).
    /// V7: per-slot " Fan N:" / " State    : Normal" (H3C Comware 7 device management reference; unverified on SecPath).
    /// </summary>
    public static string Fans(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V7)
        {
            sb.Append("Slot ").Append(Slot(facts).ToString(s_inv)).Append(":\n");
        }

        for (var fan = 1; fan <= facts.Hardware.Fans; fan++)
        {
            sb.Append(facts.Dialect == ComwareDialect.V5
                ? string.Create(s_inv, $" Fan {fan,3} State: Normal\n")
                : string.Create(s_inv, $" Fan {fan}:\n State    : Normal\n"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// V5: " Power   1 State: Normal" per bay (same reference as display fan; unverified). V7: the PowerID table of the
    /// Comware 7 device management reference (unverified on SecPath); a fixed firewall reports no current/voltage readings.
    /// </summary>
    public static string Power(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var hw = facts.Hardware;
        var sb = new StringBuilder();
        if (facts.Dialect == ComwareDialect.V7)
        {
            sb.Append(" Slot ").Append(Slot(facts).ToString(s_inv)).Append(":\n");
            sb.Append(" PowerID State    Mode   Current(A)  Voltage(V)  Power(W)\n");
        }

        for (var bay = 1; bay <= hw.PowerSupplies; bay++)
        {
            var present = bay <= hw.PowerSuppliesPresent;
            sb.Append(facts.Dialect == ComwareDialect.V5
                ? string.Create(s_inv, $" Power {bay,3} State: {(present ? "Normal" : "Absent")}\n")
                : string.Create(s_inv, $" {bay,-7} {(present ? "Normal" : "Absent"),-8} {(present ? "AC" : "--"),-6} {"--",-11} {"--",-11} --\n"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Temperature table. V5: Board/Temperature/Lower limit/Upper limit (MSR V5 reference, display environment; unverified).
    /// V7: Slot/Sensor/Temperature/Lower/Warning/Alarm/Shutdown (H3C Comware 7 reference; unverified on SecPath).
    /// </summary>
    public static string Environment(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var hw = facts.Hardware;
        var sb = new StringBuilder();
        sb.Append(" System temperature information (degree centigrade):\n");
        if (facts.Dialect == ComwareDialect.V5)
        {
            sb.Append(" ----------------------------------------------------\n");
            sb.Append(" Board  Temperature  Lower limit  Upper limit\n");
            foreach (var _ in hw.TemperatureSensors)
            {
                sb.Append(string.Create(s_inv, $" {Slot(facts),-6} {hw.TemperatureC,-12} {0,-12} {80}\n"));
            }

            return sb.ToString();
        }

        sb.Append(" ----------------------------------------------------------------------\n");
        sb.Append(" Slot  Sensor        Temperature  Lower  Warning  Alarm  Shutdown\n");
        foreach (var sensor in hw.TemperatureSensors)
        {
            sb.Append(string.Create(s_inv, $" {Slot(facts),-5} {sensor,-13} {hw.TemperatureC,-12} {0,-6} {75,-8} {85,-6} NA\n"));
        }

        return sb.ToString();
    }

    /// <summary>
    /// <c>display transceiver interface [NAME]</c> for fiber ports: the block of the H3C Comware transceiver reference
    /// (Transceiver Type, Connector Type, Wavelength(nm), Transfer Distance(m), Digital Diagnostic Monitoring, Vendor Name,
    /// Ordered Name; same fields on V5 and V7). The module fitted is H3C's short-reach multimode SFP of the port's speed.
    /// </summary>
    public static string Transceiver(DeviceFacts facts, IEnumerable<InterfaceFacts> ports)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(ports);
        var sb = new StringBuilder();
        foreach (var port in ports.Where(HasTransceiver))
        {
            var tenGig = port.DefaultSpeed == "10000";
            sb.Append(port.Name).Append(" transceiver information:\n");
            sb.Append("  Transceiver Type              : ").Append(tenGig ? "10G_BASE_SR_SFP" : "1000_BASE_SX_SFP").Append('\n');
            sb.Append("  Connector Type                : LC\n");
            sb.Append("  Wavelength(nm)                : 850\n");
            sb.Append("  Transfer Distance(m)          : ").Append(tenGig ? "300(OM3),82(OM2),33(OM1)" : "550(50um),270(62.5um)").Append('\n');
            sb.Append("  Digital Diagnostic Monitoring : YES\n");
            sb.Append("  Vendor Name                   : ").Append(facts.Hardware.VendorName).Append('\n');
            sb.Append("  Ordered Name                  : ").Append(tenGig ? "SFP-XG-SX-MM850-A" : "SFP-GE-SX-MM850-A").Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>Only fiber ports take a pluggable module; copper ports have none.</summary>
    public static bool HasTransceiver(InterfaceFacts port)
    {
        ArgumentNullException.ThrowIfNull(port);
        return port.MediaType == "fiber";
    }

    private static void AppendImages(StringBuilder sb, string medium, IReadOnlyList<string> images)
    {
        foreach (var image in images)
        {
            sb.Append("  ").Append(medium).Append(image).Append('\n');
        }
    }

    internal static int Slot(DeviceFacts facts) =>
        facts.Hardware.Boards.Count > 0 ? facts.Hardware.Boards[0].Slot : facts.Dialect == ComwareDialect.V5 ? 0 : 1;
}
