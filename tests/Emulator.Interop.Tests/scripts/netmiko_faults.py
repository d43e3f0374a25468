#!/usr/bin/python3
"""What netmiko (hp_comware) sees when the control API injects faults into a device.
usage: netmiko_faults.py SSH_PORT API_URL DEVICE"""
import json
import sys
import time
import urllib.request

from netmiko import ConnectHandler
from netmiko.ssh_exception import NetMikoAuthenticationException  # netmiko 2.x (Debian 12); 4.x: netmiko.exceptions

port, api, name = int(sys.argv[1]), sys.argv[2].rstrip("/"), sys.argv[3]
device = dict(device_type="hp_comware", host="127.0.0.1", port=port, username="admin", password="admin",
              timeout=20, banner_timeout=20, auth_timeout=20, fast_cli=True)


def api_call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(api + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read() or b"null")


def inject(**fields):
    return api_call("POST", f"/api/devices/{name}/faults", {k.replace("_", "-"): v for k, v in fields.items()})


def clear():
    api_call("DELETE", f"/api/devices/{name}/faults")


def connect():
    """ConnectHandler, tried once more when netmiko gives up on the first prompt: with fast_cli it sends Enter 13
    times 0.1 s apart, and a fresh debug-build host on a fully loaded CI machine was once slower than that (what the
    faults below are about is what comes after the login)."""
    try:
        return ConnectHandler(**device)
    except ValueError as e:
        if "Unable to find prompt" not in str(e):
            raise
        print("first prompt slow to come; connecting again")
        return ConnectHandler(**device)


# 1. An RBM pair's standby: the prompt carries the role; netmiko still finds it and runs commands.
inject(kind="ha-role", role="RBM_S")
conn = connect()
print("rbm prompt:", conn.find_prompt())
assert conn.find_prompt().startswith("RBM_S<"), conn.find_prompt()
assert "Comware" in conn.send_command("display version")
conn.disconnect()
clear()

# 2. A legal banner asks Y/ENTER before the first prompt: netmiko's session preparation answers it.
inject(kind="legal-banner", text="Authorized access only")
conn = connect()
print("after legal banner:", conn.find_prompt())
conn.disconnect()
clear()

# 3. A slow command: a short wait (5 loops of 0.2 s) gives up, the default wait gets the output.
inject(kind="command-latency", delay="3s", command="^display clock")
conn = connect()
try:
    conn.send_command("display clock", max_loops=5)
    raise SystemExit("expected a timeout")
except (IOError, OSError) as e:
    print("slow command: gave up after 1 s:", e)
conn.disconnect()
conn = connect()
out = conn.send_command("display clock")
assert ":" in out, out
print("slow command: answered with the default wait")
conn.disconnect()
clear()

# 4. Logins refused whatever the password.
inject(kind="auth-refuse", once=True)
try:
    ConnectHandler(**device)
    raise SystemExit("expected an authentication failure")
except NetMikoAuthenticationException:
    print("auth-refuse: NetMikoAuthenticationException")

# 5. A reboot mid-session: the session dies, the device refuses for a while, then comes back.
conn = connect()
inject(kind="reboot", down="3s")
time.sleep(0.5)
try:
    conn.send_command("display clock", max_loops=25)
    raise SystemExit("expected the session to be gone")
except Exception as e:  # noqa: BLE001 - OSError, EOFError or a socket error, depending on timing
    print("reboot: session lost:", type(e).__name__)
start = time.monotonic()
while True:
    try:
        conn = connect()
        break
    except Exception:  # noqa: BLE001
        if time.monotonic() - start > 30:
            raise
        time.sleep(0.5)
print(f"reboot: back after {time.monotonic() - start:.1f} s:", conn.find_prompt())
conn.disconnect()
print("all faults seen as expected")
