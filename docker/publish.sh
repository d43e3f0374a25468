#!/usr/bin/env bash
# Publishes the emulator host self-contained for Linux into one folder (default docker/out).
# The one place that says how the image's /app is produced: docker/build.sh runs it on this machine,
# and the Dockerfile's SDK stage runs it inside the SDK image.
#
#   docker/publish.sh [OUT_DIR]
#   env: EMULATOR_RID   default linux-x64, or linux-arm64 from uname -m
#        EMULATOR_TRIM  1 (default): trim the .NET/ASP.NET framework (about 115 MB -> 45 MB); 0: publish untrimmed
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docker/out}
if [ -z "${EMULATOR_RID:-}" ]; then
    case "$(uname -m)" in
        aarch64|arm64) EMULATOR_RID=linux-arm64 ;;
        *) EMULATOR_RID=linux-x64 ;;
    esac
fi

trim=()
if [ "${EMULATOR_TRIM:-1}" = 1 ]; then
    # Partial trimming of the frameworks only; docker/Trimming.targets keeps every other library whole (reflection).
    # Trim analysis warnings are about those reflection uses; the container tests are what proves the trimmed app.
    # The control API serialises with System.Text.Json's reflection mode, which trimming would otherwise switch off.
    trim=(-p:PublishTrimmed=true -p:TrimMode=partial
          -p:SuppressTrimAnalysisWarnings=true -p:ILLinkTreatWarningsAsErrors=false
          -p:JsonSerializerIsReflectionEnabledByDefault=true
          "-p:CustomAfterMicrosoftCommonTargets=$PWD/docker/Trimming.targets")
fi

rm -rf "$out"
# Self-contained so runtime-deps (no .NET runtime) is enough as the base image.
# No PDBs and no satellite resources: they only add size to the image.
dotnet publish src/Emulator.Host/Emulator.Host.csproj \
    --configuration Release \
    --runtime "$EMULATOR_RID" \
    --self-contained true \
    --output "$out" \
    --nologo \
    -p:DebugType=none \
    -p:DebugSymbols=false \
    -p:SatelliteResourceLanguages=en \
    -p:InvariantGlobalization=true \
    -p:UseAppHost=true \
    "${trim[@]}"
