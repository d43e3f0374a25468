#!/usr/bin/python3
"""Drives the command lists real automation tools send to H3C Comware devices (issue 13) through netmiko hp_comware:
oxidized comware.rb, rancid h3crancid, napalm-h3c, ntc-templates hp_comware_*, and netmiko's `ip host` test.
Prints JSON {"outputs": {command: text}, "parsed": {command: records} | null}.
usage: netmiko_tool_commands.py PORT USER PASSWORD PORT_NAME"""
import json
import sys
from netmiko import ConnectHandler

port, user, password, port_name = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
device = dict(device_type="hp_comware", host="127.0.0.1", port=port, username=user, password=password,
              timeout=30, banner_timeout=30, auth_timeout=30, fast_cli=False)

COMMANDS = [
    # oxidized lib/oxidized/model/comware.rb
    "display version", "display device", "display device manuinfo", "display current-configuration",
    # rancid h3crancid (dir /all is issue 14's)
    "display boot-loader", "display fan", "display power", "display domain", "display local-user",
    "display password-control", "display ssh server status", "display fib", "display vlan all",
    "display ip routing-table", "display link-aggregation summary", "display link-aggregation verbose",
    "display startup", "display transceiver interface", "display lldp neighbor-information",
    # napalm-h3c
    "display interface", "display lldp neighbor-information verbose", "display memory", "display cpu-usage summary",
    "display environment", "display arp", "display ip interface", "display mac-address", "display saved-configuration",
    "display current-configuration configuration system", "display current-configuration interface " + port_name,
    # ntc-templates hp_comware_*
    "display clock", "display counters inbound interface", "display counters outbound interface", "display interface brief",
    "display ip vpn-instance", "display link-aggregation member-port", "display lldp neighbor-information list",
    "display vlan brief",
]

conn = ConnectHandler(**device)
conn.send_config_set(["ip host netmiko-test 192.0.2.10"])
conn.save_config()
outputs = {command: conn.send_command(command) for command in COMMANDS}
conn.send_config_set(["undo ip host netmiko-test"])
outputs["after undo ip host"] = conn.send_command("display current-configuration")
conn.disconnect()

try:
    from ntc_templates.parse import parse_output
except ImportError:
    parse_output = None

parsed = None
if parse_output is not None:
    parsed = {}
    for command in ["display ip interface", "display counters inbound interface", "display vlan all", "display vlan brief",
                    "display interface brief", "display clock", "display device manuinfo"]:
        parsed[command] = parse_output(platform="hp_comware", command=command, data=outputs[command])

print(json.dumps({"outputs": outputs, "parsed": parsed}))
