#!/usr/bin/perl
# SNMP::Info (Debian libsnmp-info-perl) against one emulated device: prints what Netdisco would record.
#   snmp_info.pl PORT COMMUNITY MIBDIR...
use strict;
use warnings;
use SNMP::Info;

my ($port, $community, @mibdirs) = @ARGV;
my $info = SNMP::Info->new(
    AutoSpecify => 1, DestHost => '127.0.0.1', RemotePort => $port, Community => $community, Version => 2,
    MibDirs => [@mibdirs], IgnoreNetSNMPConf => 1, Retries => 1, Timeout => 2_000_000)
  or die "SNMP::Info could not connect\n";
my $interfaces = $info->interfaces || {};
print "class=", $info->class, "\n";
print "vendor=", ($info->vendor // ''), "\n";
print "model=", ($info->model // ''), "\n";
print "serial=", ($info->serial // ''), "\n";
print "interface=$_\n" for sort values %$interfaces;
