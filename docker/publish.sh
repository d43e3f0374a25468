#!/usr/bin/env bash
# Publishes the emulator host self-contained for Linux into one folder (default docker/out).
# The one place that says how the image's /app is produced: docker/build.sh runs it on this machine,
# and the Dockerfile's SDK stage runs it inside the SDK image.
#
#   docker/publish.sh [OUT_DIR]        env: EMULATOR_RID (default linux-x64 or linux-arm64 from uname -m)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docker/out}
if [ -z "${EMULATOR_RID:-}" ]; then
    case "$(uname -m)" in
        aarch64|arm64) EMULATOR_RID=linux-arm64 ;;
        *) EMULATOR_RID=linux-x64 ;;
    esac
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
    -p:UseAppHost=true
