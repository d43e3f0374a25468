#!/usr/bin/python3
"""Drives a device with ncclient's h3c handler (H3C's own RPCs) and prints one JSON object of what it saw.
usage: ncclient_h3c.py PORT USER PASSWORD"""
import json
import sys
from ncclient import manager
from ncclient.xml_ import to_ele

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
DATA = "http://www.h3c.com/netconf/data:1.0"
out = {}
with manager.connect(host="127.0.0.1", port=port, username=user, password=password, hostkey_verify=False,
                     device_params={"name": "h3c"}, look_for_keys=False, allow_agent=False, timeout=30) as m:
    out["session_id"] = m.session_id
    out["capabilities"] = sorted(m.server_capabilities)
    bulk = m.get_bulk(filter=("subtree", f'<top xmlns="{DATA}"><Ifmgr><Interfaces><Interface><IfIndex/><Name/></Interface></Interfaces></Ifmgr></top>'))
    out["interfaces"] = [e.text for e in to_ele(bulk.xml).iter("{%s}Name" % DATA)]
    cli = m.cli(to_ele("<Configuration>sysname NC-H3C\ninterface GigabitEthernet1/0/2\n description set by ncclient cli</Configuration>"))
    out["configuration"] = to_ele(cli.xml).xpath("//*[local-name()='Configuration']")[0].text
    shown = m.cli(to_ele("<Execution>display current-configuration | include ncclient</Execution>"))
    out["execution"] = to_ele(shown.xml).xpath("//*[local-name()='Execution']")[0].text
    out["save_ok"] = m.save(file="startup.cfg").ok
print(json.dumps(out))
