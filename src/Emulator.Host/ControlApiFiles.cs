using Emulator.Comware.Storage;
using Emulator.Device.Runtime;
using Emulator.Device.State;

namespace Emulator.Host;

/// <summary>
/// <c>GET/PUT /api/devices/{name}/files/{path}</c>: a device's storage (<c>flash:</c> or <c>cfa0:</c>) for labs and tests.
/// Paths go through the same resolver as the CLI and SFTP (nothing outside the storage is reachable); uploads are staged
/// and renamed into place, so a broken upload or a full medium leaves the old file. Uploads are bounded by the control
/// API's request body limit (1 MiB, <see cref="ControlAccessPolicy.MaxRequestBodyBytes"/>): configurations, not images.
/// </summary>
internal static class ControlApiFiles
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/devices/{name}/files/{**path}", (string name, string? path, DeviceFleet fleet) =>
            With(fleet, name, path, (storage, target) => Task.FromResult(Get(name, storage, target))));

        app.MapPut("/api/devices/{name}/files/{**path}", (string name, string? path, DeviceFleet fleet, HttpContext http) =>
            With(fleet, name, path, (storage, target) => PutAsync(name, storage, target, http)));
    }

    private static IResult Get(string name, DeviceStorage storage, StoragePath target)
    {
        var entry = storage.Stat(target);
        if (entry is null)
        {
            return ControlJson.Result(new ControlJson.ErrorDto($"{target.Display()} does not exist"), statusCode: 404);
        }

        if (!entry.IsDirectory)
        {
            return Results.Stream(storage.OpenRead(target), "application/octet-stream", target.Name);
        }

        var entries = storage.List(target).Select(e => new ControlJson.FileEntryDto(e.Name, e.IsDirectory, e.Size, e.Modified));
        return ControlJson.Result(new ControlJson.DirectoryDto(name, target.Display(), storage.Capacity, storage.FreeBytes, [.. entries]));
    }

    private static async Task<IResult> PutAsync(string name, DeviceStorage storage, StoragePath target, HttpContext http)
    {
        using var staged = storage.BeginWrite(target);
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            staged.Write(staged.Length, buffer.AsSpan(0, read));
        }

        var size = staged.Length;
        staged.Commit();
        return ControlJson.Result(new ControlJson.WrittenDto(name, target.Display(), size));
    }

    private static async Task<IResult> With(DeviceFleet fleet, string name, string? path, Func<DeviceStorage, StoragePath, Task<IResult>> action)
    {
        if (fleet.Find(name) is not { } device)
        {
            return ControlJson.Result(new ControlJson.ErrorDto($"device {name} does not exist"), statusCode: 404);
        }

        var storage = device.State.OpenStorage(device.Facts, TimeProvider.System);
        if (!storage.TryResolve(string.IsNullOrEmpty(path) ? "/" : "/" + path, storage.Root, out var target))
        {
            return ControlJson.Result(new ControlJson.ErrorDto("invalid path"), statusCode: 400);
        }

        try
        {
            return await action(storage, target);
        }
        catch (StorageException ex)
        {
            var status = ex.Error switch
            {
                StorageError.NotFound => 404,
                StorageError.InvalidPath => 400,
                StorageError.NoSpace => 507,
                StorageError.IsDirectory or StorageError.AlreadyExists or StorageError.NotDirectory => 409,
                _ => 500,
            };
            return ControlJson.Result(new ControlJson.PathErrorDto(name, target.Display(), ex.Error.ToString()), statusCode: status);
        }
        catch (Exception ex) when (ex is IOException or DeviceStateException)
        {
            return ControlJson.Result(new ControlJson.DeviceErrorDto(name, ex.Message), statusCode: 409);
        }
    }
}
