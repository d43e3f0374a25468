#!/usr/bin/python3
"""Writes a security policy rule through the CLI RPC and another through edit-config with ncclient's h3c handler, then
reads them back with get-bulk and get-config; prints one JSON object of what it saw.
usage: ncclient_security_policy.py PORT USER PASSWORD"""
import json
import sys
from ncclient import manager
from ncclient.xml_ import to_ele

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
DATA = "http://www.h3c.com/netconf/data:1.0"
CONFIG = "http://www.h3c.com/netconf/config:1.0"
out = {}
with manager.connect(host="127.0.0.1", port=port, username=user, password=password, hostkey_verify=False,
                     device_params={"name": "h3c"}, look_for_keys=False, allow_agent=False, timeout=30) as m:
    m.cli(to_ele("<Configuration>security-policy ip\nrule 4 name nc-cli\naction pass\nsource-zone Trust</Configuration>"))
    out["edit_ok"] = m.edit_config(target="running", config=f"""<config><top xmlns="{CONFIG}"><SecurityPolicies>
        <IPv4Rules><Rule><ID>6</ID><RuleName>nc-edit</RuleName><Action>1</Action></Rule></IPv4Rules>
        <IPv4DestSecZone><DestSecZone><ID>6</ID><SeqNum>1</SeqNum><IsIncrement>true</IsIncrement>
          <NameList><NameItem>Untrust</NameItem></NameList></DestSecZone></IPv4DestSecZone>
        </SecurityPolicies></top></config>""").ok
    bulk = to_ele(m.get_bulk(filter=("subtree", f'<top xmlns="{DATA}"><SecurityPolicies><IPv4Rules><Rule><ID/><RuleName/><Action/></Rule></IPv4Rules></SecurityPolicies></top>')).xml)
    out["rules"] = [{"id": r.findtext("{%s}ID" % DATA), "name": r.findtext("{%s}RuleName" % DATA), "action": r.findtext("{%s}Action" % DATA)}
                    for r in bulk.iter("{%s}Rule" % DATA)]
    zones = to_ele(m.get_config(source="running", filter=("subtree", f'<top xmlns="{CONFIG}"><SecurityPolicies><IPv4SrcSecZone/><IPv4DestSecZone/></SecurityPolicies></top>')).xml)
    out["source_zones"] = [z.findtext("{%s}ID" % CONFIG) + ":" + z.findtext("{%s}NameList/{%s}NameItem" % (CONFIG, CONFIG)) for z in zones.iter("{%s}SrcSecZone" % CONFIG)]
    out["destination_zones"] = [z.findtext("{%s}ID" % CONFIG) + ":" + z.findtext("{%s}NameList/{%s}NameItem" % (CONFIG, CONFIG)) for z in zones.iter("{%s}DestSecZone" % CONFIG)]
print(json.dumps(out))
