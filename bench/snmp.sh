#!/usr/bin/env bash
# SNMP GETs per second: one snmpbulkwalk loop over a 1,000-device fleet, against net-snmp's snmpd in the same run.
#   bench/snmp.sh [DEVICES]      (default 1000; needs the Debian packages snmp and snmpd)
# Prints one line per target: walks, variable bindings, seconds, bindings per second. Not part of bench/run.sh yet.
# Smoke: bench/snmp.sh 3
set -euo pipefail
cd "$(dirname "$0")/.."
devices=${1:-1000}
work=$(mktemp -d /tmp/emulator-snmp-bench.XXXXXX)
trap 'kill ${host:-} ${snmpd:-} 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release -v q --nologo src/Emulator.Host >/dev/null
cat >"$work/fleet.yaml" <<YAML
devices:
  - name: "fw{n}"
    profile: F1000-E
    count: $devices
    ssh: 127.0.0.1:30001
    snmp: 127.0.0.1:40001
    overrides:
      default-configuration: |
        snmp-agent
        snmp-agent sys-info version v2c v3
        snmp-agent community read public
YAML
dotnet src/Emulator.Host/bin/Release/net10.0/emulator.dll --fleet "$work/fleet.yaml" --state-dir "$work/state" \
    --control none --log-level information >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 120); do grep -q "devices listening" "$work/host.log" 2>/dev/null && break; sleep 1; done

walk() { # label, then one agent per argument
    local label=$1; shift
    local start end count=0
    start=$(date +%s.%N)
    for agent in "$@"; do
        count=$((count + $(snmpbulkwalk -v2c -c public -On -M /dev/null -Cr25 "$agent" 1.3.6.1.2.1.2.2 | wc -l)))
    done
    end=$(date +%s.%N)
    awk -v l="$label" -v n="$#" -v c="$count" -v s="$start" -v e="$end" \
        'BEGIN { printf "%-10s walks %d  bindings %d  seconds %.2f  bindings/s %.0f\n", l, n, c, e - s, c / (e - s) }'
}

agents=(); for i in $(seq 0 $((devices - 1))); do agents+=("udp:127.0.0.1:$((40001 + i))"); done
# Devices start cold (the configuration loads on first contact): one GET each first, so the walks time the agent only.
for agent in "${agents[@]}"; do snmpget -v2c -c public -On -M /dev/null -t 5 "$agent" 1.3.6.1.2.1.1.3.0 >/dev/null; done
walk emulator "${agents[@]}"

printf 'agentaddress udp:127.0.0.1:39999\nrocommunity public 127.0.0.1\n' >"$work/snmpd.conf"
/usr/sbin/snmpd -f -Lo -C -c "$work/snmpd.conf" -p "$work/snmpd.pid" >"$work/snmpd.log" 2>&1 &
snmpd=$!
sleep 1
same=(); for _ in $(seq 1 "$devices"); do same+=("udp:127.0.0.1:39999"); done
walk snmpd "${same[@]}"
