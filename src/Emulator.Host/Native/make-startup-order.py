#!/usr/bin/env python3
"""Writes src/Emulator.Host/Native/startup.order (see README.md beside it).

Publishes the native host with its symbol table, puts a uprobe (Linux tracefs) on the entry of every managed method,
runs the scenarios the README lists and writes the methods in the order they first ran. Needs root, clang (as
docker/publish.sh does), sshpass, ssh and curl. Probes are removed at the end, also after a failure.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ORDER = os.path.join(ROOT, "src", "Emulator.Host", "Native", "startup.order")
TRACEFS = "/sys/kernel/tracing"
INSTANCE = os.path.join(TRACEFS, "instances", "emulator-order")
GROUP = "emuorder"


def publish(out):
    subprocess.run(["dotnet", "publish", "src/Emulator.Host/Emulator.Host.csproj", "-c", "Release", "-r", "linux-x64",
                    "--self-contained", "true", "-o", out, "--nologo", "-p:PublishAot=true", "-p:DebugType=none",
                    "-p:DebugSymbols=false", "-p:StripSymbols=false", "-p:InvariantGlobalization=true",
                    "-p:SatelliteResourceLanguages=en"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "emulator")


def managed_methods(exe):
    """(file offset, [names]) of every method in the managed code sections; folded methods share an offset."""
    sections = subprocess.run(["readelf", "-SW", exe], capture_output=True, text=True, check=True).stdout
    ranges = []
    for name in ("__managedcode", "__unbox"):
        m = re.search(rf"\] {name}\s+\S+\s+([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+)", sections)
        address, offset, size = (int(x, 16) for x in m.groups())
        ranges.append((address, address + size, offset - address))
    by_address = {}
    for line in subprocess.run(["readelf", "-sW", exe], capture_output=True, text=True, check=True).stdout.splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[3] == "FUNC" and fields[6] != "UND":
            address = int(fields[1], 16)
            for low, high, delta in ranges:
                if low <= address < high:
                    by_address.setdefault(address + delta, []).append(fields[7])
    return sorted(by_address.items())


def add_probes(exe, methods):
    # The kernel takes minutes for ~65,000 probes (and refuses more than about 63,000: the rest stay unordered).
    fd = os.open(os.path.join(TRACEFS, "uprobe_events"), os.O_WRONLY | os.O_APPEND)
    try:
        for start in range(0, len(methods), 50):
            batch = "".join(f"p:{GROUP}/f{i} {exe}:0x{methods[i][0]:x}\n" for i in range(start, min(start + 50, len(methods))))
            try:
                os.write(fd, batch.encode())
            except OSError as error:
                print(f"probes stop at {start} of {len(methods)}: {error}", file=sys.stderr)
                break
    finally:
        os.close(fd)
    os.makedirs(INSTANCE, exist_ok=True)
    write(os.path.join(INSTANCE, "options", "overwrite"), "0")
    write(os.path.join(INSTANCE, "buffer_size_kb"), "262144")
    write(os.path.join(INSTANCE, "events", GROUP, "enable"), "1")


def remove_probes():
    if os.path.isdir(INSTANCE):
        write(os.path.join(INSTANCE, "events", GROUP, "enable"), "0")
        os.rmdir(INSTANCE)
    with open(os.path.join(TRACEFS, "uprobe_events")) as events:
        probes = events.read().splitlines()
    mine = [line.split()[0].split(":", 1)[1] for line in probes if line.startswith(f"p:{GROUP}/")]
    if mine and len(mine) == len(probes):
        # Only ours are defined: truncating the file removes them all at once (32 s for 63,000 here), where one
        # removal line each took over half an hour.
        write(os.path.join(TRACEFS, "uprobe_events"), "")
        return
    fd = os.open(os.path.join(TRACEFS, "uprobe_events"), os.O_WRONLY | os.O_APPEND)
    try:
        for name in mine:
            os.write(fd, f"-:{name}\n".encode())
    finally:
        os.close(fd)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def mark(text):
    write(os.path.join(INSTANCE, "trace_marker"), text)


def run_scenario(exe, control):
    """Start, then each phase after a trace marker naming it: (health,) login, (control,) stop; returns the trace."""
    write(os.path.join(INSTANCE, "trace"), "")
    with tempfile.TemporaryDirectory() as state, tempfile.NamedTemporaryFile("r") as log:
        arguments = [exe, "--state-dir", state, "--ssh-port", "0", "--control", control or "none"]
        host = subprocess.Popen(arguments, stdout=open(log.name, "w"), stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while "All 1 devices listening" not in open(log.name).read():
                if time.monotonic() > deadline or host.poll() is not None:
                    raise RuntimeError("the host did not start: " + open(log.name).read())
                time.sleep(0.1)
            if control:
                # The probe first: a container nobody logs into runs the start and this, nothing else. The web server
                # binds after the devices ("All 1 devices listening"), later still under 60,000 probes: retry.
                mark("PHASE_health")
                while subprocess.run(["curl", "-sf", "-o", "/dev/null", control + "/healthz"]).returncode != 0:
                    if time.monotonic() > deadline or host.poll() is not None:
                        raise RuntimeError("the control API did not answer: " + open(log.name).read())
                    time.sleep(0.1)
            mark("PHASE_login")
            port = re.search(r"listening on 127\.0\.0\.1:(\d+)", open(log.name).read()).group(1)
            subprocess.run(["sshpass", "-p", "admin", "ssh", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                            "-p", port, "admin@127.0.0.1", "display version"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if control:
                mark("PHASE_control")
                for path in ("/api/devices", "/metrics"):
                    subprocess.run(["curl", "-sf", "-o", "/dev/null", control + path], check=True)
            mark("PHASE_stop")
        finally:
            host.terminate()
            host.wait(30)
    with open(os.path.join(INSTANCE, "trace")) as trace:
        return trace.read().splitlines()


def first_runs(lines):
    """{phase: [method index in the order each first ran]}; a phase begins at the marker naming it."""
    seen, phases, phase = set(), {}, "start"
    for line in lines:
        marker = re.search(r"PHASE_(\w+)", line)
        if marker:
            phase = marker.group(1)
            continue
        hit = re.search(r" f(\d+): ", line)
        if hit and int(hit.group(1)) not in seen:
            seen.add(int(hit.group(1)))
            phases.setdefault(phase, []).append(int(hit.group(1)))
    return phases


def main():
    with tempfile.TemporaryDirectory() as out:
        exe = publish(out)
        methods = managed_methods(exe)
        try:
            add_probes(exe, methods)
            idle = first_runs(run_scenario(exe, None))
            control = first_runs(run_scenario(exe, "http://127.0.0.1:38022"))
        finally:
            remove_probes()
    groups = [idle.get("start", []), control.get("start", []), control.get("health", []), idle.get("login", []),
              control.get("login", []), control.get("control", []), idle.get("stop", []), control.get("stop", [])]
    placed, names = set(), []
    for group in groups:
        for index in group:
            if index not in placed:
                placed.add(index)
                names.extend(methods[index][1])
    write(ORDER, "".join(name + "\n" for name in names))
    print(f"{ORDER}: {len(placed)} methods ({len(names)} names)")


if __name__ == "__main__":
    main()
