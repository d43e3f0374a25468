using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Emulator.Comware;
using Emulator.Comware.Runtime;
using Emulator.Device.Faults;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Emulator.Ssh;

namespace Emulator.Device.Runtime;

public sealed partial class DeviceInstance
{
    /// <summary>
    /// What a device needs once something talks to it: facts, state folder, host keys, faults, transcripts, the SSH
    /// server and its locks. An idle device of a 100,000-device fleet holds none of it, only its spec and status
    /// (about a kilobyte); the first connection or API call makes it, once.
    /// </summary>
    private sealed class Live : IAsyncDisposable
    {
        public Live(DeviceInstance device)
        {
            var spec = device.Spec;
            State = new DeviceStateDirectory(device._stateRoot, spec.Name);
            HostKeys = new HostKeyStore(State, spec.Name, spec.Policy.HostKeys(spec.Profile.Ssh.HostKeys), device._keyCodec, device._fleetSecret,
                ex => device.MarkDegraded(ex.Message));
            Facts = spec.Profile.CreateFacts(spec.Name, spec.Sysname, spec.Users) with { Neighbors = spec.Neighbors };
            Faults = new DeviceFaults(device._time, device._logger, device.Telemetry.Meter);
            Transcripts = new Transcripts.TranscriptStore(device._time);
            Services = new DeviceServices(device);
            Syslog = new Snmp.SyslogSender(spec.Profile.Dialect);
            Ssh = new SshServer(device.BuildSshOptions);
            if (device._stopped)
            {
                // An API call after the host stopped: nothing may start running for this device any more.
                Stopping.Cancel();
            }

            Faults.ActionRequested += fault => _ = fault.Spec.Kind == FaultKind.Reboot ? device.RebootByFaultAsync(fault) : device.LogLineByFaultAsync(fault);
            foreach (var fault in spec.Faults)
            {
                Faults.Add(fault);
            }
        }

        public DeviceStateDirectory State { get; }

        public HostKeyStore HostKeys { get; }

        public DeviceFacts Facts { get; }

        public DeviceFaults Faults { get; }

        public Transcripts.TranscriptStore Transcripts { get; }

        public DeviceServices Services { get; }

        public Snmp.SyslogSender Syslog { get; }

        public SshServer Ssh { get; }

        public SemaphoreSlim BootLock { get; } = new(1, 1);

        public CancellationTokenSource Stopping { get; } = new();

        /// <summary>Replaced (and the old one cancelled) by a reboot, which ends every session.</summary>
        public CancellationTokenSource SessionsCts = new();

        /// <summary>Per listener kind (<see cref="ScopeSlot"/>): the token its connections share, see <see cref="ConnectionToken"/>.</summary>
        public readonly ConnectionScope?[] Scopes = new ConnectionScope?[3];

        /// <summary>Built by <see cref="BuildSshOptions"/>; replaced when the login limits change.</summary>
        public SshServerOptions? SshOptions;

        public ConcurrentDictionary<EndPoint, Socket> Connections { get; } = new();

        /// <summary>The source of the connection being served, for the authenticator's failed-login record.</summary>
        public AsyncLocal<EndPoint?> ConnectingFrom { get; } = new();

        public async ValueTask DisposeAsync()
        {
            await Syslog.DisposeAsync();
            foreach (var scope in Scopes)
            {
                scope?.Linked.Dispose();
            }

            SessionsCts.Dispose();
            Stopping.Dispose();
            BootLock.Dispose();
        }
    }
}
