using System.Net;
using Emulator.Bench.Client;

namespace Emulator.Bench.Suite;

/// <summary>A server the suite measures: where it listens, how to log in, and how to read its CPU.</summary>
public sealed record ServerUnderTest(
    string Name,
    IReadOnlyList<EndPoint> Targets,
    SshClientOptions Client,
    string ExecCommand,
    Func<CancellationToken, Task<ProcSample>> SampleAsync);
