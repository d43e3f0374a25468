#!/usr/bin/python3
"""Drives a device with ncclient's default handler: lock, edit-config, get-config, an error, unlock.
usage: ncclient_default.py PORT USER PASSWORD"""
import json
import sys
from ncclient import manager
from ncclient.operations import RPCError

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
CONFIG = "http://www.h3c.com/netconf/config:1.0"
out = {}
with manager.connect(host="127.0.0.1", port=port, username=user, password=password, hostkey_verify=False,
                     look_for_keys=False, allow_agent=False, timeout=30) as m:
    with m.locked(target="running"):
        reply = m.edit_config(target="running", config=f"""
<config xmlns:xc="urn:ietf:params:xml:ns:netconf:base:1.0"><top xmlns="{CONFIG}">
  <Device><Base><HostName>NC-DEFAULT</HostName></Base></Device>
  <StaticRoute><Ipv4StaticRouteConfigurations><RouteEntry>
    <Ipv4Address>198.51.100.0</Ipv4Address><Ipv4PrefixLength>24</Ipv4PrefixLength><NexthopIpv4Address>192.168.0.254</NexthopIpv4Address>
  </RouteEntry></Ipv4StaticRouteConfigurations></StaticRoute>
</top></config>""")
        out["edit_ok"] = reply.ok
    got = m.get_config(source="running", filter=("subtree", f'<top xmlns="{CONFIG}"><Device/><StaticRoute/></top>'))
    out["hostname"] = got.data_ele.find(".//{%s}HostName" % CONFIG).text
    out["routes"] = [e.text for e in got.data_ele.iter("{%s}Ipv4Address" % CONFIG)]
    try:
        m.edit_config(target="running", config=f'<config xmlns:xc="urn:ietf:params:xml:ns:netconf:base:1.0"><top xmlns="{CONFIG}"><SecurityZone><Zones><Zone xc:operation="delete"><ZoneName>NoSuchZone</ZoneName></Zone></Zones></SecurityZone></top></config>')
        out["error_tag"] = None
    except RPCError as error:
        out["error_tag"] = error.tag
print(json.dumps(out))
