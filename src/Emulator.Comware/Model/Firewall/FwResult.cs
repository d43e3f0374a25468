namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// Outcome of one configuration change. A failed change leaves the model exactly as it was; the error is the
/// text the device prints (without the leading space the CLI layer adds for <c>%</c> messages).
/// </summary>
public readonly record struct FwResult(string? Error)
{
    public bool Ok => Error is null;

    public static FwResult Success => default;

    public static FwResult Fail(string error) => new(error);
}

/// <summary>Device error texts, in one place so transcripts and handlers agree. Sources are noted per text.</summary>
public static class FwErrors
{
    // HCL (V7) capture notes: "This subnet overlaps with another interface!" printed without '%' (capture #71479809835).
    public const string SubnetOverlaps = "This subnet overlaps with another interface!";

    // Below: wording follows the Comware message style; exact texts unverified.
    public const string InvalidAddress = "Invalid IP address.";
    public const string InvalidMask = "Invalid mask.";
    public const string PrimaryRequired = "Please configure the primary IP address first.";
    public const string SubAddressesExist = "Please delete the sub IP addresses first.";
    public const string AddressNotFound = "The IP address does not exist.";
    public const string InterfaceNotFound = "The interface does not exist.";
    public const string CannotDeletePhysical = "The interface cannot be deleted.";
    public const string ZoneNotFound = "The security zone does not exist.";
    public const string DefaultZoneUndeletable = "The default security zone cannot be deleted.";
    public const string InterfaceInOtherZone = "The interface has been added to another security zone.";
    public const string InterfaceNotInZone = "The interface does not belong to the security zone.";
    public const string ZoneInUse = "The security zone is being used by a policy.";
    public const string AclNotFound = "The ACL does not exist.";
    public const string AclInUse = "The ACL is being used.";
    public const string AclRuleNotFound = "The rule does not exist.";
    public const string AclRuleConflict = "The rule already exists.";
    public const string ObjectNotFound = "The object does not exist.";
    public const string ObjectInUse = "The object is being used.";
    public const string ObjectTypeMismatch = "The object type is inconsistent.";
    public const string ObjectSelfReference = "An object group cannot reference itself.";
    public const string ObjectMemberExists = "The object already exists.";
    public const string RuleNotFound = "The rule does not exist.";
    public const string RuleNameExists = "The rule name already exists.";
    public const string RuleLimit = "The number of rules reached the upper limit.";
    public const string AddressGroupNotFound = "The address group does not exist.";
    public const string AddressGroupInUse = "The address group is being used.";
    public const string AddressRangeInvalid = "The end address must not be lower than the start address.";
    public const string AddressRangeOverlaps = "The address range overlaps with another address range.";
    public const string NatServerConflict = "The NAT server configuration conflicts with an existing one.";
    public const string NatStaticConflict = "The static NAT mapping conflicts with an existing one.";
    public const string RouteMaskInconsistent = "The destination address and mask are inconsistent.";
    public const string RouteNextHopLocal = "The next hop address cannot be a local address.";
    public const string RouteNotFound = "The route does not exist.";
    public const string PolicyModeConflict = "Interzone policy rules and ACLs cannot coexist in one interzone instance.";
    public const string SameZone = "The source zone and destination zone must be different.";
}
