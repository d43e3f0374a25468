#!/usr/bin/env bash
# Builds the emulator image with no SDK image and no registry: publishes on this machine (docker/publish.sh),
# then builds the Dockerfile's `prebuilt` target, which only copies docker/out onto the runtime base.
#
#   docker/build.sh [TAG]              default tag h3c-secpath-emulator:dev
#   BASE_IMAGE=localbase:bookworm docker/build.sh    base image other than mcr.microsoft.com/dotnet/runtime-deps:10.0
#   EMULATOR_SKIP_PUBLISH=1 docker/build.sh         use docker/out as published already (.ci/run publishes it once)
#
# With registry access a plain `docker build -f docker/Dockerfile .` (BuildKit) does the same inside the SDK image.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-${EMULATOR_IMAGE:-h3c-secpath-emulator:dev}}

if [ "${EMULATOR_SKIP_PUBLISH:-0}" = 1 ] && [ -x docker/out/emulator ]; then
    echo "using the published docker/out (EMULATOR_SKIP_PUBLISH=1)" >&2
else
    bash docker/publish.sh docker/out
fi
# ${BASE_IMAGE:+...}: an empty --build-arg would override the Dockerfile's default with "" and fail.
docker build ${BASE_IMAGE:+--build-arg BASE_IMAGE="$BASE_IMAGE"} \
    --target prebuilt \
    --file docker/Dockerfile \
    --tag "$tag" \
    .
