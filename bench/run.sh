#!/usr/bin/env bash
# Runs the whole benchmark suite and writes bench/results/<date>-<host>.md (see bench/README.md).
#   bench/run.sh                 full run: micro-benchmarks, handshakes vs sshd, throughput, latency, 1,000-device fleet
#   bench/run.sh --quick         about a minute: smaller counts, 100-device fleet, short micro-benchmark jobs
#   bench/run.sh --no-micro      skip BenchmarkDotNet
#   bench/run.sh --only handshake,throughput,latency,fleet
# Needs root for the sshd reference (privilege separation and a throwaway user); without it sshd is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

quick=0 micro=1 suite_args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1; suite_args+=(--quick) ;;
        --no-micro) micro=0 ;;
        --only) suite_args+=(--only "$2"); [[ "$2" == *micro* ]] || micro=0; shift ;;
        --concurrency) suite_args+=(--concurrency "$2"); shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# 10,000 idle sessions need 10,000 sockets in the host and as many in the load generator.
hard=$(ulimit -Hn)
if [ "$hard" = unlimited ] || [ "$hard" -gt 65536 ]; then hard=65536; fi
ulimit -n "$hard"

echo "== building (Release)"
dotnet build -c Release -v q --nologo src/Emulator.Host >/dev/null
dotnet build -c Release -v q --nologo bench/Emulator.Bench >/dev/null
dotnet build -c Release -v q --nologo bench/Emulator.SshOnly >/dev/null

work=$(mktemp -d /tmp/emulator-bench-run.XXXXXX)
trap 'rm -rf "$work"' EXIT

if [ "$micro" = 1 ]; then
    echo "== micro-benchmarks (BenchmarkDotNet)"
    job=(--job short)
    [ "$quick" = 1 ] && job=(--job dry)
    # In-process: no per-benchmark project build (minutes on a busy 2-core machine).
    dotnet run -c Release --project bench/Emulator.Benchmarks -- --filter "*" "${job[@]}" --inProcess \
        --artifacts "$work/bdn" --exporters github >"$work/bdn.log" 2>&1 || { tail -30 "$work/bdn.log"; exit 1; }
    suite_args+=(--micro-results "$work/bdn/results")
fi

echo "== suite"
dotnet bench/Emulator.Bench/bin/Release/net10.0/emulator-bench.dll suite --repo . --out bench/results "${suite_args[@]}"
