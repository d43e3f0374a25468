#!/usr/bin/python3
"""Several paramiko shells on one V5 device, as students sharing a lab device would use them.
Session A stops at the pager; B still gets display clock and display users at once; logins take VTY 0..4 and the
sixth is refused with the device's text. Prints one line per check; exits non-zero on the first failure.
usage: paramiko_vty_sessions.py PORT USER PASSWORD"""
import sys
import time
import paramiko

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def shell():
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username=user, password=password,
                   look_for_keys=False, allow_agent=False, timeout=20, banner_timeout=20, auth_timeout=20)
    channel = client.invoke_shell(width=80, height=24)
    return client, channel


def read_until(channel, marker, timeout=10.0):
    data = b""
    deadline = time.monotonic() + timeout
    while marker.encode() not in data:
        if time.monotonic() > deadline:
            raise SystemExit("timeout waiting for %r; got %r" % (marker, data[-300:]))
        if channel.recv_ready():
            data += channel.recv(65536)
        elif channel.exit_status_ready() and not channel.recv_ready():
            return data.decode("utf-8", "replace")
        else:
            time.sleep(0.01)
    return data.decode("utf-8", "replace")


clients = []
a_client, a = shell()
clients.append(a_client)
read_until(a, "<H3C>")
a.send("display current-configuration\r")
read_until(a, "---- More ----")
print("A: paused at the pager")

b_client, b = shell()
clients.append(b_client)
read_until(b, "<H3C>")
started = time.monotonic()
b.send("display clock\r")
clock = read_until(b, "<H3C>", timeout=5.0)
print("B: display clock answered in %.0f ms" % ((time.monotonic() - started) * 1000))
if "20" not in clock:
    raise SystemExit("B: no clock in %r" % clock)

b.send("display users\r")
users = read_until(b, "async mode")
if "VTY 0" not in users or "+ 30  VTY 1" not in users:
    raise SystemExit("B: display users does not mark VTY 1 as the caller: %r" % users)
print("B: display users marks VTY 1")

for n in range(3):
    c_client, c = shell()
    clients.append(c_client)
    read_until(c, "<H3C>")
print("C-E: VTY 2-4 taken")

f_client, f = shell()
refused = read_until(f, "please try later", timeout=10.0)
print("F: refused:", refused.strip().splitlines()[-1])
f_client.close()

a.send(" ")
a.send("q")
read_until(a, "<H3C>")
print("A: left the pager")
for client in clients:
    client.close()
print("ok")
