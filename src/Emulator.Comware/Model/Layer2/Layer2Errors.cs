using System.Globalization;

namespace Emulator.Comware.Model.Layer2;

/// <summary>Layer-2 error texts, in the Comware message style; the exact wording is unverified on a SecPath.</summary>
public static class Layer2Errors
{
    public const string DefaultVlan = "The default VLAN cannot be deleted.";
    public const string NotEthernet = "The operation is supported only on Ethernet ports.";
    public const string ModeChangeBlocked = "Please remove the IP address, VPN binding and aggregation group of the port first.";
    public const string RouteMode = "The port works in route mode. Please use port link-mode bridge first.";
    public const string BridgeMode = "The interface works in bridge mode.";
    public const string NotAccess = "The port is not an access port.";
    public const string NotTrunk = "The port is not a trunk port.";
    public const string AggregationNotFound = "The aggregate interface does not exist.";
    public const string AggregationModeMismatch = "The link mode of the port and the aggregate interface are different.";
    public const string VpnNotFound = "The VPN instance does not exist.";
    public const string InvalidRd = "Invalid route distinguisher.";
    public const string RdConfigured = "The route distinguisher has been configured. Please undo it first.";
    public const string InvalidMac = "Invalid MAC address.";
    public const string PortNotInVlan = "The port does not belong to the VLAN.";
    public const string ArpNotFound = "The ARP entry does not exist.";
    public const string InvalidVlanList = "Invalid VLAN list.";

    public static string VlanNotFound(int id) => string.Create(CultureInfo.InvariantCulture, $"VLAN {id} does not exist.");
}

/// <summary>MAC addresses in Comware's <c>xxxx-xxxx-xxxx</c> form.</summary>
public static class Macs
{
    /// <summary>Accepts <c>H-H-H</c> (each part 1-4 hex digits, as the CLI does) and returns the padded lower-case form.</summary>
    public static bool TryNormalize(string text, out string mac)
    {
        mac = "";
        var parts = (text ?? "").Split('-');
        if (parts.Length != 3 || parts.Any(p => p.Length is 0 or > 4 || !p.All(char.IsAsciiHexDigit)))
        {
            return false;
        }

        mac = string.Join('-', parts.Select(p => p.PadLeft(4, '0').ToLowerInvariant()));
        return true;
    }
}
