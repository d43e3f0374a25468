#!/usr/bin/python3
"""Issue 13: configures VLANs, a VPN instance, a Bridge-Aggregation and static ARP through netmiko hp_comware, sends
every command of ntc-templates' hp_comware list, and parses each output with Debian's textfsm and the vendored
ntc-templates file for that command. Prints JSON {command: {"records": [{FIELD: value}], "output": text}}.
usage: netmiko_ntc_parse.py PORT USER PASSWORD TEMPLATE_DIR ACCESS_PORT MEMBER_PORT"""
import json
import os
import sys

import textfsm
from netmiko import ConnectHandler

port, user, password, template_dir, access_port, member_port = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]

# Command -> template file, as ntc-templates' index maps them.
COMMANDS = {
    "display arp": "display_arp",
    "display clock": "display_clock",
    "display counters inbound interface": "display_counters_bound_interface",
    "display counters outbound interface": "display_counters_bound_interface",
    "display device manuinfo": "display_device_manuinfo",
    "display interface": "display_interface",
    "display interface brief": "display_interface_brief",
    "display ip interface": "display_ip_interface",
    "display ip routing-table": "display_ip_routing-table",
    "display ip vpn-instance": "display_ip_vpn-instance",
    "display ip vpn-instance instance-name red": "display_ip_vpn-instance_instance-name",
    "display link-aggregation member-port": "display_link-aggregation_member-port",
    "display link-aggregation verbose": "display_link-aggregation_verbose",
    "display lldp neighbor-information list": "display_lldp_neighbor-information_list",
    "display lldp neighbor-information verbose": "display_lldp_neighbor-information_verbose",
    "display mac-address": "display_mac-address",
    "display vlan all": "display_vlan_all",
    "display vlan brief": "display_vlan_brief",
}

CONFIG = [
    "vlan 10", "name users", "quit",
    "interface Vlan-interface10", "ip address 10.10.0.1 255.255.255.0", "quit",
    "ip vpn-instance red", "route-distinguisher 100:1", "quit",
    "interface Bridge-Aggregation1", "quit",
    "interface " + access_port, "port link-mode bridge", "port access vlan 10", "quit",
    "interface " + member_port, "port link-mode bridge", "port link-aggregation group 1", "quit",
    "arp static 10.10.0.9 00e0-fc01-0203 10 " + access_port,
]

conn = ConnectHandler(device_type="hp_comware", host="127.0.0.1", port=port, username=user, password=password,
                      timeout=30, banner_timeout=30, auth_timeout=30, fast_cli=False)
config_output = conn.send_config_set(CONFIG)
result = {"config": {"records": [], "output": config_output}}
for command, template in COMMANDS.items():
    output = conn.send_command(command)
    with open(os.path.join(template_dir, "hp_comware_" + template + ".textfsm")) as handle:
        fsm = textfsm.TextFSM(handle)
        try:
            rows = fsm.ParseText(output)
            records = [dict(zip(fsm.header, row)) for row in rows]
            error = None
        except textfsm.TextFSMError as ex:
            records, error = [], str(ex)
    result[command] = {"records": records, "output": output, "error": error}
conn.disconnect()
print(json.dumps(result))
