#!/usr/bin/env bash
# SFTP throughput: put then get of one file (default 64 MiB) with OpenSSH's sftp client, against the emulator
# (F1000-AI-55, `sftp server enable`) and against OpenSSH's sftp-server in the same run.
#   bench/sftp.sh [SIZE_MIB] [ROUNDS]      (defaults 64 and 3; needs openssh-client, openssh-server, sshpass)
# Reference: as root, a throwaway sshd (temporary config, host key and authorized key, 127.0.0.1 only, no PAM, root
# login by that key only) whose `Subsystem sftp` is /usr/lib/openssh/sftp-server, over the same cipher and MAC as the
# emulator. Without root it falls back to `sftp -D sftp-server` (the server over a pipe, no SSH transport: an upper
# bound, labelled as such). Prints one line per target and direction: MiB, best seconds of ROUNDS, MiB/s, server CPU
# seconds (utime+stime from /proc) over all rounds. Not part of bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-64}
rounds=${2:-3}
cipher=aes128-gcm@openssh.com
sftp_server=/usr/lib/openssh/sftp-server
ssh_port=${SFTP_BENCH_SSH_PORT:-30122}
sshd_port=${SFTP_BENCH_SSHD_PORT:-30123}
work=$(mktemp -d /tmp/emulator-sftp-bench.XXXXXX)
trap 'kill ${host:-} ${sshd:-} 2>/dev/null || true; wait 2>/dev/null || true; [ -n "${SFTP_BENCH_KEEP:-}" ] && echo "kept $work" || rm -rf "$work"' EXIT

for tool in sftp sshpass; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done

cpu_seconds() { # utime+stime of one process, in seconds
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

# One target: label, server PID for CPU ("-": none), destination ("" with -D), then the sftp command and options.
measure() {
    local label=$1 pid=$2 dest=$3; shift 3
    local cpu0=0 cpu1=0 best_put=999999 best_get=999999 start end
    [ "$pid" = - ] || cpu0=$(cpu_seconds "$pid")
    for _ in $(seq 1 "$rounds"); do
        rm -f "$work/back.bin"
        printf 'put %s %s\n' "$work/payload.bin" "$remote_dir/payload.bin" >"$work/put.batch"
        start=$(date +%s.%N); "$@" -b "$work/put.batch" ${dest:+"$dest"} >/dev/null; end=$(date +%s.%N)
        best_put=$(awk -v a="$best_put" -v s="$start" -v e="$end" 'BEGIN { d = e - s; print (d < a ? d : a) }')
        printf 'get %s %s\nrm %s\n' "$remote_dir/payload.bin" "$work/back.bin" "$remote_dir/payload.bin" >"$work/get.batch"
        start=$(date +%s.%N); "$@" -b "$work/get.batch" ${dest:+"$dest"} >/dev/null; end=$(date +%s.%N)
        best_get=$(awk -v a="$best_get" -v s="$start" -v e="$end" 'BEGIN { d = e - s; print (d < a ? d : a) }')
        cmp -s "$work/payload.bin" "$work/back.bin" || { echo "$label: the file came back different" >&2; exit 1; }
    done
    [ "$pid" = - ] || cpu1=$(cpu_seconds "$pid")
    awk -v l="$label" -v m="$size_mib" -v p="$best_put" -v g="$best_get" -v c="$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { print b - a }')" 'BEGIN {
        printf "%-24s put  %5d MiB  %7.2f s  %8.1f MiB/s\n", l, m, p, m / p
        printf "%-24s get  %5d MiB  %7.2f s  %8.1f MiB/s  server CPU %.2f s (all rounds)\n", l, m, g, m / g, c }'
}

head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/payload.bin"
common=(-q -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=error -c "$cipher")

echo "== emulator"
dotnet build -c Release -v q --nologo src/Emulator.Host >/dev/null
cat >"$work/fleet.yaml" <<YAML
devices:
  - name: bench1
    profile: F1000-AI-55
    ssh: 127.0.0.1:$ssh_port
    overrides:
      default-configuration: |
        line vty 0 63
         authentication-mode scheme
        #
         ssh server enable
         sftp server enable
YAML
dotnet src/Emulator.Host/bin/Release/net10.0/emulator.dll --fleet "$work/fleet.yaml" --state-dir "$work/state" \
    --control none --log-level information >"$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 120); do grep -q "devices listening" "$work/host.log" 2>/dev/null && break; sleep 1; done
remote_dir=/
measure "emulator (SSH)" "$host" admin@127.0.0.1 sshpass -p admin sftp "${common[@]}" -o BatchMode=no -P "$ssh_port"
kill "$host"; wait "$host" 2>/dev/null || true; host=

echo "== OpenSSH sftp-server"
remote_dir=$work/remote
mkdir -p "$remote_dir"
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/sshd ]; then
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
    cp "$work/client_key.pub" "$work/authorized_keys"
    cat >"$work/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $sshd_port
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Ciphers $cipher
Subsystem sftp $sftp_server
CONF
    mkdir -p /run/sshd
    /usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
    sshd=$!
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$sshd_port") 2>/dev/null && break; sleep 0.1; done
    # sshd forks one process per connection: count the listener and its reaped children (cutime+cstime) too.
    cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$1/stat"; }
    measure "sshd + sftp-server" "$sshd" "$(id -un)@127.0.0.1" sftp "${common[@]}" -o BatchMode=yes -i "$work/client_key" -P "$sshd_port"
else
    echo "(not root: sftp-server over a pipe, without SSH transport; an upper bound, not a like-for-like figure)"
    measure "sftp-server (pipe)" - "" sftp -q -D "$sftp_server"
fi
