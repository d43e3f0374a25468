using Emulator.Device.Runtime;
using Emulator.Device.Transcripts;

namespace Emulator.Host;

/// <summary>
/// <c>/api/devices/{name}/sessions</c>: the device's recent sessions, each one's transcript (asciicast v2 or plain
/// text) and command history.
/// </summary>
internal static class ControlApiSessions
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/devices/{name}/sessions", (string name, DeviceFleet fleet) =>
            fleet.Find(name) is { } device
                ? ControlJson.Result(device.Transcripts.Sessions.Select(SessionDto.From).ToList())
                : NotFound($"no device named '{name}'"));

        app.MapGet("/api/devices/{name}/sessions/{id:int}/transcript", (string name, int id, string? format, DeviceFleet fleet) =>
            WithSession(fleet, name, id, transcript => (format ?? "asciicast") switch
            {
                "asciicast" => Results.Text(TranscriptFormats.Asciicast(transcript), "application/x-asciicast"),
                "text" => Results.Text(TranscriptFormats.PlainText(transcript), "text/plain"),
                var other => ControlJson.Result(new ControlJson.ErrorDto($"format '{other}' must be asciicast or text"), statusCode: 400),
            }));

        app.MapGet("/api/devices/{name}/sessions/{id:int}/commands", (string name, int id, DeviceFleet fleet) =>
            WithSession(fleet, name, id, transcript => ControlJson.Result(transcript.Commands())));
    }

    private static IResult WithSession(DeviceFleet fleet, string name, int id, Func<SessionTranscript, IResult> answer) =>
        fleet.Find(name) is not { } device ? NotFound($"no device named '{name}'")
        : device.Transcripts.Find(id) is { } transcript ? answer(transcript)
        : NotFound($"device {device.Name} keeps no session {id}");

    private static IResult NotFound(string error) => ControlJson.Result(new ControlJson.ErrorDto(error), statusCode: 404);

    internal sealed record SessionDto(int Id, string User, string Line, string Remote, string Protocol, string Kind,
        DateTimeOffset Started, DateTimeOffset? Ended, int Chars, bool Truncated, int Commands)
    {
        public static SessionDto From(SessionTranscript t) => new(t.Id, t.Session.User, t.Session.Line, t.Session.Remote, t.Session.Protocol,
            t.Session.Kind, t.Started, t.Ended, t.Chars, t.Truncated, t.Commands().Count);
    }
}
