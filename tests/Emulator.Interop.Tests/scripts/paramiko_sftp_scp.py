#!/usr/bin/python3
"""paramiko SFTPClient and python3-scp (legacy SCP over exec) against a device: upload, list, download, compare.

usage: paramiko_sftp_scp.py PORT USER PASSWORD WORKDIR
"""
import os
import sys

import paramiko
from scp import SCPClient

port, user, password, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
payload = os.urandom(300_000)
src = os.path.join(work, "payload.bin")
with open(src, "wb") as f:
    f.write(payload)

client = paramiko.SSHClient()
client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
client.connect("127.0.0.1", port=port, username=user, password=password, look_for_keys=False, allow_agent=False, timeout=20)

sftp = client.open_sftp()
sftp.put(src, "paramiko.bin")
names = sftp.listdir(".")
assert "paramiko.bin" in names, names
assert sftp.stat("paramiko.bin").st_size == len(payload)
sftp.get("paramiko.bin", os.path.join(work, "back.bin"))
with open(os.path.join(work, "back.bin"), "rb") as f:
    assert f.read() == payload
sftp.mkdir("dir1")
sftp.rename("paramiko.bin", "dir1/moved.bin")
assert sftp.listdir("dir1") == ["moved.bin"]
try:
    sftp.stat("../../../../etc/passwd")
    raise SystemExit("traversal reached a file")
except FileNotFoundError:
    pass
sftp.remove("dir1/moved.bin")
sftp.rmdir("dir1")
sftp.close()
print("sftp ok")

with SCPClient(client.get_transport()) as scp:
    scp.put(src, "scp.bin")
    scp.get("scp.bin", os.path.join(work, "scp-back.bin"))
with open(os.path.join(work, "scp-back.bin"), "rb") as f:
    assert f.read() == payload
print("scp ok")
client.close()
