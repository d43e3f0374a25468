#!/usr/bin/python3
"""netmiko hp_comware (SSH) or hp_comware_telnet: connect, show, configure, save, disconnect, reconnect and verify.
usage: netmiko_cycle.py PORT USER PASSWORD DESCRIPTION [DEVICE_TYPE]"""
import sys
from netmiko import ConnectHandler

port, user, password, description = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
device_type = sys.argv[5] if len(sys.argv) > 5 else "hp_comware"
device = dict(device_type=device_type, host="127.0.0.1", port=port, username=user, password=password,
              timeout=30, fast_cli=False)
if device_type == "hp_comware":
    device.update(banner_timeout=30, auth_timeout=30)
else:
    # netmiko 2.4's telnet login waits a fixed 0.1 s x delay factor for each prompt it reads; a busy CI machine
    # (every test project at once) answered later than that and the login failed with "Unable to find prompt".
    device.update(global_delay_factor=2)

conn = ConnectHandler(**device)
print("prompt:", conn.find_prompt())
version = conn.send_command("display version")
print("version:", version.splitlines()[0] if version else "")
assert "Comware" in version, version
if device_type == "hp_comware_telnet":
    users = conn.send_command("display users")
    print("users:", users)
    assert "Telnet" in users or "TEL" in users, users
out = conn.send_config_set(["interface GigabitEthernet0/1", "description " + description])
print("config:", out)
saved = conn.save_config()
print("save:", saved)
conn.disconnect()

conn = ConnectHandler(**device)
running = conn.send_command("display current-configuration")
conn.disconnect()
assert ("description " + description) in running, running
print("verified: description survives reconnect")
