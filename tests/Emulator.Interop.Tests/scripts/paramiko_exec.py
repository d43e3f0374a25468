#!/usr/bin/python3
"""Runs one command over an SSH exec channel with paramiko and prints its output.
usage: paramiko_exec.py PORT USER PASSWORD COMMAND"""
import sys
import paramiko

port, user, password, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
client.connect("127.0.0.1", port=port, username=user, password=password,
               look_for_keys=False, allow_agent=False, timeout=20, banner_timeout=20, auth_timeout=20)
transport = client.get_transport()
print("remote-version:", transport.remote_version)
print("cipher:", transport.remote_cipher, "kex:", transport.kex_engine.__class__.__name__ if transport.kex_engine else "?")
stdin, stdout, stderr = client.exec_command(command, timeout=30)
sys.stdout.write(stdout.read().decode("utf-8", "replace"))
status = stdout.channel.recv_exit_status()
client.close()
print("exit-status:", status)
