using Emulator.Comware;
using Emulator.Comware.Commands.Files;
using Emulator.Ssh;
using Emulator.Ssh.Sftp;

namespace Emulator.Device.Wiring;

/// <summary>
/// The "sftp" subsystem: an SFTP v3 server on the device's storage, offered while <c>sftp server enable</c> is set
/// (and the SSH user's service type allows it), read-only below level 3 / for <c>network-operator</c>, ended after
/// <c>sftp server idle-timeout</c> minutes without a request.
/// </summary>
internal sealed class SftpSubsystem : IDeviceSubsystem
{
    public string Name => "sftp";

    public bool IsOffered(ComwareDevice device, SubsystemRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FileTransferAccess.SftpOffered(device, request.UserName);
    }

    public async Task<int?> RunAsync(ComwareDevice device, SshSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(session);
        var options = new SftpServerOptions
        {
            ReadOnly = !FileTransferAccess.CanWrite(device, session.UserName),
            IdleTimeout = FileTransferAccess.SftpIdleTimeout(device),
            Time = device.Time,
        };
        var server = new SftpServer(new SftpStorageFileSystem(device.Services.Storage), options);
        await server.RunAsync(session.Input, session.Output, cancellationToken);
        return 0;
    }
}
