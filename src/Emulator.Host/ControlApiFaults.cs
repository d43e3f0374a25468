using System.Text.Json;
using Emulator.Device.Faults;
using Emulator.Device.Runtime;

namespace Emulator.Host;

/// <summary>
/// <c>/api/devices/{name}/faults</c>: list, inject (POST a flat JSON object, e.g.
/// <c>{"kind":"command-latency","delay":"2s","command":"^display"}</c>), remove one (DELETE …/{id}) or all (DELETE).
/// </summary>
internal static class ControlApiFaults
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/devices/{name}/faults", (string name, DeviceFleet fleet) =>
            fleet.Find(name) is { } device ? ControlJson.Result(FaultDto.List(device)) : NotFound(name));

        app.MapPost("/api/devices/{name}/faults", async (string name, DeviceFleet fleet, HttpRequest request, CancellationToken ct) =>
        {
            if (fleet.Find(name) is not { } device)
            {
                return NotFound(name);
            }

            if (await ReadFieldsAsync(request, ct) is not { } fields)
            {
                return BadRequest("the body must be a JSON object whose values are strings, numbers or booleans");
            }

            if (FaultSpec.TryParse(fields, out var error) is not { } spec)
            {
                return BadRequest(error!);
            }

            try
            {
                var fault = device.Faults.Add(spec);
                return ControlJson.Result(FaultDto.From(fault), statusCode: 201);
            }
            catch (InvalidOperationException ex)
            {
                return ControlJson.Result(new ControlJson.DeviceErrorDto(device.Name, ex.Message), statusCode: 409);
            }
        });

        app.MapDelete("/api/devices/{name}/faults", (string name, DeviceFleet fleet) =>
            fleet.Find(name) is { } device ? ControlJson.Result(new ControlJson.RemovedDto(device.Name, device.Faults.Clear())) : NotFound(name));

        app.MapDelete("/api/devices/{name}/faults/{id:int}", (string name, int id, DeviceFleet fleet) =>
            fleet.Find(name) is not { } device ? NotFound(name)
            : device.Faults.Remove(id) ? ControlJson.Result(new ControlJson.RemovedDto(device.Name, 1))
            : ControlJson.Result(new ControlJson.DeviceErrorDto(device.Name, $"no fault {id}"), statusCode: 404));
    }

    private static async Task<Dictionary<string, string>?> ReadFieldsAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                string? value = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (value is null)
                {
                    return null;
                }

                fields[property.Name] = value;
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult BadRequest(string error) => ControlJson.Result(new ControlJson.ErrorDto(error), statusCode: 400);

    private static IResult NotFound(string name) => ControlJson.Result(new ControlJson.ErrorDto($"no device named '{name}'"), statusCode: 404);

    /// <summary>A fault as listed: its id, the fields that define it, since when, and what it has done.</summary>
    internal sealed record FaultDto(int Id, IReadOnlyDictionary<string, string> Fault, DateTimeOffset Since, int Seen, int Applied)
    {
        public static FaultDto From(ActiveFault fault) => new(fault.Id, fault.Spec.ToFields(), fault.Since, fault.Seen, fault.Applied);

        public static IReadOnlyList<FaultDto> List(DeviceInstance device) => [.. device.Faults.Active.Select(From)];
    }
}
