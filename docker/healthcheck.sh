#!/bin/bash
# Container HEALTHCHECK: healthy when the control API answers GET /healthz with 200 (every device listens).
# runtime-deps has no curl or wget, so this speaks HTTP/1.0 over bash's /dev/tcp. The port comes from
# EMULATOR_CONTROL (default http://0.0.0.0:8022); a wildcard bind address is probed on loopback.
set -u
control=${EMULATOR_CONTROL:-http://0.0.0.0:8022}
hostport=${control#*://}
hostport=${hostport%%/*}
port=${hostport##*:}
host=${hostport%:*}
case "$host" in
    0.0.0.0|\*|+|"[::]"|"") host=127.0.0.1 ;;
esac
host=${host#[}
host=${host%]}

exec 3<>"/dev/tcp/$host/$port" || exit 1
printf 'GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
read -r -t 2 _ status _ <&3 || exit 1
[ "$status" = 200 ]
