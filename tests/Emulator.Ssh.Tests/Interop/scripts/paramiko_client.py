"""Drives paramiko against the emulator's SSH server for the interop tests.

usage: paramiko_client.py PORT USER (--password PW | --key FILE) (exec COMMAND | shell LINE...)
exec: prints the command's stdout, copies its stderr, exits with its exit status.
shell: opens a pty shell, waits for the "$ " prompt, sends each LINE, then "exit", prints everything received.
"""
import argparse
import sys
import time

import paramiko
import os


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("user")
    parser.add_argument("--password")
    parser.add_argument("--key")
    parser.add_argument("mode", choices=["exec", "shell"])
    parser.add_argument("args", nargs="+")
    options = parser.parse_args()
    if os.environ.get("PARAMIKO_LOG"):
        paramiko.util.log_to_file(os.environ["PARAMIKO_LOG"], level=10)

    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    key = paramiko.Ed25519Key.from_private_key_file(options.key) if options.key else None
    client.connect("127.0.0.1", port=options.port, username=options.user, password=options.password, pkey=key,
                   allow_agent=False, look_for_keys=False, timeout=20, banner_timeout=20, auth_timeout=20)
    try:
        if options.mode == "exec":
            _, stdout, stderr = client.exec_command(" ".join(options.args), timeout=30)
            sys.stdout.write(stdout.read().decode())
            sys.stderr.write(stderr.read().decode())
            return stdout.channel.recv_exit_status()
        return shell(client, options.args)
    finally:
        client.close()


def shell(client, lines):
    channel = client.invoke_shell(term="vt100", width=100, height=30)
    channel.settimeout(20)
    received = read_until(channel, b"$ ")
    for line in lines + ["exit"]:
        channel.send((line + "\r").encode())
        received += read_until(channel, b"bye\r\n" if line == "exit" else b"$ ")
    status = channel.recv_exit_status()
    sys.stdout.write(received.decode())
    return status


def read_until(channel, marker):
    data = b""
    deadline = time.time() + 20
    while not data.endswith(marker):
        if time.time() > deadline:
            raise TimeoutError("waiting for %r, got %r" % (marker, data))
        chunk = channel.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


if __name__ == "__main__":
    sys.exit(main())
