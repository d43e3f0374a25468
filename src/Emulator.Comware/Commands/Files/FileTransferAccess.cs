using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Files;

/// <summary>
/// Who may use SFTP and SCP on a device, from its running configuration: the SFTP server needs <c>sftp server
/// enable</c>; SCP needs <c>scp server enable</c> on V7 and only the SSH server on V5 (which has no such command); an
/// <c>ssh user</c> entry with a service type limits that user to it; writing needs level 3 or a role mapped to it
/// (<c>network-operator</c> and levels below 3 read only).
/// </summary>
public static class FileTransferAccess
{
    public static bool SftpOffered(ComwareDevice device, string userName)
    {
        ArgumentNullException.ThrowIfNull(device);
        var ssh = device.GetState<ManagementState>().Current.Ssh;
        return ssh.ServerEnabled && ssh.SftpServerEnabled && ServiceAllows(ssh, userName, "sftp");
    }

    public static bool ScpOffered(ComwareDevice device, string userName)
    {
        ArgumentNullException.ThrowIfNull(device);
        var ssh = device.GetState<ManagementState>().Current.Ssh;
        var enabled = device.Facts.Dialect == ComwareDialect.V5 || device.GetState<TransferServerSettings>().ScpEnabled;
        return ssh.ServerEnabled && enabled && ServiceAllows(ssh, userName, device.Facts.Dialect == ComwareDialect.V5 ? "sftp" : "scp");
    }

    public static bool CanWrite(ComwareDevice device, string userName)
    {
        ArgumentNullException.ThrowIfNull(device);
        var privilege = new UserDirectory(device).GetPrivilege(userName);
        var level = device.Facts.Dialect == ComwareDialect.V5 || privilege.Roles.Count == 0 ? privilege.Level : UserRoles.LevelOfRoles(privilege.Roles);
        return level >= Engine.Levels.Manage;
    }

    public static TimeSpan SftpIdleTimeout(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return TimeSpan.FromMinutes(device.GetState<TransferServerSettings>().SftpIdleTimeoutMinutes);
    }

    private static bool ServiceAllows(SshSettings ssh, string userName, string service) =>
        !ssh.Users.TryGetValue(userName, out var user) || user.ServiceType is null or "all" || user.ServiceType == service;
}
