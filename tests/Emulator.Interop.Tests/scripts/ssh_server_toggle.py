#!/usr/bin/python3
"""`undo ssh server enable` refuses new logins while the session that typed it keeps working.
usage: ssh_server_toggle.py PORT USER PASSWORD"""
import sys
import time
import paramiko

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]


def connect():
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect("127.0.0.1", port=port, username=user, password=password,
                   look_for_keys=False, allow_agent=False, timeout=20, banner_timeout=20, auth_timeout=20)
    return client


def read_until(channel, marker, timeout=20):
    data = b""
    deadline = time.time() + timeout
    while marker.encode() not in data:
        if time.time() > deadline:
            raise SystemExit("timed out waiting for %r, got %r" % (marker, data))
        if channel.recv_ready():
            data += channel.recv(65536)
        else:
            time.sleep(0.05)
    return data.decode("utf-8", "replace")


first = connect()
shell = first.invoke_shell(width=200, height=50)
read_until(shell, ">")
shell.send("system-view\r")
read_until(shell, "]")
shell.send("undo ssh server enable\r")
read_until(shell, "]")

try:
    connect().close()
    print("second login: accepted")
except Exception as e:  # the device closes the TCP connection before the SSH banner
    print("second login: refused (%s)" % type(e).__name__)

shell.send("display ssh server status\r")
print("first session:", read_until(shell, "]").replace("\r", "").strip().splitlines()[1:3])
shell.send("ssh server enable\r")
read_until(shell, "]")
shell.close()
first.close()

third = connect()
print("after re-enable: accepted")
third.close()
