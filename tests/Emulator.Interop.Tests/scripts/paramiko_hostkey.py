#!/usr/bin/python3
"""Connects with paramiko, prints the host key type the server used, then runs one command.
usage: paramiko_hostkey.py PORT USER PASSWORD COMMAND"""
import sys
import paramiko

port, user, password, command = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
client.connect("127.0.0.1", port=port, username=user, password=password,
               look_for_keys=False, allow_agent=False, timeout=20, banner_timeout=20, auth_timeout=20)
transport = client.get_transport()
print("host-key:", transport.get_remote_server_key().get_name())
stdin, stdout, stderr = client.exec_command(command, timeout=30)
sys.stdout.write(stdout.read().decode("utf-8", "replace"))
status = stdout.channel.recv_exit_status()
client.close()
print("exit-status:", status)
