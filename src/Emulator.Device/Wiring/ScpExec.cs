using System.Text;
using Emulator.Comware;
using Emulator.Comware.Commands.Files;
using Emulator.Ssh;
using Emulator.Ssh.Scp;

namespace Emulator.Device.Wiring;

/// <summary>
/// An exec request <c>scp -t|-f …</c> (OpenSSH's legacy protocol, <c>scp -O</c>, and every client library's SCP): served
/// on the device's storage when its SCP server is on (V7 <c>scp server enable</c>; V5 with the SSH server), read-only
/// below level 3. Otherwise the command is refused on stderr with exit status 1.
/// </summary>
internal static class ScpExec
{
    public static bool IsScp(string? command) => command is not null && command.StartsWith("scp ", StringComparison.Ordinal);

    public static async Task<int?> RunAsync(ComwareDevice device, SshSession session, CancellationToken cancellationToken)
    {
        await device.EnsureBootedAsync(cancellationToken);
        var request = ScpRequest.Parse(session.Command ?? "");
        if (request is null || !FileTransferAccess.ScpOffered(device, session.UserName))
        {
            var message = request is null ? "scp: unsupported options\n" : "scp: SCP service is not enabled\n";
            await session.ErrorOutput.WriteAsync(Encoding.UTF8.GetBytes(message), cancellationToken);
            return 1;
        }

        var server = new ScpServer(new SftpStorageFileSystem(device.Services.Storage), readOnly: !FileTransferAccess.CanWrite(device, session.UserName));
        return await server.RunAsync(request, session.Input, session.Output, cancellationToken);
    }
}
