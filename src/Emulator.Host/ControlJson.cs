using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Emulator.Device.Transcripts;

namespace Emulator.Host;

/// <summary>
/// Every JSON body the control API writes, serialised by source-generated code (<see cref="ControlJsonContext"/>):
/// no reflection at run time, so the native (AOT) host writes exactly what the JIT host writes. A type missing from
/// the context fails the first request that uses it, in every build, not only the native one.
/// </summary>
internal static class ControlJson
{
    public static IResult Result<T>(T value, int? statusCode = null) =>
        Results.Json(value, TypeInfo<T>(), statusCode: statusCode);

    public static JsonTypeInfo<T> TypeInfo<T>() =>
        ControlJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not in {nameof(ControlJsonContext)}");

    /// <summary><c>{"error": …}</c></summary>
    internal sealed record ErrorDto(string Error);

    /// <summary><c>{"device": …, "error": …}</c></summary>
    internal sealed record DeviceErrorDto(string Device, string Error);

    /// <summary><c>/healthz</c> while some device does not listen.</summary>
    internal sealed record UnhealthyDto(string Status, IReadOnlyList<FailedDeviceDto> Failed);

    internal sealed record FailedDeviceDto(string Name, string? Error);

    /// <summary>The answer to reset and reboot.</summary>
    internal sealed record ActionDto(string Device, string Action, string Result);

    internal sealed record ConfigDto(string Device, string Kind, string Configuration);

    internal sealed record RemovedDto(string Device, int Removed);

    internal sealed record PathErrorDto(string Device, string Path, string Error);

    internal sealed record DirectoryDto(string Device, string Path, long Total, long Free, IReadOnlyList<FileEntryDto> Entries);

    internal sealed record FileEntryDto(string Name, bool Directory, long Size, DateTimeOffset Modified);

    internal sealed record WrittenDto(string Device, string Path, long Size);
}

/// <summary>The control API's JSON contract: camelCase names, as the reflection serialiser wrote them before.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ControlJson.ErrorDto))]
[JsonSerializable(typeof(ControlJson.DeviceErrorDto))]
[JsonSerializable(typeof(ControlJson.UnhealthyDto))]
[JsonSerializable(typeof(ControlJson.ActionDto))]
[JsonSerializable(typeof(ControlJson.ConfigDto))]
[JsonSerializable(typeof(ControlJson.RemovedDto))]
[JsonSerializable(typeof(ControlJson.PathErrorDto))]
[JsonSerializable(typeof(ControlJson.DirectoryDto))]
[JsonSerializable(typeof(ControlJson.WrittenDto))]
[JsonSerializable(typeof(ControlApi.DeviceDto))]
[JsonSerializable(typeof(List<ControlApi.DeviceDto>))]
[JsonSerializable(typeof(ControlApiFaults.FaultDto))]
[JsonSerializable(typeof(IReadOnlyList<ControlApiFaults.FaultDto>))]
[JsonSerializable(typeof(ControlApiSessions.SessionDto), TypeInfoPropertyName = "TranscriptSession")]
[JsonSerializable(typeof(List<ControlApiSessions.SessionDto>), TypeInfoPropertyName = "TranscriptSessionList")]
[JsonSerializable(typeof(IReadOnlyList<RecordedCommand>))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
