#!/usr/bin/env bash
# Builds the emulator image with no SDK image and no registry: publishes on this machine (docker/publish.sh),
# then builds the Dockerfile's `prebuilt` target, which only copies docker/out onto the runtime base.
#
#   docker/build.sh [TAG]              default tag h3c-secpath-emulator:dev
#   BASE_IMAGE=localbase:bookworm docker/build.sh    base image other than mcr.microsoft.com/dotnet/runtime-deps:10.0
#
# With registry access a plain `docker build -f docker/Dockerfile .` (BuildKit) does the same inside the SDK image.
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:-${EMULATOR_IMAGE:-h3c-secpath-emulator:dev}}

bash docker/publish.sh docker/out
# ${BASE_IMAGE:+...}: an empty --build-arg would override the Dockerfile's default with "" and fail.
docker build ${BASE_IMAGE:+--build-arg BASE_IMAGE="$BASE_IMAGE"} \
    --target prebuilt \
    --file docker/Dockerfile \
    --tag "$tag" \
    .
