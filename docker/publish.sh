#!/usr/bin/env bash
# Publishes the emulator host for Linux into one folder (default docker/out): the native executable `emulator`
# (Native AOT: no .NET runtime needed, starts in milliseconds) and device-profiles/.
# The one place that says how the image's /app is produced: docker/build.sh runs it on this machine, the Dockerfile's
# SDK stage runs it inside the SDK image, and .ci/run runs it once before the tests (the native smoke test uses it).
#
#   docker/publish.sh [OUT_DIR]
#   env: EMULATOR_RID     default linux-x64, or linux-arm64 from uname -m
#        EMULATOR_NATIVE  1 (default): Native AOT (needs clang and zlib1g-dev); 0: self-contained JIT publish
# `dotnet run` and the tests always use the JIT host; only this publish compiles natively.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docker/out}
if [ -z "${EMULATOR_RID:-}" ]; then
    case "$(uname -m)" in
        aarch64|arm64) EMULATOR_RID=linux-arm64 ;;
        *) EMULATOR_RID=linux-x64 ;;
    esac
fi

mode=(-p:PublishAot=true)
if [ "${EMULATOR_NATIVE:-1}" = 0 ]; then
    mode=(-p:PublishAot=false -p:UseAppHost=true)
fi

rm -rf "$out"
# Self-contained either way, so runtime-deps (no .NET runtime) is enough as the base image.
# No PDBs or native symbol files and no satellite resources: they only add size to the image.
# Warnings are errors here as in every build: a trim or AOT warning fails the publish.
dotnet publish src/Emulator.Host/Emulator.Host.csproj \
    --configuration Release \
    --runtime "$EMULATOR_RID" \
    --self-contained true \
    --output "$out" \
    --nologo \
    -p:DebugType=none \
    -p:DebugSymbols=false \
    -p:StripSymbols=true \
    -p:SatelliteResourceLanguages=en \
    -p:InvariantGlobalization=true \
    "${mode[@]}"
# The web SDK's static web assets manifest: the emulator serves no static files.
rm -f "$out"/*.staticwebassets.endpoints.json
