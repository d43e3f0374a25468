namespace Emulator.Testcontainers;

/// <summary>A local user of the emulated device (a Comware <c>local-user</c> with SSH service).</summary>
/// <param name="Name">User name.</param>
/// <param name="Password">Password (sent to the container as configuration; use test credentials only).</param>
/// <param name="Role">Comware V7 user role such as <c>network-admin</c> or <c>network-operator</c>;
/// V5 devices map it to a user privilege level (network-admin = 3, network-operator = 1).</param>
public sealed record SecPathUser(string Name, string Password, string Role = SecPathUser.NetworkAdmin)
{
    /// <summary>Full administrative role.</summary>
    public const string NetworkAdmin = "network-admin";

    /// <summary>Read-only role.</summary>
    public const string NetworkOperator = "network-operator";

    /// <summary>Keeps the password out of logs and assertion messages.</summary>
    public override string ToString() => $"{Name} ({Role})";
}
