#!/usr/bin/python3
"""netmiko hp_comware against one emulated firewall; prints one JSON object with everything the device answered.
usage: netmiko_firewall_push.py PORT USER PASSWORD push FIXTURE DISPLAY...   push the fixture, show, save, then an unsaved change
       netmiko_firewall_push.py PORT USER PASSWORD show                      display current-configuration only"""
import json
import sys
from netmiko import ConnectHandler

port, user, password, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
device = dict(device_type="hp_comware", host="127.0.0.1", port=port, username=user, password=password,
              timeout=60, banner_timeout=30, auth_timeout=30, fast_cli=False)
result = {}
conn = ConnectHandler(**device)
if mode == "push":
    fixture, displays = sys.argv[5], sys.argv[6:]
    with open(fixture, encoding="utf-8") as f:
        # What an operator pastes: every command and view line as written (indentation kept), no '#' separators.
        lines = [line.rstrip("\n") for line in f if line.strip() not in ("", "#", "return")]
    result["pushed"] = len(lines)
    result["push"] = conn.send_config_set(lines)
    result["current"] = conn.send_command("display current-configuration")
    result["displays"] = {d: conn.send_command(d) for d in displays}
    result["save"] = conn.save_config()
    result["saved_current"] = conn.send_command("display current-configuration")
    # Made after the save: must not survive a restart.
    result["unsaved"] = conn.send_config_set(["interface LoopBack0", "description unsaved-after-save"])
    result["unsaved_current"] = conn.send_command("display current-configuration")
else:
    result["current"] = conn.send_command("display current-configuration")
conn.disconnect()
print(json.dumps(result))
