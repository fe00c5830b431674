/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/lab/formats.test.ts > TAP > dnat-no-snat: every format > human 1`] = `
✘ Hairpin NAT does not work: no answer (reflected without source NAT, or filtered)

  Hairpin NAT does not work: the connection to 203.0.113.7:8443 from inside got no answer in N ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.

Path
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.10 ✘ dropped
  ✘ No answer in N ms. Most likely the reflected packet arrives with this
    host's own address as its source and is dropped (a "martian"); or a firewall
    dropped it.

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           timeout after N ms (N connections), to 203.0.113.7:8443
  Strangers     0 other connections left unanswered
  Firewall here lets the port in

Fixes, most likely first
  1. Router setting: turn on NAT loopback (NAT reflection)
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
       No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
  2–15. The same for OpenWrt, pfSense, OPNsense, MikroTik RouterOS, Ubiquiti
        EdgeRouter (EdgeOS), UniFi gateway, FortiGate (policy-based NAT), Sophos
        Firewall, VyOS, Cisco ASA, Linux router with nftables, Linux router with
        iptables, OpenBSD pf (4.7 and later), FreeBSD pf
  16–18. Let LAN-to-LAN traffic via the public address through the router's
         firewall; also for Linux router with nftables, Linux router with
         iptables
  19–25. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN
         address inside; also for Pi-hole v6, Unbound, BIND, OPNsense, pfSense,
         OpenWrt
  26. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through
      its rebind protection
  27. Publish an AAAA record for the server and reach it over IPv6
  28. Route the public address to the server and let the server own it
  29. Give the server its own network or its own public address
  (--all-fixes shows the commands of all 29; --format markdown or --json keeps them too)

cause: no-snat-or-filtered · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > dnat-no-snat: every format > markdown 1`] = `
# ✘ Hairpin NAT does not work: no answer (reflected without source NAT, or filtered)

Hairpin NAT does not work: the connection to 203.0.113.7:8443 from inside got no answer in N ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | timeout after N ms (N connections), to 203.0.113.7:8443 |
| Strangers | 0 other connections left unanswered |
| Firewall here | lets the port in |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.10 [x] dropped
  [x] No answer in N ms. Most likely the reflected packet arrives with this host's own address as
      its source and is dropped (a "martian"); or a firewall dropped it.
\`\`\`

## Diagnosis

Cause: \`no-snat-or-filtered\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Fixes, most likely first

### 1. Router setting: turn on NAT loopback (NAT reflection)

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc4787#section-6>

### 2. OpenWrt: NAT loopback on the port forward, for the zone the clients are in

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
uci show firewall | grep -e '\\.name=' -e '\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone
uci set firewall.@redirect[<N>].reflection='1'
uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

Source: <https://openwrt.org/docs/guide-user/firewall/firewall_configuration>

### 3. pfSense: automatic outbound NAT for reflection

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
System > Advanced, Firewall & NAT tab, Network Address Translation: check "Enable automatic outbound NAT for Reflection", then Save (it covers assigned interfaces only)
Or by hand: Firewall > NAT > Outbound in Hybrid mode, a rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "Interface Address"
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/nat/reflection.html>

### 4. OPNsense: outbound NAT for reflected connections

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
With "Reflection for destination NAT" on: Firewall > Settings > Advanced, check "Automatic outbound NAT for Reflection", then Save
With the reflection options off (forward made by hand on WAN and LAN): Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

### 5. MikroTik RouterOS: add the hairpin srcnat rule

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment="hairpin-check: hairpin"
\`\`\`

Source: <https://help.mikrotik.com/docs/display/ROS/NAT>

### 6. Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
configure
show service nat   # rules 4090 and 5090 must be free: pick others if not
set service nat rule 4090 description 'hairpin-check: DNAT'
set service nat rule 4090 type destination
set service nat rule 4090 inbound-interface <LAN-interface>
set service nat rule 4090 protocol tcp
set service nat rule 4090 destination address 203.0.113.7
set service nat rule 4090 destination port 8443
set service nat rule 4090 inside-address address 192.168.77.10
set service nat rule 4090 inside-address port 8443
set service nat rule 5090 description 'hairpin-check: masquerade'
set service nat rule 5090 type masquerade
set service nat rule 5090 outbound-interface <LAN-interface>
set service nat rule 5090 protocol tcp
set service nat rule 5090 source address 192.168.77.0/24
set service nat rule 5090 destination address 192.168.77.10
set service nat rule 5090 destination port 8443
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 7. UniFi gateway: a Port Forwarding rule, not a custom NAT rule

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too
Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443
and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation>

### 8. FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
config firewall vip
    edit "hairpin-check-8443"
        set comment "hairpin-check: or reuse the VIP of this forward, with extintf any"
        set extip 203.0.113.7
        set extintf "any"
        set portforward enable
        set protocol tcp
        set mappedip "192.168.77.10"
        set extport 8443
        set mappedport 8443
    next
end
config firewall policy
    edit 0
        set name "hairpin-check LAN to LAN"
        set srcintf "<LAN-interface>"
        set dstintf "<LAN-interface>"
        set srcaddr "all"
        set dstaddr "hairpin-check-8443"
        set action accept
        set schedule "always"
        set service "ALL"
        set nat enable
        set comments "nat: replies to clients in the server subnet come back through the FortiGate"
    next
end
\`\`\`

Source: <https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045>

### 9. Sophos Firewall: a loopback rule for the DNAT rule

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save
Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself
Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them
A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443
\`\`\`

Source: <https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/>

### 10. VyOS: destination NAT on the LAN interface plus a masquerade

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
configure
set nat destination rule 4090 description 'hairpin-check: reflection'
set nat destination rule 4090 inbound-interface name '<LAN-interface>'
set nat destination rule 4090 destination address '203.0.113.7'
set nat destination rule 4090 destination port '8443'
set nat destination rule 4090 protocol 'tcp'
set nat destination rule 4090 translation address '192.168.77.10'
set nat source rule 4090 description 'hairpin-check: reflection'
set nat source rule 4090 outbound-interface name '<LAN-interface>'
set nat source rule 4090 source address '192.168.77.0/24'
set nat source rule 4090 destination address '192.168.77.10'
set nat source rule 4090 destination port '8443'
set nat source rule 4090 protocol 'tcp'
set nat source rule 4090 translation address 'masquerade'
commit ; save
\`\`\`

Source: <https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection>

### 11. Cisco ASA: same-interface hairpin with twice NAT

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
configure terminal
! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA
same-security-traffic permit intra-interface
object network HC-LAN
 subnet 192.168.77.0 255.255.255.0
object network HC-SERVER
 host 192.168.77.10
object network HC-PUBLIC
 host 203.0.113.7
object service HC-SVC
 service tcp destination eq 8443
nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC
end
\`\`\`

Source: <https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html>

### 12. Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
nft add table ip hairpin_check
nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'
nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'
nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf
\`\`\`

Source: <https://manned.org/nft.8>

### 13. Linux router with iptables: DNAT the public address from inside too, and masquerade

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops
# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 14. OpenBSD pf (4.7 and later): nat-to for reflected connections

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://www.openbsd.org/faq/pf/rdr.html#reflect>

### 15. FreeBSD pf: nat on the inside interface

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5>

### 16. Let LAN-to-LAN traffic via the public address through the router's firewall

Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.

\`\`\`sh
Allow TCP from 192.168.77.0/24 to 192.168.77.10 port 8443 after NAT in the router's firewall (pfSense/OPNsense: a pass rule on the LAN interface)
Turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic, if the router has them
\`\`\`

Source: <https://docs.opnsense.org/manual/firewall_settings.html>

### 17. Linux router with nftables: accept hairpinned connections in the router's own forward chain

Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.

\`\`\`sh
nft list ruleset | grep -n -E 'hook forward|drop|reject'   # the forward chain: its family, table and name
nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
\`\`\`

Source: <https://manned.org/nft.8>

### 18. Linux router with iptables: accept hairpinned connections in FORWARD

Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.

\`\`\`sh
iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 19. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server
dnsmasq --test && systemctl restart dnsmasq
\`\`\`

Source: <https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html>

### 20. Pi-hole v6: a local DNS record with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it
pihole-FTL --config dns.hosts '[ "192.168.77.10 <your-hostname>" ]'
# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10
\`\`\`

Source: <https://docs.pi-hole.net/ftldns/configfile/>

### 21. Unbound: answer your name with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
\`\`\`

Source: <https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html>

### 22. BIND: an internal view of the zone for LAN clients

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in named.conf, before the external view; the internal zone file has the A record with the LAN address
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload
\`\`\`

Source: <https://bind9.readthedocs.io/en/latest/reference.html>

### 23. OPNsense: an Unbound host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply
\`\`\`

Source: <https://docs.opnsense.org/manual/unbound.html>

### 24. pfSense: a DNS Resolver host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes
Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html>

### 25. OpenWrt: resolve your name to the server in the router's dnsmasq

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
uci add dhcp domain
uci set dhcp.@domain[-1].name='<your-hostname>'
uci set dhcp.@domain[-1].ip='192.168.77.10'
uci commit dhcp
/etc/init.d/dnsmasq restart
\`\`\`

Source: <https://openwrt.org/docs/guide-user/base-system/dhcp>

### 26. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection

A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.

\`\`\`sh
Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)
Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply
Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, "Local DNS server"
\`\`\`

Source: <https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers>

### 27. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc8305>

### 28. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client
# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc3442>

### 29. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "timeout",
    "observedPeer": null,
    "peerKind": null,
    "serverAddress": null,
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": null,
    "answer": null
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": {
    "findings": […],
    "blocks": false
  },
  "answeredBy": null,
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "no-snat-or-filtered",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: the connection to 203.0.113.7:8443 from inside got no answer in N ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.",
    "warnings": [],
    "fixes": [
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc4787#section-6"
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: NAT loopback on the port forward, for the zone the clients are in",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "uci show firewall | grep -e \\"dest_ip='192.168.77.10'\\" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'",
          "uci show firewall | grep -e '\\\\.name=' -e '\\\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": "https://openwrt.org/docs/guide-user/firewall/firewall_configuration"
      },
      {
        "id": "pfsense-outbound-nat-reflection",
        "title": "pfSense: automatic outbound NAT for reflection",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "System > Advanced, Firewall & NAT tab, Network Address Translation: check \\"Enable automatic outbound NAT for Reflection\\", then Save (it covers assigned interfaces only)",
          "Or by hand: Firewall > NAT > Outbound in Hybrid mode, a rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"Interface Address\\""
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/nat/reflection.html"
      },
      {
        "id": "opnsense-outbound-nat-reflection",
        "title": "OPNsense: outbound NAT for reflected connections",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "With \\"Reflection for destination NAT\\" on: Firewall > Settings > Advanced, check \\"Automatic outbound NAT for Reflection\\", then Save",
          "With the reflection options off (forward made by hand on WAN and LAN): Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      },
      {
        "id": "mikrotik-hairpin-srcnat",
        "title": "MikroTik RouterOS: add the hairpin srcnat rule",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment=\\"hairpin-check: hairpin\\""
        ],
        "source": "https://help.mikrotik.com/docs/display/ROS/NAT"
      },
      {
        "id": "edgerouter-service-nat-hairpin",
        "title": "Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "configure",
          "show service nat   # rules 4090 and 5090 must be free: pick others if not",
          "set service nat rule 4090 description 'hairpin-check: DNAT'",
          "set service nat rule 4090 type destination",
          "set service nat rule 4090 inbound-interface <LAN-interface>",
          "set service nat rule 4090 protocol tcp",
          "set service nat rule 4090 destination address 203.0.113.7",
          "set service nat rule 4090 destination port 8443",
          "set service nat rule 4090 inside-address address 192.168.77.10",
          "set service nat rule 4090 inside-address port 8443",
          "set service nat rule 5090 description 'hairpin-check: masquerade'",
          "set service nat rule 5090 type masquerade",
          "set service nat rule 5090 outbound-interface <LAN-interface>",
          "set service nat rule 5090 protocol tcp",
          "set service nat rule 5090 source address 192.168.77.0/24",
          "set service nat rule 5090 destination address 192.168.77.10",
          "set service nat rule 5090 destination port 8443",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "unifi-port-forward",
        "title": "UniFi gateway: a Port Forwarding rule, not a custom NAT rule",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too",
          "Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443",
          "and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation"
      },
      {
        "id": "fortigate-vip-hairpin",
        "title": "FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "config firewall vip",
          "    edit \\"hairpin-check-8443\\"",
          "        set comment \\"hairpin-check: or reuse the VIP of this forward, with extintf any\\"",
          "        set extip 203.0.113.7",
          "        set extintf \\"any\\"",
          "        set portforward enable",
          "        set protocol tcp",
          "        set mappedip \\"192.168.77.10\\"",
          "        set extport 8443",
          "        set mappedport 8443",
          "    next",
          "end",
          "config firewall policy",
          "    edit 0",
          "        set name \\"hairpin-check LAN to LAN\\"",
          "        set srcintf \\"<LAN-interface>\\"",
          "        set dstintf \\"<LAN-interface>\\"",
          "        set srcaddr \\"all\\"",
          "        set dstaddr \\"hairpin-check-8443\\"",
          "        set action accept",
          "        set schedule \\"always\\"",
          "        set service \\"ALL\\"",
          "        set nat enable",
          "        set comments \\"nat: replies to clients in the server subnet come back through the FortiGate\\"",
          "    next",
          "end"
        ],
        "source": "https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045"
      },
      {
        "id": "sophos-loopback-rule",
        "title": "Sophos Firewall: a loopback rule for the DNAT rule",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save",
          "Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself",
          "Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them",
          "A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443"
        ],
        "source": "https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/"
      },
      {
        "id": "vyos-hairpin-nat",
        "title": "VyOS: destination NAT on the LAN interface plus a masquerade",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "configure",
          "set nat destination rule 4090 description 'hairpin-check: reflection'",
          "set nat destination rule 4090 inbound-interface name '<LAN-interface>'",
          "set nat destination rule 4090 destination address '203.0.113.7'",
          "set nat destination rule 4090 destination port '8443'",
          "set nat destination rule 4090 protocol 'tcp'",
          "set nat destination rule 4090 translation address '192.168.77.10'",
          "set nat source rule 4090 description 'hairpin-check: reflection'",
          "set nat source rule 4090 outbound-interface name '<LAN-interface>'",
          "set nat source rule 4090 source address '192.168.77.0/24'",
          "set nat source rule 4090 destination address '192.168.77.10'",
          "set nat source rule 4090 destination port '8443'",
          "set nat source rule 4090 protocol 'tcp'",
          "set nat source rule 4090 translation address 'masquerade'",
          "commit ; save"
        ],
        "source": "https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection"
      },
      {
        "id": "cisco-asa-hairpin",
        "title": "Cisco ASA: same-interface hairpin with twice NAT",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "configure terminal",
          "! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA",
          "same-security-traffic permit intra-interface",
          "object network HC-LAN",
          " subnet 192.168.77.0 255.255.255.0",
          "object network HC-SERVER",
          " host 192.168.77.10",
          "object network HC-PUBLIC",
          " host 203.0.113.7",
          "object service HC-SVC",
          " service tcp destination eq 8443",
          "nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC",
          "end"
        ],
        "source": "https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html"
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "nft add table ip hairpin_check",
          "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
          "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
          "nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade",
          "# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept",
          "# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10",
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops",
          "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "openbsd-pf-hairpin-nat",
        "title": "OpenBSD pf (4.7 and later): nat-to for reflected connections",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://www.openbsd.org/faq/pf/rdr.html#reflect"
      },
      {
        "id": "freebsd-pf-hairpin-nat",
        "title": "FreeBSD pf: nat on the inside interface",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5"
      },
      {
        "id": "forward-filter-check",
        "title": "Let LAN-to-LAN traffic via the public address through the router's firewall",
        "why": "Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.",
        "commands": [
          "Allow TCP from 192.168.77.0/24 to 192.168.77.10 port 8443 after NAT in the router's firewall (pfSense/OPNsense: a pass rule on the LAN interface)",
          "Turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic, if the router has them"
        ],
        "source": "https://docs.opnsense.org/manual/firewall_settings.html"
      },
      {
        "id": "nftables-forward-accept",
        "title": "Linux router with nftables: accept hairpinned connections in the router's own forward chain",
        "why": "Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.",
        "commands": [
          "nft list ruleset | grep -n -E 'hook forward|drop|reject'   # the forward chain: its family, table and name",
          "nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-forward-accept",
        "title": "Linux router with iptables: accept hairpinned connections in FORWARD",
        "why": "Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.",
        "commands": [
          "iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
          "dnsmasq --test && systemctl restart dnsmasq"
        ],
        "source": "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html"
      },
      {
        "id": "pihole-local-dns",
        "title": "Pi-hole v6: a local DNS record with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it",
          "pihole-FTL --config dns.hosts '[ \\"192.168.77.10 <your-hostname>\\" ]'",
          "# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10"
        ],
        "source": "https://docs.pi-hole.net/ftldns/configfile/"
      },
      {
        "id": "unbound-local-data",
        "title": "Unbound: answer your name with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\""
        ],
        "source": "https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html"
      },
      {
        "id": "bind-internal-view",
        "title": "BIND: an internal view of the zone for LAN clients",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in named.conf, before the external view; the internal zone file has the A record with the LAN address",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload"
        ],
        "source": "https://bind9.readthedocs.io/en/latest/reference.html"
      },
      {
        "id": "opnsense-unbound-override",
        "title": "OPNsense: an Unbound host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply"
        ],
        "source": "https://docs.opnsense.org/manual/unbound.html"
      },
      {
        "id": "pfsense-host-override",
        "title": "pfSense: a DNS Resolver host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes",
          "Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html"
      },
      {
        "id": "openwrt-dns-hostname",
        "title": "OpenWrt: resolve your name to the server in the router's dnsmasq",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "uci add dhcp domain",
          "uci set dhcp.@domain[-1].name='<your-hostname>'",
          "uci set dhcp.@domain[-1].ip='192.168.77.10'",
          "uci commit dhcp",
          "/etc/init.d/dnsmasq restart"
        ],
        "source": "https://openwrt.org/docs/guide-user/base-system/dhcp"
      },
      {
        "id": "fritzbox-dns-rebind",
        "title": "FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection",
        "why": "A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.",
        "commands": [
          "Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)",
          "Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply",
          "Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, \\"Local DNS server\\""
        ],
        "source": "https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers"
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc8305"
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client",
          "# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc3442"
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      }
    ]
  },
  "expectations": [
    {
      "expect": "works",
      "holds": false,
      "why": "inside clients do not get through (no-snat-or-filtered)"
    }
  ]
}
\`\`\`

</details>

`

exports[`test/lab/formats.test.ts > TAP > reflect-masq: every format > human 1`] = `
✔ Hairpin NAT works: the server sees the gateway's address

  Hairpin NAT works: 203.0.113.7:8443 reached this host from inside; the server sees the gateway's LAN address 192.168.77.1 (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.

Path
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in N ms.

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           ok after N ms, to 203.0.113.7:8443
  Listener saw  192.168.77.1 (the gateway)
  Arrived at    192.168.77.10
  Strangers     0 other connections left unanswered

Improvements, most useful first
  1. OpenWrt: loopback from the external (WAN) address
     Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.
       uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
       uci set firewall.@redirect[<N>].reflection_src='external'
       uci commit firewall
       /etc/init.d/firewall reload
  2–4. The same for MikroTik RouterOS, Linux router with nftables, Linux router
       with iptables
  5. Docker host: DNAT and masquerade in the kernel instead of docker-proxy
  6–12. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN
        address inside; also for Pi-hole v6, Unbound, BIND, OPNsense, pfSense,
        OpenWrt
  (--all-fixes shows the commands of all 12; --format markdown or --json keeps them too)

cause: hairpin-ok-gateway-source · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > reflect-masq: every format > markdown 1`] = `
# ✔ Hairpin NAT works: the server sees the gateway's address

Hairpin NAT works: 203.0.113.7:8443 reached this host from inside; the server sees the gateway's LAN address 192.168.77.1 (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | ok after N ms, to 203.0.113.7:8443 |
| TCP: listener saw | 192.168.77.1 (the gateway) |
| TCP: arrived at | 192.168.77.10 |
| Strangers | 0 other connections left unanswered |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in N ms.
\`\`\`

## Diagnosis

Cause: \`hairpin-ok-gateway-source\` (about TCP). Hairpin NAT on the public IP: works. Exit code 0.

## Improvements, most useful first

### 1. OpenWrt: loopback from the external (WAN) address

Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.

\`\`\`sh
uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
uci set firewall.@redirect[<N>].reflection_src='external'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

Source: <https://openwrt.org/docs/guide-user/firewall/firewall_configuration>

### 2. MikroTik RouterOS: src-nat hairpinned connections to the public address, first

Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.

\`\`\`sh
# print numbers the rules, and place-before=0 puts the new one above any masquerade
/ip firewall nat print
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=src-nat to-addresses=203.0.113.7 place-before=0
\`\`\`

Source: <https://help.mikrotik.com/docs/display/ROS/NAT>

### 3. Linux router with nftables: SNAT hairpinned connections to the public address, before any masquerade

Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.

\`\`\`sh
nft add table ip hairpin_check
nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'
nft insert rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat snat to 203.0.113.7
# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf
\`\`\`

Source: <https://manned.org/nft.8>

### 4. Linux router with iptables: SNAT hairpinned connections to the public address, before any masquerade

Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.

\`\`\`sh
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.7
# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 5. Docker host: DNAT and masquerade in the kernel instead of docker-proxy

When the gateway is a Docker host's bridge, docker-proxy relays connections to published ports and the server sees its address.

\`\`\`sh
# containers reaching 203.0.113.7:8443 or the host's own address go through docker-proxy, so the server sees the bridge's gateway address
# in /etc/docker/daemon.json, merged with its other keys: { "userland-proxy": false }
sudo systemctl restart docker
sysctl net.ipv4.conf.docker0.route_localnet   # 1 once the proxy is off: Docker routes and masquerades hairpinned traffic itself
\`\`\`

Source: <https://docs.docker.com/engine/network/port-publishing/>

### 6. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server
dnsmasq --test && systemctl restart dnsmasq
\`\`\`

Source: <https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html>

### 7. Pi-hole v6: a local DNS record with the server's LAN address

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it
pihole-FTL --config dns.hosts '[ "192.168.77.10 <your-hostname>" ]'
# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10
\`\`\`

Source: <https://docs.pi-hole.net/ftldns/configfile/>

### 8. Unbound: answer your name with the server's LAN address

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
\`\`\`

Source: <https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html>

### 9. BIND: an internal view of the zone for LAN clients

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
# in named.conf, before the external view; the internal zone file has the A record with the LAN address
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload
\`\`\`

Source: <https://bind9.readthedocs.io/en/latest/reference.html>

### 10. OPNsense: an Unbound host override with the server's LAN address

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply
\`\`\`

Source: <https://docs.opnsense.org/manual/unbound.html>

### 11. pfSense: a DNS Resolver host override with the server's LAN address

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes
Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html>

### 12. OpenWrt: resolve your name to the server in the router's dnsmasq

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
uci add dhcp domain
uci set dhcp.@domain[-1].name='<your-hostname>'
uci set dhcp.@domain[-1].ip='192.168.77.10'
uci commit dhcp
/etc/init.d/dnsmasq restart
\`\`\`

Source: <https://openwrt.org/docs/guide-user/base-system/dhcp>

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "ok",
    "observedPeer": "192.168.77.1",
    "peerKind": "gateway",
    "serverAddress": "192.168.77.10",
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": null,
    "answer": null
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "answeredBy": null,
  "fault": null,
  "verdict": {
    "hairpin": true,
    "cause": "hairpin-ok-gateway-source",
    "protocol": "tcp",
    "summary": "Hairpin NAT works: 203.0.113.7:8443 reached this host from inside; the server sees the gateway's LAN address 192.168.77.1 (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.",
    "warnings": [],
    "fixes": [
      {
        "id": "openwrt-snat-to-public",
        "title": "OpenWrt: loopback from the external (WAN) address",
        "why": "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.",
        "commands": [
          "uci show firewall | grep -e \\"dest_ip='192.168.77.10'\\" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'",
          "uci set firewall.@redirect[<N>].reflection_src='external'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": "https://openwrt.org/docs/guide-user/firewall/firewall_configuration"
      },
      {
        "id": "mikrotik-snat-to-public",
        "title": "MikroTik RouterOS: src-nat hairpinned connections to the public address, first",
        "why": "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.",
        "commands": [
          "# print numbers the rules, and place-before=0 puts the new one above any masquerade",
          "/ip firewall nat print",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=src-nat to-addresses=203.0.113.7 place-before=0"
        ],
        "source": "https://help.mikrotik.com/docs/display/ROS/NAT"
      },
      {
        "id": "nftables-snat-to-public",
        "title": "Linux router with nftables: SNAT hairpinned connections to the public address, before any masquerade",
        "why": "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.",
        "commands": [
          "nft add table ip hairpin_check",
          "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
          "nft insert rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat snat to 203.0.113.7",
          "# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-snat-to-public",
        "title": "Linux router with iptables: SNAT hairpinned connections to the public address, before any masquerade",
        "why": "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.",
        "commands": [
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j SNAT --to-source 203.0.113.7",
          "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "docker-userland-proxy",
        "title": "Docker host: DNAT and masquerade in the kernel instead of docker-proxy",
        "why": "When the gateway is a Docker host's bridge, docker-proxy relays connections to published ports and the server sees its address.",
        "commands": [
          "# containers reaching 203.0.113.7:8443 or the host's own address go through docker-proxy, so the server sees the bridge's gateway address",
          "# in /etc/docker/daemon.json, merged with its other keys: { \\"userland-proxy\\": false }",
          "sudo systemctl restart docker",
          "sysctl net.ipv4.conf.docker0.route_localnet   # 1 once the proxy is off: Docker routes and masquerades hairpinned traffic itself"
        ],
        "source": "https://docs.docker.com/engine/network/port-publishing/"
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
          "dnsmasq --test && systemctl restart dnsmasq"
        ],
        "source": "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html"
      },
      {
        "id": "pihole-local-dns",
        "title": "Pi-hole v6: a local DNS record with the server's LAN address",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it",
          "pihole-FTL --config dns.hosts '[ \\"192.168.77.10 <your-hostname>\\" ]'",
          "# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10"
        ],
        "source": "https://docs.pi-hole.net/ftldns/configfile/"
      },
      {
        "id": "unbound-local-data",
        "title": "Unbound: answer your name with the server's LAN address",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\""
        ],
        "source": "https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html"
      },
      {
        "id": "bind-internal-view",
        "title": "BIND: an internal view of the zone for LAN clients",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "# in named.conf, before the external view; the internal zone file has the A record with the LAN address",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload"
        ],
        "source": "https://bind9.readthedocs.io/en/latest/reference.html"
      },
      {
        "id": "opnsense-unbound-override",
        "title": "OPNsense: an Unbound host override with the server's LAN address",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply"
        ],
        "source": "https://docs.opnsense.org/manual/unbound.html"
      },
      {
        "id": "pfsense-host-override",
        "title": "pfSense: a DNS Resolver host override with the server's LAN address",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes",
          "Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html"
      },
      {
        "id": "openwrt-dns-hostname",
        "title": "OpenWrt: resolve your name to the server in the router's dnsmasq",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "uci add dhcp domain",
          "uci set dhcp.@domain[-1].name='<your-hostname>'",
          "uci set dhcp.@domain[-1].ip='192.168.77.10'",
          "uci commit dhcp",
          "/etc/init.d/dnsmasq restart"
        ],
        "source": "https://openwrt.org/docs/guide-user/base-system/dhcp"
      }
    ]
  },
  "expectations": [
    {
      "expect": "works",
      "holds": true,
      "why": "inside clients get through (hairpin-ok-gateway-source)"
    }
  ]
}
\`\`\`

</details>

`

exports[`test/lab/formats.test.ts > TAP > reject-unreachable: every format > human 1`] = `
✘ Hairpin NAT does not work: the public IP is unreachable from inside

  Hairpin NAT does not work: the network reported 203.0.113.7 unreachable from inside (EHOSTUNREACH): the router or a firewall rejects traffic from the LAN to the public address.

Path
TCP to 203.0.113.7:8443
  client  192.168.77.10 ──SYN──▶ gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─▶ client  192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable" (EHOSTUNREACH): the router or a firewall
    rejects traffic from inside to the public IP.

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           unreachable (EHOSTUNREACH) after N ms, to 203.0.113.7:8443
  Strangers     0 other connections left unanswered

Fixes, most likely first
  1. Check the route to the public address and the router's reject rules
     The network reported the public IP unreachable: a missing route or a reject rule stopped the connection first.
       ip route get 203.0.113.7   # on this host: should leave via 192.168.77.1
       traceroute -n 203.0.113.7
       nft list ruleset | grep -n reject   # on a Linux router; or: iptables -S | grep REJECT
  2–3. Linux router with nftables: accept hairpinned connections in the router's
       own forward chain; also for Linux router with iptables
  4–21. Router setting: turn on NAT loopback (NAT reflection); also for OpenWrt,
        pfSense, OPNsense, MikroTik RouterOS, Ubiquiti EdgeRouter (EdgeOS),
        UniFi gateway, FortiGate (policy-based NAT), Sophos Firewall, VyOS,
        Cisco IOS, Cisco ASA, Linux router with nftables, Linux router with
        iptables, OpenBSD pf (4.7 and later), FreeBSD pf
  22–28. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN
         address inside; also for Pi-hole v6, Unbound, BIND, OPNsense, pfSense,
         OpenWrt
  29. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through
      its rebind protection
  30. Publish an AAAA record for the server and reach it over IPv6
  31. Route the public address to the server and let the server own it
  32. Give the server its own network or its own public address
  (--all-fixes shows the commands of all 32; --format markdown or --json keeps them too)

cause: unreachable · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > reject-unreachable: every format > markdown 1`] = `
# ✘ Hairpin NAT does not work: the public IP is unreachable from inside

Hairpin NAT does not work: the network reported 203.0.113.7 unreachable from inside (EHOSTUNREACH): the router or a firewall rejects traffic from the LAN to the public address.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | unreachable (EHOSTUNREACH) after N ms, to 203.0.113.7:8443 |
| Strangers | 0 other connections left unanswered |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client  192.168.77.10 --SYN--> gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP-> client  192.168.77.10 [x] unreachable
  [x] The network answered "unreachable" (EHOSTUNREACH): the router or a firewall rejects traffic
      from inside to the public IP.
\`\`\`

## Diagnosis

Cause: \`unreachable\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Fixes, most likely first

### 1. Check the route to the public address and the router's reject rules

The network reported the public IP unreachable: a missing route or a reject rule stopped the connection first.

\`\`\`sh
ip route get 203.0.113.7   # on this host: should leave via 192.168.77.1
traceroute -n 203.0.113.7
nft list ruleset | grep -n reject   # on a Linux router; or: iptables -S | grep REJECT
\`\`\`

Source: <https://man7.org/linux/man-pages/man8/ip-route.8.html>

### 2. Linux router with nftables: accept hairpinned connections in the router's own forward chain

A reject rule in the router's forward chain answers the reflected connection with ICMP unreachable: accept hairpinned connections before it.

\`\`\`sh
nft list ruleset | grep -n -E 'hook forward|drop|reject'   # the forward chain: its family, table and name
nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
\`\`\`

Source: <https://manned.org/nft.8>

### 3. Linux router with iptables: accept hairpinned connections in FORWARD

A reject rule in the router's forward chain answers the reflected connection with ICMP unreachable: accept hairpinned connections before it.

\`\`\`sh
iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 4. Router setting: turn on NAT loopback (NAT reflection)

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc4787#section-6>

### 5. OpenWrt: NAT loopback on the port forward, for the zone the clients are in

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
uci show firewall | grep -e '\\.name=' -e '\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone
uci set firewall.@redirect[<N>].reflection='1'
uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

Source: <https://openwrt.org/docs/guide-user/firewall/firewall_configuration>

### 6. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
System > Advanced, Firewall & NAT tab, Network Address Translation: "NAT Reflection mode for port forwards" = "Pure NAT", check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on "Use system default", with Destination "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's own address
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html>

### 7. OPNsense: automatic reflection and automatic outbound NAT

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for destination NAT" (older versions: "Reflection for port forwards") and "Automatic outbound NAT for Reflection", then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
\`\`\`

Source: <https://docs.opnsense.org/manual/firewall_settings.html>

### 8. OPNsense: reflection rules by hand (the how-to's recommended method)

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: uncheck "Reflection for destination NAT", "Reflection for 1:1" and "Automatic outbound NAT for Reflection" (the methods exclude one another), then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
A LAN pass rule to 192.168.77.10 port 8443: the forward's "Firewall rule" option Pass (before 26.1: "Add associated filter rule"), or one under Firewall > Rules > LAN
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

### 9. MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address
/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment="hairpin-check: forward"
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment="hairpin-check: hairpin"
\`\`\`

Source: <https://help.mikrotik.com/docs/display/ROS/NAT>

### 10. Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
configure
show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 11. Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
configure
show service nat   # rules 4090 and 5090 must be free: pick others if not
set service nat rule 4090 description 'hairpin-check: DNAT'
set service nat rule 4090 type destination
set service nat rule 4090 inbound-interface <LAN-interface>
set service nat rule 4090 protocol tcp
set service nat rule 4090 destination address 203.0.113.7
set service nat rule 4090 destination port 8443
set service nat rule 4090 inside-address address 192.168.77.10
set service nat rule 4090 inside-address port 8443
set service nat rule 5090 description 'hairpin-check: masquerade'
set service nat rule 5090 type masquerade
set service nat rule 5090 outbound-interface <LAN-interface>
set service nat rule 5090 protocol tcp
set service nat rule 5090 source address 192.168.77.0/24
set service nat rule 5090 destination address 192.168.77.10
set service nat rule 5090 destination port 8443
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 12. UniFi gateway: a Port Forwarding rule, not a custom NAT rule

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too
Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443
and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation>

### 13. FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
config firewall vip
    edit "hairpin-check-8443"
        set comment "hairpin-check: or reuse the VIP of this forward, with extintf any"
        set extip 203.0.113.7
        set extintf "any"
        set portforward enable
        set protocol tcp
        set mappedip "192.168.77.10"
        set extport 8443
        set mappedport 8443
    next
end
config firewall policy
    edit 0
        set name "hairpin-check LAN to LAN"
        set srcintf "<LAN-interface>"
        set dstintf "<LAN-interface>"
        set srcaddr "all"
        set dstaddr "hairpin-check-8443"
        set action accept
        set schedule "always"
        set service "ALL"
        set nat enable
        set comments "nat: replies to clients in the server subnet come back through the FortiGate"
    next
end
\`\`\`

Source: <https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045>

### 14. Sophos Firewall: a loopback rule for the DNAT rule

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save
Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself
Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them
A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443
\`\`\`

Source: <https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/>

### 15. VyOS: destination NAT on the LAN interface plus a masquerade

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
configure
set nat destination rule 4090 description 'hairpin-check: reflection'
set nat destination rule 4090 inbound-interface name '<LAN-interface>'
set nat destination rule 4090 destination address '203.0.113.7'
set nat destination rule 4090 destination port '8443'
set nat destination rule 4090 protocol 'tcp'
set nat destination rule 4090 translation address '192.168.77.10'
set nat source rule 4090 description 'hairpin-check: reflection'
set nat source rule 4090 outbound-interface name '<LAN-interface>'
set nat source rule 4090 source address '192.168.77.0/24'
set nat source rule 4090 destination address '192.168.77.10'
set nat source rule 4090 destination port '8443'
set nat source rule 4090 protocol 'tcp'
set nat source rule 4090 translation address 'masquerade'
commit ; save
\`\`\`

Source: <https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection>

### 16. Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
show running-config | include ip nat
configure terminal
interface <LAN-interface>
 no ip nat inside
 ip nat enable
interface <WAN-interface>
 no ip nat outside
 ip nat enable
 exit
ip access-list standard HAIRPIN-CHECK-LAN
 permit 192.168.77.0 0.0.0.255
 exit
ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443
ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload
! then remove the "ip nat inside source" lines shown first: NVI and inside/outside rules should not share traffic
! IOS-XE platforms may not support NVI: use split-horizon DNS there
end
\`\`\`

Source: <https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html>

### 17. Cisco ASA: same-interface hairpin with twice NAT

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
configure terminal
! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA
same-security-traffic permit intra-interface
object network HC-LAN
 subnet 192.168.77.0 255.255.255.0
object network HC-SERVER
 host 192.168.77.10
object network HC-PUBLIC
 host 203.0.113.7
object service HC-SVC
 service tcp destination eq 8443
nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC
end
\`\`\`

Source: <https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html>

### 18. Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
nft add table ip hairpin_check
nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'
nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'
nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf
\`\`\`

Source: <https://manned.org/nft.8>

### 19. Linux router with iptables: DNAT the public address from inside too, and masquerade

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops
# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 20. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://www.openbsd.org/faq/pf/rdr.html#reflect>

### 21. FreeBSD pf: rdr on the inside interface plus nat

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5>

### 22. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server
dnsmasq --test && systemctl restart dnsmasq
\`\`\`

Source: <https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html>

### 23. Pi-hole v6: a local DNS record with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it
pihole-FTL --config dns.hosts '[ "192.168.77.10 <your-hostname>" ]'
# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10
\`\`\`

Source: <https://docs.pi-hole.net/ftldns/configfile/>

### 24. Unbound: answer your name with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
\`\`\`

Source: <https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html>

### 25. BIND: an internal view of the zone for LAN clients

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in named.conf, before the external view; the internal zone file has the A record with the LAN address
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload
\`\`\`

Source: <https://bind9.readthedocs.io/en/latest/reference.html>

### 26. OPNsense: an Unbound host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply
\`\`\`

Source: <https://docs.opnsense.org/manual/unbound.html>

### 27. pfSense: a DNS Resolver host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes
Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html>

### 28. OpenWrt: resolve your name to the server in the router's dnsmasq

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
uci add dhcp domain
uci set dhcp.@domain[-1].name='<your-hostname>'
uci set dhcp.@domain[-1].ip='192.168.77.10'
uci commit dhcp
/etc/init.d/dnsmasq restart
\`\`\`

Source: <https://openwrt.org/docs/guide-user/base-system/dhcp>

### 29. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection

A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.

\`\`\`sh
Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)
Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply
Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, "Local DNS server"
\`\`\`

Source: <https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers>

### 30. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc8305>

### 31. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client
# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc3442>

### 32. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "unreachable",
    "observedPeer": null,
    "peerKind": null,
    "serverAddress": null,
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": "EHOSTUNREACH",
    "answer": null
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "answeredBy": null,
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "unreachable",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: the network reported 203.0.113.7 unreachable from inside (EHOSTUNREACH): the router or a firewall rejects traffic from the LAN to the public address.",
    "warnings": [],
    "fixes": [
      {
        "id": "route-firewall-check",
        "title": "Check the route to the public address and the router's reject rules",
        "why": "The network reported the public IP unreachable: a missing route or a reject rule stopped the connection first.",
        "commands": [
          "ip route get 203.0.113.7   # on this host: should leave via 192.168.77.1",
          "traceroute -n 203.0.113.7",
          "nft list ruleset | grep -n reject   # on a Linux router; or: iptables -S | grep REJECT"
        ],
        "source": "https://man7.org/linux/man-pages/man8/ip-route.8.html"
      },
      {
        "id": "nftables-forward-accept",
        "title": "Linux router with nftables: accept hairpinned connections in the router's own forward chain",
        "why": "A reject rule in the router's forward chain answers the reflected connection with ICMP unreachable: accept hairpinned connections before it.",
        "commands": [
          "nft list ruleset | grep -n -E 'hook forward|drop|reject'   # the forward chain: its family, table and name",
          "nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-forward-accept",
        "title": "Linux router with iptables: accept hairpinned connections in FORWARD",
        "why": "A reject rule in the router's forward chain answers the reflected connection with ICMP unreachable: accept hairpinned connections before it.",
        "commands": [
          "iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc4787#section-6"
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: NAT loopback on the port forward, for the zone the clients are in",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "uci show firewall | grep -e \\"dest_ip='192.168.77.10'\\" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'",
          "uci show firewall | grep -e '\\\\.name=' -e '\\\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": "https://openwrt.org/docs/guide-user/firewall/firewall_configuration"
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "System > Advanced, Firewall & NAT tab, Network Address Translation: \\"NAT Reflection mode for port forwards\\" = \\"Pure NAT\\", check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on \\"Use system default\\", with Destination \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's own address"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html"
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: automatic reflection and automatic outbound NAT",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for destination NAT\\" (older versions: \\"Reflection for port forwards\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)"
        ],
        "source": "https://docs.opnsense.org/manual/firewall_settings.html"
      },
      {
        "id": "opnsense-manual-reflection",
        "title": "OPNsense: reflection rules by hand (the how-to's recommended method)",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: uncheck \\"Reflection for destination NAT\\", \\"Reflection for 1:1\\" and \\"Automatic outbound NAT for Reflection\\" (the methods exclude one another), then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\"",
          "A LAN pass rule to 192.168.77.10 port 8443: the forward's \\"Firewall rule\\" option Pass (before 26.1: \\"Add associated filter rule\\"), or one under Firewall > Rules > LAN"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address",
          "/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment=\\"hairpin-check: forward\\"",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment=\\"hairpin-check: hairpin\\""
        ],
        "source": "https://help.mikrotik.com/docs/display/ROS/NAT"
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "configure",
          "show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "edgerouter-service-nat-hairpin",
        "title": "Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "configure",
          "show service nat   # rules 4090 and 5090 must be free: pick others if not",
          "set service nat rule 4090 description 'hairpin-check: DNAT'",
          "set service nat rule 4090 type destination",
          "set service nat rule 4090 inbound-interface <LAN-interface>",
          "set service nat rule 4090 protocol tcp",
          "set service nat rule 4090 destination address 203.0.113.7",
          "set service nat rule 4090 destination port 8443",
          "set service nat rule 4090 inside-address address 192.168.77.10",
          "set service nat rule 4090 inside-address port 8443",
          "set service nat rule 5090 description 'hairpin-check: masquerade'",
          "set service nat rule 5090 type masquerade",
          "set service nat rule 5090 outbound-interface <LAN-interface>",
          "set service nat rule 5090 protocol tcp",
          "set service nat rule 5090 source address 192.168.77.0/24",
          "set service nat rule 5090 destination address 192.168.77.10",
          "set service nat rule 5090 destination port 8443",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "unifi-port-forward",
        "title": "UniFi gateway: a Port Forwarding rule, not a custom NAT rule",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too",
          "Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443",
          "and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation"
      },
      {
        "id": "fortigate-vip-hairpin",
        "title": "FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "config firewall vip",
          "    edit \\"hairpin-check-8443\\"",
          "        set comment \\"hairpin-check: or reuse the VIP of this forward, with extintf any\\"",
          "        set extip 203.0.113.7",
          "        set extintf \\"any\\"",
          "        set portforward enable",
          "        set protocol tcp",
          "        set mappedip \\"192.168.77.10\\"",
          "        set extport 8443",
          "        set mappedport 8443",
          "    next",
          "end",
          "config firewall policy",
          "    edit 0",
          "        set name \\"hairpin-check LAN to LAN\\"",
          "        set srcintf \\"<LAN-interface>\\"",
          "        set dstintf \\"<LAN-interface>\\"",
          "        set srcaddr \\"all\\"",
          "        set dstaddr \\"hairpin-check-8443\\"",
          "        set action accept",
          "        set schedule \\"always\\"",
          "        set service \\"ALL\\"",
          "        set nat enable",
          "        set comments \\"nat: replies to clients in the server subnet come back through the FortiGate\\"",
          "    next",
          "end"
        ],
        "source": "https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045"
      },
      {
        "id": "sophos-loopback-rule",
        "title": "Sophos Firewall: a loopback rule for the DNAT rule",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save",
          "Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself",
          "Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them",
          "A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443"
        ],
        "source": "https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/"
      },
      {
        "id": "vyos-hairpin-nat",
        "title": "VyOS: destination NAT on the LAN interface plus a masquerade",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "configure",
          "set nat destination rule 4090 description 'hairpin-check: reflection'",
          "set nat destination rule 4090 inbound-interface name '<LAN-interface>'",
          "set nat destination rule 4090 destination address '203.0.113.7'",
          "set nat destination rule 4090 destination port '8443'",
          "set nat destination rule 4090 protocol 'tcp'",
          "set nat destination rule 4090 translation address '192.168.77.10'",
          "set nat source rule 4090 description 'hairpin-check: reflection'",
          "set nat source rule 4090 outbound-interface name '<LAN-interface>'",
          "set nat source rule 4090 source address '192.168.77.0/24'",
          "set nat source rule 4090 destination address '192.168.77.10'",
          "set nat source rule 4090 destination port '8443'",
          "set nat source rule 4090 protocol 'tcp'",
          "set nat source rule 4090 translation address 'masquerade'",
          "commit ; save"
        ],
        "source": "https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection"
      },
      {
        "id": "cisco-ios-nvi",
        "title": "Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "show running-config | include ip nat",
          "configure terminal",
          "interface <LAN-interface>",
          " no ip nat inside",
          " ip nat enable",
          "interface <WAN-interface>",
          " no ip nat outside",
          " ip nat enable",
          " exit",
          "ip access-list standard HAIRPIN-CHECK-LAN",
          " permit 192.168.77.0 0.0.0.255",
          " exit",
          "ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443",
          "ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload",
          "! then remove the \\"ip nat inside source\\" lines shown first: NVI and inside/outside rules should not share traffic",
          "! IOS-XE platforms may not support NVI: use split-horizon DNS there",
          "end"
        ],
        "source": "https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html"
      },
      {
        "id": "cisco-asa-hairpin",
        "title": "Cisco ASA: same-interface hairpin with twice NAT",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "configure terminal",
          "! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA",
          "same-security-traffic permit intra-interface",
          "object network HC-LAN",
          " subnet 192.168.77.0 255.255.255.0",
          "object network HC-SERVER",
          " host 192.168.77.10",
          "object network HC-PUBLIC",
          " host 203.0.113.7",
          "object service HC-SVC",
          " service tcp destination eq 8443",
          "nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC",
          "end"
        ],
        "source": "https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html"
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "nft add table ip hairpin_check",
          "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
          "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
          "nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade",
          "# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept",
          "# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10",
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops",
          "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "openbsd-pf-reflection",
        "title": "OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://www.openbsd.org/faq/pf/rdr.html#reflect"
      },
      {
        "id": "freebsd-pf-reflection",
        "title": "FreeBSD pf: rdr on the inside interface plus nat",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5"
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
          "dnsmasq --test && systemctl restart dnsmasq"
        ],
        "source": "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html"
      },
      {
        "id": "pihole-local-dns",
        "title": "Pi-hole v6: a local DNS record with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it",
          "pihole-FTL --config dns.hosts '[ \\"192.168.77.10 <your-hostname>\\" ]'",
          "# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10"
        ],
        "source": "https://docs.pi-hole.net/ftldns/configfile/"
      },
      {
        "id": "unbound-local-data",
        "title": "Unbound: answer your name with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\""
        ],
        "source": "https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html"
      },
      {
        "id": "bind-internal-view",
        "title": "BIND: an internal view of the zone for LAN clients",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in named.conf, before the external view; the internal zone file has the A record with the LAN address",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload"
        ],
        "source": "https://bind9.readthedocs.io/en/latest/reference.html"
      },
      {
        "id": "opnsense-unbound-override",
        "title": "OPNsense: an Unbound host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply"
        ],
        "source": "https://docs.opnsense.org/manual/unbound.html"
      },
      {
        "id": "pfsense-host-override",
        "title": "pfSense: a DNS Resolver host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes",
          "Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html"
      },
      {
        "id": "openwrt-dns-hostname",
        "title": "OpenWrt: resolve your name to the server in the router's dnsmasq",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "uci add dhcp domain",
          "uci set dhcp.@domain[-1].name='<your-hostname>'",
          "uci set dhcp.@domain[-1].ip='192.168.77.10'",
          "uci commit dhcp",
          "/etc/init.d/dnsmasq restart"
        ],
        "source": "https://openwrt.org/docs/guide-user/base-system/dhcp"
      },
      {
        "id": "fritzbox-dns-rebind",
        "title": "FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection",
        "why": "A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.",
        "commands": [
          "Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)",
          "Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply",
          "Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, \\"Local DNS server\\""
        ],
        "source": "https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers"
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc8305"
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client",
          "# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc3442"
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      }
    ]
  },
  "expectations": [
    {
      "expect": "works",
      "holds": false,
      "why": "inside clients do not get through (unreachable)"
    }
  ]
}
\`\`\`

</details>

`

exports[`test/lab/formats.test.ts > TAP > router-service: every format > human 1`] = `
✘ Hairpin NAT does not work: another service answered on the public IP

  Hairpin NAT does not work: something other than this host answered on 203.0.113.7:8443 from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic. It sent: "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…".

Path
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶ client   192.168.77.10 ✘ not ours
  ✘ The router's own service answered instead of the listener: "HTTP/1.1 400 Bad
    Request Server: router-webui Content-Type:…".

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           wrong-service after N ms (N connections), to 203.0.113.7:8443
  Answered by   "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…"
  Strangers     0 other connections left unanswered
  Answered      HTTP 400, Server: router-webui, title "400 Bad Request"
  At gateway    192.168.77.1:8443: HTTP 400, Server: router-webui, title "400 Bad Request"

Fixes, most likely first
  1. Move the router's own service off port 8443
     Something other than your server answered, typically the router's own web UI, remote management or VPN on this port.
       Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7
       Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again
  2–19. Router setting: turn on NAT loopback (NAT reflection); also for OpenWrt,
        pfSense, OPNsense, MikroTik RouterOS, Ubiquiti EdgeRouter (EdgeOS),
        UniFi gateway, FortiGate (policy-based NAT), Sophos Firewall, VyOS,
        Cisco IOS, Cisco ASA, Linux router with nftables, Linux router with
        iptables, OpenBSD pf (4.7 and later), FreeBSD pf
  20–26. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN
         address inside; also for Pi-hole v6, Unbound, BIND, OPNsense, pfSense,
         OpenWrt
  27. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through
      its rebind protection
  28. Publish an AAAA record for the server and reach it over IPv6
  29. Route the public address to the server and let the server own it
  30. Give the server its own network or its own public address
  (--all-fixes shows the commands of all 30; --format markdown or --json keeps them too)

cause: router-answered · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > router-service: every format > markdown 1`] = `
# ✘ Hairpin NAT does not work: another service answered on the public IP

Hairpin NAT does not work: something other than this host answered on 203.0.113.7:8443 from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic. It sent: "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…".

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | wrong-service after N ms (N connections), to 203.0.113.7:8443 |
| TCP: answered by | "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…" |
| Strangers | 0 other connections left unanswered |
| Answered | HTTP 400, Server: router-webui, title "400 Bad Request" |
| Answered: at gateway | 192.168.77.1:8443: HTTP 400, Server: router-webui, title "400 Bad Request" |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer--> client   192.168.77.10 [x] not ours
  [x] The router's own service answered instead of the listener: "HTTP/1.1 400 Bad Request Server:
      router-webui Content-Type:…".
\`\`\`

## Diagnosis

Cause: \`router-answered\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Fixes, most likely first

### 1. Move the router's own service off port 8443

Something other than your server answered, typically the router's own web UI, remote management or VPN on this port.

\`\`\`sh
Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7
Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html>

### 2. Router setting: turn on NAT loopback (NAT reflection)

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc4787#section-6>

### 3. OpenWrt: NAT loopback on the port forward, for the zone the clients are in

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
uci show firewall | grep -e '\\.name=' -e '\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone
uci set firewall.@redirect[<N>].reflection='1'
uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

Source: <https://openwrt.org/docs/guide-user/firewall/firewall_configuration>

### 4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
System > Advanced, Firewall & NAT tab, Network Address Translation: "NAT Reflection mode for port forwards" = "Pure NAT", check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on "Use system default", with Destination "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's own address
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html>

### 5. OPNsense: automatic reflection and automatic outbound NAT

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for destination NAT" (older versions: "Reflection for port forwards") and "Automatic outbound NAT for Reflection", then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
\`\`\`

Source: <https://docs.opnsense.org/manual/firewall_settings.html>

### 6. OPNsense: reflection rules by hand (the how-to's recommended method)

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: uncheck "Reflection for destination NAT", "Reflection for 1:1" and "Automatic outbound NAT for Reflection" (the methods exclude one another), then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
A LAN pass rule to 192.168.77.10 port 8443: the forward's "Firewall rule" option Pass (before 26.1: "Add associated filter rule"), or one under Firewall > Rules > LAN
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

### 7. MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address
/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment="hairpin-check: forward"
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment="hairpin-check: hairpin"
\`\`\`

Source: <https://help.mikrotik.com/docs/display/ROS/NAT>

### 8. Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 9. Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
show service nat   # rules 4090 and 5090 must be free: pick others if not
set service nat rule 4090 description 'hairpin-check: DNAT'
set service nat rule 4090 type destination
set service nat rule 4090 inbound-interface <LAN-interface>
set service nat rule 4090 protocol tcp
set service nat rule 4090 destination address 203.0.113.7
set service nat rule 4090 destination port 8443
set service nat rule 4090 inside-address address 192.168.77.10
set service nat rule 4090 inside-address port 8443
set service nat rule 5090 description 'hairpin-check: masquerade'
set service nat rule 5090 type masquerade
set service nat rule 5090 outbound-interface <LAN-interface>
set service nat rule 5090 protocol tcp
set service nat rule 5090 source address 192.168.77.0/24
set service nat rule 5090 destination address 192.168.77.10
set service nat rule 5090 destination port 8443
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 10. UniFi gateway: a Port Forwarding rule, not a custom NAT rule

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too
Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443
and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation>

### 11. FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
config firewall vip
    edit "hairpin-check-8443"
        set comment "hairpin-check: or reuse the VIP of this forward, with extintf any"
        set extip 203.0.113.7
        set extintf "any"
        set portforward enable
        set protocol tcp
        set mappedip "192.168.77.10"
        set extport 8443
        set mappedport 8443
    next
end
config firewall policy
    edit 0
        set name "hairpin-check LAN to LAN"
        set srcintf "<LAN-interface>"
        set dstintf "<LAN-interface>"
        set srcaddr "all"
        set dstaddr "hairpin-check-8443"
        set action accept
        set schedule "always"
        set service "ALL"
        set nat enable
        set comments "nat: replies to clients in the server subnet come back through the FortiGate"
    next
end
\`\`\`

Source: <https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045>

### 12. Sophos Firewall: a loopback rule for the DNAT rule

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save
Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself
Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them
A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443
\`\`\`

Source: <https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/>

### 13. VyOS: destination NAT on the LAN interface plus a masquerade

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
set nat destination rule 4090 description 'hairpin-check: reflection'
set nat destination rule 4090 inbound-interface name '<LAN-interface>'
set nat destination rule 4090 destination address '203.0.113.7'
set nat destination rule 4090 destination port '8443'
set nat destination rule 4090 protocol 'tcp'
set nat destination rule 4090 translation address '192.168.77.10'
set nat source rule 4090 description 'hairpin-check: reflection'
set nat source rule 4090 outbound-interface name '<LAN-interface>'
set nat source rule 4090 source address '192.168.77.0/24'
set nat source rule 4090 destination address '192.168.77.10'
set nat source rule 4090 destination port '8443'
set nat source rule 4090 protocol 'tcp'
set nat source rule 4090 translation address 'masquerade'
commit ; save
\`\`\`

Source: <https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection>

### 14. Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
show running-config | include ip nat
configure terminal
interface <LAN-interface>
 no ip nat inside
 ip nat enable
interface <WAN-interface>
 no ip nat outside
 ip nat enable
 exit
ip access-list standard HAIRPIN-CHECK-LAN
 permit 192.168.77.0 0.0.0.255
 exit
ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443
ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload
! then remove the "ip nat inside source" lines shown first: NVI and inside/outside rules should not share traffic
! IOS-XE platforms may not support NVI: use split-horizon DNS there
end
\`\`\`

Source: <https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html>

### 15. Cisco ASA: same-interface hairpin with twice NAT

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure terminal
! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA
same-security-traffic permit intra-interface
object network HC-LAN
 subnet 192.168.77.0 255.255.255.0
object network HC-SERVER
 host 192.168.77.10
object network HC-PUBLIC
 host 203.0.113.7
object service HC-SVC
 service tcp destination eq 8443
nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC
end
\`\`\`

Source: <https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html>

### 16. Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
nft add table ip hairpin_check
nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'
nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'
nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf
\`\`\`

Source: <https://manned.org/nft.8>

### 17. Linux router with iptables: DNAT the public address from inside too, and masquerade

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops
# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 18. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://www.openbsd.org/faq/pf/rdr.html#reflect>

### 19. FreeBSD pf: rdr on the inside interface plus nat

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5>

### 20. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server
dnsmasq --test && systemctl restart dnsmasq
\`\`\`

Source: <https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html>

### 21. Pi-hole v6: a local DNS record with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it
pihole-FTL --config dns.hosts '[ "192.168.77.10 <your-hostname>" ]'
# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10
\`\`\`

Source: <https://docs.pi-hole.net/ftldns/configfile/>

### 22. Unbound: answer your name with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
\`\`\`

Source: <https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html>

### 23. BIND: an internal view of the zone for LAN clients

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in named.conf, before the external view; the internal zone file has the A record with the LAN address
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload
\`\`\`

Source: <https://bind9.readthedocs.io/en/latest/reference.html>

### 24. OPNsense: an Unbound host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply
\`\`\`

Source: <https://docs.opnsense.org/manual/unbound.html>

### 25. pfSense: a DNS Resolver host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes
Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html>

### 26. OpenWrt: resolve your name to the server in the router's dnsmasq

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
uci add dhcp domain
uci set dhcp.@domain[-1].name='<your-hostname>'
uci set dhcp.@domain[-1].ip='192.168.77.10'
uci commit dhcp
/etc/init.d/dnsmasq restart
\`\`\`

Source: <https://openwrt.org/docs/guide-user/base-system/dhcp>

### 27. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection

A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.

\`\`\`sh
Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)
Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply
Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, "Local DNS server"
\`\`\`

Source: <https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers>

### 28. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc8305>

### 29. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client
# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc3442>

### 30. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "wrong-service",
    "observedPeer": null,
    "peerKind": null,
    "serverAddress": null,
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": null,
    "answer": "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…"
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "answeredBy": {
    "viaPublicIp": {
      "outcome": "ok",
      "kind": "http",
      "banner": null,
      "tls": null,
      "http": {
        "status": 400,
        "server": "router-webui",
        "title": "400 Bad Request"
      },
      "error": null,
      "ms": N,
      "description": "HTTP 400, Server: router-webui, title \\"400 Bad Request\\""
    },
    "gateway": {
      "outcome": "ok",
      "kind": "http",
      "banner": null,
      "tls": null,
      "http": {
        "status": 400,
        "server": "router-webui",
        "title": "400 Bad Request"
      },
      "error": null,
      "ms": N,
      "description": "HTTP 400, Server: router-webui, title \\"400 Bad Request\\""
    },
    "forwardTarget": null,
    "router": null
  },
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "router-answered",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: something other than this host answered on 203.0.113.7:8443 from inside, typically the router's own web interface or VPN on that port: the forward is not applied to inside traffic. It sent: \\"HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…\\".",
    "warnings": [],
    "fixes": [
      {
        "id": "router-service-port",
        "title": "Move the router's own service off port 8443",
        "why": "Something other than your server answered, typically the router's own web UI, remote management or VPN on this port.",
        "commands": [
          "Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7",
          "Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html"
      },
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc4787#section-6"
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: NAT loopback on the port forward, for the zone the clients are in",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "uci show firewall | grep -e \\"dest_ip='192.168.77.10'\\" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'",
          "uci show firewall | grep -e '\\\\.name=' -e '\\\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": "https://openwrt.org/docs/guide-user/firewall/firewall_configuration"
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "System > Advanced, Firewall & NAT tab, Network Address Translation: \\"NAT Reflection mode for port forwards\\" = \\"Pure NAT\\", check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on \\"Use system default\\", with Destination \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's own address"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html"
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: automatic reflection and automatic outbound NAT",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for destination NAT\\" (older versions: \\"Reflection for port forwards\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)"
        ],
        "source": "https://docs.opnsense.org/manual/firewall_settings.html"
      },
      {
        "id": "opnsense-manual-reflection",
        "title": "OPNsense: reflection rules by hand (the how-to's recommended method)",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: uncheck \\"Reflection for destination NAT\\", \\"Reflection for 1:1\\" and \\"Automatic outbound NAT for Reflection\\" (the methods exclude one another), then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\"",
          "A LAN pass rule to 192.168.77.10 port 8443: the forward's \\"Firewall rule\\" option Pass (before 26.1: \\"Add associated filter rule\\"), or one under Firewall > Rules > LAN"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address",
          "/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment=\\"hairpin-check: forward\\"",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment=\\"hairpin-check: hairpin\\""
        ],
        "source": "https://help.mikrotik.com/docs/display/ROS/NAT"
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "edgerouter-service-nat-hairpin",
        "title": "Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "show service nat   # rules 4090 and 5090 must be free: pick others if not",
          "set service nat rule 4090 description 'hairpin-check: DNAT'",
          "set service nat rule 4090 type destination",
          "set service nat rule 4090 inbound-interface <LAN-interface>",
          "set service nat rule 4090 protocol tcp",
          "set service nat rule 4090 destination address 203.0.113.7",
          "set service nat rule 4090 destination port 8443",
          "set service nat rule 4090 inside-address address 192.168.77.10",
          "set service nat rule 4090 inside-address port 8443",
          "set service nat rule 5090 description 'hairpin-check: masquerade'",
          "set service nat rule 5090 type masquerade",
          "set service nat rule 5090 outbound-interface <LAN-interface>",
          "set service nat rule 5090 protocol tcp",
          "set service nat rule 5090 source address 192.168.77.0/24",
          "set service nat rule 5090 destination address 192.168.77.10",
          "set service nat rule 5090 destination port 8443",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "unifi-port-forward",
        "title": "UniFi gateway: a Port Forwarding rule, not a custom NAT rule",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too",
          "Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443",
          "and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation"
      },
      {
        "id": "fortigate-vip-hairpin",
        "title": "FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "config firewall vip",
          "    edit \\"hairpin-check-8443\\"",
          "        set comment \\"hairpin-check: or reuse the VIP of this forward, with extintf any\\"",
          "        set extip 203.0.113.7",
          "        set extintf \\"any\\"",
          "        set portforward enable",
          "        set protocol tcp",
          "        set mappedip \\"192.168.77.10\\"",
          "        set extport 8443",
          "        set mappedport 8443",
          "    next",
          "end",
          "config firewall policy",
          "    edit 0",
          "        set name \\"hairpin-check LAN to LAN\\"",
          "        set srcintf \\"<LAN-interface>\\"",
          "        set dstintf \\"<LAN-interface>\\"",
          "        set srcaddr \\"all\\"",
          "        set dstaddr \\"hairpin-check-8443\\"",
          "        set action accept",
          "        set schedule \\"always\\"",
          "        set service \\"ALL\\"",
          "        set nat enable",
          "        set comments \\"nat: replies to clients in the server subnet come back through the FortiGate\\"",
          "    next",
          "end"
        ],
        "source": "https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045"
      },
      {
        "id": "sophos-loopback-rule",
        "title": "Sophos Firewall: a loopback rule for the DNAT rule",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save",
          "Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself",
          "Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them",
          "A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443"
        ],
        "source": "https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/"
      },
      {
        "id": "vyos-hairpin-nat",
        "title": "VyOS: destination NAT on the LAN interface plus a masquerade",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "set nat destination rule 4090 description 'hairpin-check: reflection'",
          "set nat destination rule 4090 inbound-interface name '<LAN-interface>'",
          "set nat destination rule 4090 destination address '203.0.113.7'",
          "set nat destination rule 4090 destination port '8443'",
          "set nat destination rule 4090 protocol 'tcp'",
          "set nat destination rule 4090 translation address '192.168.77.10'",
          "set nat source rule 4090 description 'hairpin-check: reflection'",
          "set nat source rule 4090 outbound-interface name '<LAN-interface>'",
          "set nat source rule 4090 source address '192.168.77.0/24'",
          "set nat source rule 4090 destination address '192.168.77.10'",
          "set nat source rule 4090 destination port '8443'",
          "set nat source rule 4090 protocol 'tcp'",
          "set nat source rule 4090 translation address 'masquerade'",
          "commit ; save"
        ],
        "source": "https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection"
      },
      {
        "id": "cisco-ios-nvi",
        "title": "Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "show running-config | include ip nat",
          "configure terminal",
          "interface <LAN-interface>",
          " no ip nat inside",
          " ip nat enable",
          "interface <WAN-interface>",
          " no ip nat outside",
          " ip nat enable",
          " exit",
          "ip access-list standard HAIRPIN-CHECK-LAN",
          " permit 192.168.77.0 0.0.0.255",
          " exit",
          "ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443",
          "ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload",
          "! then remove the \\"ip nat inside source\\" lines shown first: NVI and inside/outside rules should not share traffic",
          "! IOS-XE platforms may not support NVI: use split-horizon DNS there",
          "end"
        ],
        "source": "https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html"
      },
      {
        "id": "cisco-asa-hairpin",
        "title": "Cisco ASA: same-interface hairpin with twice NAT",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure terminal",
          "! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA",
          "same-security-traffic permit intra-interface",
          "object network HC-LAN",
          " subnet 192.168.77.0 255.255.255.0",
          "object network HC-SERVER",
          " host 192.168.77.10",
          "object network HC-PUBLIC",
          " host 203.0.113.7",
          "object service HC-SVC",
          " service tcp destination eq 8443",
          "nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC",
          "end"
        ],
        "source": "https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html"
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "nft add table ip hairpin_check",
          "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
          "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
          "nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade",
          "# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept",
          "# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10",
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops",
          "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "openbsd-pf-reflection",
        "title": "OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://www.openbsd.org/faq/pf/rdr.html#reflect"
      },
      {
        "id": "freebsd-pf-reflection",
        "title": "FreeBSD pf: rdr on the inside interface plus nat",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5"
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
          "dnsmasq --test && systemctl restart dnsmasq"
        ],
        "source": "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html"
      },
      {
        "id": "pihole-local-dns",
        "title": "Pi-hole v6: a local DNS record with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it",
          "pihole-FTL --config dns.hosts '[ \\"192.168.77.10 <your-hostname>\\" ]'",
          "# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10"
        ],
        "source": "https://docs.pi-hole.net/ftldns/configfile/"
      },
      {
        "id": "unbound-local-data",
        "title": "Unbound: answer your name with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\""
        ],
        "source": "https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html"
      },
      {
        "id": "bind-internal-view",
        "title": "BIND: an internal view of the zone for LAN clients",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in named.conf, before the external view; the internal zone file has the A record with the LAN address",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload"
        ],
        "source": "https://bind9.readthedocs.io/en/latest/reference.html"
      },
      {
        "id": "opnsense-unbound-override",
        "title": "OPNsense: an Unbound host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply"
        ],
        "source": "https://docs.opnsense.org/manual/unbound.html"
      },
      {
        "id": "pfsense-host-override",
        "title": "pfSense: a DNS Resolver host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes",
          "Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html"
      },
      {
        "id": "openwrt-dns-hostname",
        "title": "OpenWrt: resolve your name to the server in the router's dnsmasq",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "uci add dhcp domain",
          "uci set dhcp.@domain[-1].name='<your-hostname>'",
          "uci set dhcp.@domain[-1].ip='192.168.77.10'",
          "uci commit dhcp",
          "/etc/init.d/dnsmasq restart"
        ],
        "source": "https://openwrt.org/docs/guide-user/base-system/dhcp"
      },
      {
        "id": "fritzbox-dns-rebind",
        "title": "FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection",
        "why": "A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.",
        "commands": [
          "Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)",
          "Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply",
          "Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, \\"Local DNS server\\""
        ],
        "source": "https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers"
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc8305"
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client",
          "# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc3442"
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      }
    ]
  },
  "expectations": [
    {
      "expect": "works",
      "holds": false,
      "why": "inside clients do not get through (router-answered)"
    }
  ]
}
\`\`\`

</details>

`

exports[`test/lab/formats.test.ts > TAP > snat-public: every format > human 1`] = `
✔ Hairpin NAT works: the server sees the public IP

  Hairpin NAT works: 203.0.113.7:8443 reached this host from inside, and the server sees the public address 203.0.113.7 as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.

Path
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  203.0.113.7
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in N ms.

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           ok after N ms, to 203.0.113.7:8443
  Listener saw  203.0.113.7 (the public IP)
  Arrived at    192.168.77.10
  Strangers     0 other connections left unanswered

cause: hairpin-ok-public-source · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > snat-public: every format > markdown 1`] = `
# ✔ Hairpin NAT works: the server sees the public IP

Hairpin NAT works: 203.0.113.7:8443 reached this host from inside, and the server sees the public address 203.0.113.7 as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | ok after N ms, to 203.0.113.7:8443 |
| TCP: listener saw | 203.0.113.7 (the public IP) |
| TCP: arrived at | 192.168.77.10 |
| Strangers | 0 other connections left unanswered |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 --SYN-ACK---> gateway  203.0.113.7
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in N ms.
\`\`\`

## Diagnosis

Cause: \`hairpin-ok-public-source\` (about TCP). Hairpin NAT on the public IP: works. Exit code 0.

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "ok",
    "observedPeer": "203.0.113.7",
    "peerKind": "public-ip",
    "serverAddress": "192.168.77.10",
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": null,
    "answer": null
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "answeredBy": null,
  "fault": null,
  "verdict": {
    "hairpin": true,
    "cause": "hairpin-ok-public-source",
    "protocol": "tcp",
    "summary": "Hairpin NAT works: 203.0.113.7:8443 reached this host from inside, and the server sees the public address 203.0.113.7 as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.",
    "warnings": [],
    "fixes": []
  },
  "expectations": [
    {
      "expect": "works",
      "holds": true,
      "why": "inside clients get through (hairpin-ok-public-source)"
    }
  ]
}
\`\`\`

</details>

`

exports[`test/lab/formats.test.ts > TAP > wan-only: every format > human 1`] = `
✘ Hairpin NAT does not work: connection refused, the forward is not reflected

  Hairpin NAT does not work: 203.0.113.7:8443 refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port 8443.

Path
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶ client   192.168.77.10 ✘ refused
  ✘ The gateway refused: it applies the forward only to traffic from the
    internet, and nothing on the gateway listens on port 8443.

Observed
  Public IP     203.0.113.7 (2 of 2 echo services agree)
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           refused (ECONNREFUSED) after N ms, to 203.0.113.7:8443
  Strangers     0 other connections left unanswered

Fixes, most likely first
  1. Router setting: turn on NAT loopback (NAT reflection)
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
       No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
  2–18. The same for OpenWrt, pfSense, OPNsense, MikroTik RouterOS, Ubiquiti
        EdgeRouter (EdgeOS), UniFi gateway, FortiGate (policy-based NAT), Sophos
        Firewall, VyOS, Cisco IOS, Cisco ASA, Linux router with nftables, Linux
        router with iptables, OpenBSD pf (4.7 and later), FreeBSD pf
  19. Server in a Docker container: publish TCP port 8443 on the host
  20–26. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN
         address inside; also for Pi-hole v6, Unbound, BIND, OPNsense, pfSense,
         OpenWrt
  27. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through
      its rebind protection
  28. Publish an AAAA record for the server and reach it over IPv6
  29. Route the public address to the server and let the server own it
  30. Give the server its own network or its own public address
  (--all-fixes shows the commands of all 30; --format markdown or --json keeps them too)

cause: no-reflection · hairpin-check <version> · N ms

`

exports[`test/lab/formats.test.ts > TAP > wan-only: every format > markdown 1`] = `
# ✘ Hairpin NAT does not work: connection refused, the forward is not reflected

Hairpin NAT does not work: 203.0.113.7:8443 refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port 8443.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, N ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, N ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | refused (ECONNREFUSED) after N ms, to 203.0.113.7:8443 |
| Strangers | 0 other connections left unanswered |

## Path

\`\`\`
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST-----> client   192.168.77.10 [x] refused
  [x] The gateway refused: it applies the forward only to traffic from the internet, and nothing on
      the gateway listens on port 8443.
\`\`\`

## Diagnosis

Cause: \`no-reflection\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Fixes, most likely first

### 1. Router setting: turn on NAT loopback (NAT reflection)

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc4787#section-6>

### 2. OpenWrt: NAT loopback on the port forward, for the zone the clients are in

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
uci show firewall | grep -e "dest_ip='192.168.77.10'" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'
uci show firewall | grep -e '\\.name=' -e '\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone
uci set firewall.@redirect[<N>].reflection='1'
uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

Source: <https://openwrt.org/docs/guide-user/firewall/firewall_configuration>

### 3. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
System > Advanced, Firewall & NAT tab, Network Address Translation: "NAT Reflection mode for port forwards" = "Pure NAT", check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on "Use system default", with Destination "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's own address
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html>

### 4. OPNsense: automatic reflection and automatic outbound NAT

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for destination NAT" (older versions: "Reflection for port forwards") and "Automatic outbound NAT for Reflection", then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
\`\`\`

Source: <https://docs.opnsense.org/manual/firewall_settings.html>

### 5. OPNsense: reflection rules by hand (the how-to's recommended method)

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: uncheck "Reflection for destination NAT", "Reflection for 1:1" and "Automatic outbound NAT for Reflection" (the methods exclude one another), then Save
Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
A LAN pass rule to 192.168.77.10 port 8443: the forward's "Firewall rule" option Pass (before 26.1: "Add associated filter rule"), or one under Firewall > Rules > LAN
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

### 6. MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address
/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment="hairpin-check: forward"
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment="hairpin-check: hairpin"
\`\`\`

Source: <https://help.mikrotik.com/docs/display/ROS/NAT>

### 7. Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 8. Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
show service nat   # rules 4090 and 5090 must be free: pick others if not
set service nat rule 4090 description 'hairpin-check: DNAT'
set service nat rule 4090 type destination
set service nat rule 4090 inbound-interface <LAN-interface>
set service nat rule 4090 protocol tcp
set service nat rule 4090 destination address 203.0.113.7
set service nat rule 4090 destination port 8443
set service nat rule 4090 inside-address address 192.168.77.10
set service nat rule 4090 inside-address port 8443
set service nat rule 5090 description 'hairpin-check: masquerade'
set service nat rule 5090 type masquerade
set service nat rule 5090 outbound-interface <LAN-interface>
set service nat rule 5090 protocol tcp
set service nat rule 5090 source address 192.168.77.0/24
set service nat rule 5090 destination address 192.168.77.10
set service nat rule 5090 destination port 8443
commit ; save
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/204952134>

### 9. UniFi gateway: a Port Forwarding rule, not a custom NAT rule

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too
Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443
and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443
\`\`\`

Source: <https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation>

### 10. FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
config firewall vip
    edit "hairpin-check-8443"
        set comment "hairpin-check: or reuse the VIP of this forward, with extintf any"
        set extip 203.0.113.7
        set extintf "any"
        set portforward enable
        set protocol tcp
        set mappedip "192.168.77.10"
        set extport 8443
        set mappedport 8443
    next
end
config firewall policy
    edit 0
        set name "hairpin-check LAN to LAN"
        set srcintf "<LAN-interface>"
        set dstintf "<LAN-interface>"
        set srcaddr "all"
        set dstaddr "hairpin-check-8443"
        set action accept
        set schedule "always"
        set service "ALL"
        set nat enable
        set comments "nat: replies to clients in the server subnet come back through the FortiGate"
    next
end
\`\`\`

Source: <https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045>

### 11. Sophos Firewall: a loopback rule for the DNAT rule

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save
Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself
Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them
A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443
\`\`\`

Source: <https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/>

### 12. VyOS: destination NAT on the LAN interface plus a masquerade

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
set nat destination rule 4090 description 'hairpin-check: reflection'
set nat destination rule 4090 inbound-interface name '<LAN-interface>'
set nat destination rule 4090 destination address '203.0.113.7'
set nat destination rule 4090 destination port '8443'
set nat destination rule 4090 protocol 'tcp'
set nat destination rule 4090 translation address '192.168.77.10'
set nat source rule 4090 description 'hairpin-check: reflection'
set nat source rule 4090 outbound-interface name '<LAN-interface>'
set nat source rule 4090 source address '192.168.77.0/24'
set nat source rule 4090 destination address '192.168.77.10'
set nat source rule 4090 destination port '8443'
set nat source rule 4090 protocol 'tcp'
set nat source rule 4090 translation address 'masquerade'
commit ; save
\`\`\`

Source: <https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection>

### 13. Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
show running-config | include ip nat
configure terminal
interface <LAN-interface>
 no ip nat inside
 ip nat enable
interface <WAN-interface>
 no ip nat outside
 ip nat enable
 exit
ip access-list standard HAIRPIN-CHECK-LAN
 permit 192.168.77.0 0.0.0.255
 exit
ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443
ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload
! then remove the "ip nat inside source" lines shown first: NVI and inside/outside rules should not share traffic
! IOS-XE platforms may not support NVI: use split-horizon DNS there
end
\`\`\`

Source: <https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html>

### 14. Cisco ASA: same-interface hairpin with twice NAT

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure terminal
! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA
same-security-traffic permit intra-interface
object network HC-LAN
 subnet 192.168.77.0 255.255.255.0
object network HC-SERVER
 host 192.168.77.10
object network HC-PUBLIC
 host 203.0.113.7
object service HC-SVC
 service tcp destination eq 8443
nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC
end
\`\`\`

Source: <https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html>

### 15. Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
nft add table ip hairpin_check
nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'
nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'
nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept
# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf
\`\`\`

Source: <https://manned.org/nft.8>

### 16. Linux router with iptables: DNAT the public address from inside too, and masquerade

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops
# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4
\`\`\`

Source: <https://ipset.netfilter.org/iptables-extensions.man.html>

### 17. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://www.openbsd.org/faq/pf/rdr.html#reflect>

### 18. FreeBSD pf: rdr on the inside interface plus nat

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

Source: <https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5>

### 19. Server in a Docker container: publish TCP port 8443 on the host

Refused also when the forward reaches a Docker host whose container does not publish the port.

\`\`\`sh
docker ps --format '{{.Names}}: {{.Ports}}'   # the server's container should list 0.0.0.0:8443->8443/tcp
docker run -d -p 8443:8443/tcp <image>   # or in compose: ports: ["8443:8443/tcp"]
sudo iptables -t nat -S DOCKER   # Docker's DNAT for tcp dport 8443 (nftables backend: sudo nft list ruleset)
\`\`\`

Source: <https://docs.docker.com/engine/network/port-publishing/>

### 20. Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server
dnsmasq --test && systemctl restart dnsmasq
\`\`\`

Source: <https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html>

### 21. Pi-hole v6: a local DNS record with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it
pihole-FTL --config dns.hosts '[ "192.168.77.10 <your-hostname>" ]'
# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10
\`\`\`

Source: <https://docs.pi-hole.net/ftldns/configfile/>

### 22. Unbound: answer your name with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
\`\`\`

Source: <https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html>

### 23. BIND: an internal view of the zone for LAN clients

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# in named.conf, before the external view; the internal zone file has the A record with the LAN address
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload
\`\`\`

Source: <https://bind9.readthedocs.io/en/latest/reference.html>

### 24. OPNsense: an Unbound host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply
\`\`\`

Source: <https://docs.opnsense.org/manual/unbound.html>

### 25. pfSense: a DNS Resolver host override with the server's LAN address

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes
Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields
\`\`\`

Source: <https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html>

### 26. OpenWrt: resolve your name to the server in the router's dnsmasq

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
uci add dhcp domain
uci set dhcp.@domain[-1].name='<your-hostname>'
uci set dhcp.@domain[-1].ip='192.168.77.10'
uci commit dhcp
/etc/init.d/dnsmasq restart
\`\`\`

Source: <https://openwrt.org/docs/guide-user/base-system/dhcp>

### 27. FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection

A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.

\`\`\`sh
Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)
Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply
Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, "Local DNS server"
\`\`\`

Source: <https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers>

### 28. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc8305>

### 29. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client
# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

Source: <https://datatracker.ietf.org/doc/html/rfc3442>

### 30. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

Source: <https://docs.opnsense.org/manual/how-tos/nat_reflection.html>

## Environment

- OS: <os>
- Node: <node>
- Tool: hairpin-check <version> report schema 1
- Run: started <time>, took N ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "<version>"
  },
  "port": 8443,
  "startedAt": "<time>",
  "durationMs": N,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "rejected": null,
        "ms": N
      }
    ],
    "onThisHost": false,
    "candidates": [
      {
        "address": "203.0.113.7",
        "votes": 2,
        "outcome": null
      }
    ],
    "confirmedBy": "agreement"
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0",
    "tunnel": false
  },
  "mode": "listen",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "refused",
    "observedPeer": null,
    "peerKind": null,
    "serverAddress": null,
    "ms": N,
    "attempts": N,
    "strangers": 0,
    "error": "ECONNREFUSED",
    "answer": null
  },
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "answeredBy": null,
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "no-reflection",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: 203.0.113.7:8443 refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port 8443.",
    "warnings": [],
    "fixes": [
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc4787#section-6"
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: NAT loopback on the port forward, for the zone the clients are in",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "uci show firewall | grep -e \\"dest_ip='192.168.77.10'\\" -e reflection   # names the forward firewall.@redirect[N]; reflection is on unless set to '0'",
          "uci show firewall | grep -e '\\\\.name=' -e '\\\\.masq='   # the wan zone needs masq='1': fw4 reflects only from a masquerading zone",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci add_list firewall.@redirect[<N>].reflection_zone='lan'   # needed when the server sits in another zone (e.g. dmz); list that zone too if its hosts hairpin",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": "https://openwrt.org/docs/guide-user/firewall/firewall_configuration"
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "System > Advanced, Firewall & NAT tab, Network Address Translation: \\"NAT Reflection mode for port forwards\\" = \\"Pure NAT\\", check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 keeps NAT reflection on \\"Use system default\\", with Destination \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's own address"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/recipes/port-forwards-from-local-networks.html"
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: automatic reflection and automatic outbound NAT",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for destination NAT\\" (older versions: \\"Reflection for port forwards\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 to 192.168.77.10 must have WAN as its only interface",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)"
        ],
        "source": "https://docs.opnsense.org/manual/firewall_settings.html"
      },
      {
        "id": "opnsense-manual-reflection",
        "title": "OPNsense: reflection rules by hand (the how-to's recommended method)",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: uncheck \\"Reflection for destination NAT\\", \\"Reflection for 1:1\\" and \\"Automatic outbound NAT for Reflection\\" (the methods exclude one another), then Save",
          "Firewall > NAT > Destination NAT (before 26.1: Port Forward): the rule for TCP 8443 on interfaces WAN and LAN, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "Firewall > NAT > Outbound in Hybrid mode (or Firewall > NAT > Source NAT): a rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\"",
          "A LAN pass rule to 192.168.77.10 port 8443: the forward's \\"Firewall rule\\" option Pass (before 26.1: \\"Add associated filter rule\\"), or one under Firewall > Rules > LAN"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the router's own addresses plus a hairpin srcnat",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in place of a dst-nat with in-interface=WAN; dst-address-type=local follows a dynamic WAN address",
          "/ip firewall nat add chain=dstnat dst-address-type=local dst-address=!192.168.77.1 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443 comment=\\"hairpin-check: forward\\"",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade comment=\\"hairpin-check: hairpin\\""
        ],
        "source": "https://help.mikrotik.com/docs/display/ROS/NAT"
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter (EdgeOS): hairpin NAT for port-forward rules",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "show port-forward   # the forward must be a rule here; a hand-written service nat rule needs the next fix",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "edgerouter-service-nat-hairpin",
        "title": "Ubiquiti EdgeRouter (EdgeOS): LAN-side DNAT and masquerade for a service nat forward",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "show service nat   # rules 4090 and 5090 must be free: pick others if not",
          "set service nat rule 4090 description 'hairpin-check: DNAT'",
          "set service nat rule 4090 type destination",
          "set service nat rule 4090 inbound-interface <LAN-interface>",
          "set service nat rule 4090 protocol tcp",
          "set service nat rule 4090 destination address 203.0.113.7",
          "set service nat rule 4090 destination port 8443",
          "set service nat rule 4090 inside-address address 192.168.77.10",
          "set service nat rule 4090 inside-address port 8443",
          "set service nat rule 5090 description 'hairpin-check: masquerade'",
          "set service nat rule 5090 type masquerade",
          "set service nat rule 5090 outbound-interface <LAN-interface>",
          "set service nat rule 5090 protocol tcp",
          "set service nat rule 5090 source address 192.168.77.0/24",
          "set service nat rule 5090 destination address 192.168.77.10",
          "set service nat rule 5090 destination port 8443",
          "commit ; save"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/204952134"
      },
      {
        "id": "unifi-port-forward",
        "title": "UniFi gateway: a Port Forwarding rule, not a custom NAT rule",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "In the UniFi Network application, make the forward of TCP 8443 to 192.168.77.10 a Port Forwarding rule: these apply to inside clients too",
          "Keeping a custom Destination NAT or One-to-One NAT rule instead? Add a Destination NAT rule on the LAN network: destination 203.0.113.7 port 8443, TCP, translated to 192.168.77.10 port 8443",
          "and, with the clients in the server's network, a Masquerade NAT rule on that network: source 192.168.77.0/24, destination 192.168.77.10 port 8443"
        ],
        "source": "https://help.ui.com/hc/en-us/articles/16437942532759-UniFi-Gateway-Network-Address-Translation"
      },
      {
        "id": "fortigate-vip-hairpin",
        "title": "FortiGate (policy-based NAT): a VIP for any interface plus a LAN-to-LAN policy",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "config firewall vip",
          "    edit \\"hairpin-check-8443\\"",
          "        set comment \\"hairpin-check: or reuse the VIP of this forward, with extintf any\\"",
          "        set extip 203.0.113.7",
          "        set extintf \\"any\\"",
          "        set portforward enable",
          "        set protocol tcp",
          "        set mappedip \\"192.168.77.10\\"",
          "        set extport 8443",
          "        set mappedport 8443",
          "    next",
          "end",
          "config firewall policy",
          "    edit 0",
          "        set name \\"hairpin-check LAN to LAN\\"",
          "        set srcintf \\"<LAN-interface>\\"",
          "        set dstintf \\"<LAN-interface>\\"",
          "        set srcaddr \\"all\\"",
          "        set dstaddr \\"hairpin-check-8443\\"",
          "        set action accept",
          "        set schedule \\"always\\"",
          "        set service \\"ALL\\"",
          "        set nat enable",
          "        set comments \\"nat: replies to clients in the server subnet come back through the FortiGate\\"",
          "    next",
          "end"
        ],
        "source": "https://community.fortinet.com/t5/FortiGate/Troubleshooting-Tip-nbsp-Hairpin-NAT-when-the-server-is-located/ta-p/344045"
      },
      {
        "id": "sophos-loopback-rule",
        "title": "Sophos Firewall: a loopback rule for the DNAT rule",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Rules and policies > NAT rules: edit the DNAT rule for 203.0.113.7 TCP 8443 (translated destination 192.168.77.10) and have it create a loopback rule (and a reflexive rule if the server also connects out), then Save",
          "Or make the forward with Add NAT rule > Server access assistant (DNAT): internal server 192.168.77.10, public IP 203.0.113.7, service TCP 8443; it adds the loopback rule itself",
          "Loopback and reflexive rules are independent copies: after changing the DNAT rule, delete and recreate them",
          "A firewall rule must still let the LAN zone reach 192.168.77.10 on TCP 8443"
        ],
        "source": "https://docs.sophos.com/nsg/sophos-firewall/20.0/Help/en-us/webhelp/onlinehelp/AdministratorHelp/RulesAndPolicies/NATRules/NATRuleActions/"
      },
      {
        "id": "vyos-hairpin-nat",
        "title": "VyOS: destination NAT on the LAN interface plus a masquerade",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "set nat destination rule 4090 description 'hairpin-check: reflection'",
          "set nat destination rule 4090 inbound-interface name '<LAN-interface>'",
          "set nat destination rule 4090 destination address '203.0.113.7'",
          "set nat destination rule 4090 destination port '8443'",
          "set nat destination rule 4090 protocol 'tcp'",
          "set nat destination rule 4090 translation address '192.168.77.10'",
          "set nat source rule 4090 description 'hairpin-check: reflection'",
          "set nat source rule 4090 outbound-interface name '<LAN-interface>'",
          "set nat source rule 4090 source address '192.168.77.0/24'",
          "set nat source rule 4090 destination address '192.168.77.10'",
          "set nat source rule 4090 destination port '8443'",
          "set nat source rule 4090 protocol 'tcp'",
          "set nat source rule 4090 translation address 'masquerade'",
          "commit ; save"
        ],
        "source": "https://docs.vyos.io/en/latest/configuration/nat/nat44.html#hairpin-nat-nat-reflection"
      },
      {
        "id": "cisco-ios-nvi",
        "title": "Cisco IOS: NAT Virtual Interface (ip nat enable) instead of inside/outside",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "show running-config | include ip nat",
          "configure terminal",
          "interface <LAN-interface>",
          " no ip nat inside",
          " ip nat enable",
          "interface <WAN-interface>",
          " no ip nat outside",
          " ip nat enable",
          " exit",
          "ip access-list standard HAIRPIN-CHECK-LAN",
          " permit 192.168.77.0 0.0.0.255",
          " exit",
          "ip nat source static tcp 192.168.77.10 8443 203.0.113.7 8443",
          "ip nat source list HAIRPIN-CHECK-LAN interface <WAN-interface> overload",
          "! then remove the \\"ip nat inside source\\" lines shown first: NVI and inside/outside rules should not share traffic",
          "! IOS-XE platforms may not support NVI: use split-horizon DNS there",
          "end"
        ],
        "source": "https://www.cisco.com/en/US/docs/ios/12_3t/12_3t14/feature/guide/gtnatvi.html"
      },
      {
        "id": "cisco-asa-hairpin",
        "title": "Cisco ASA: same-interface hairpin with twice NAT",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure terminal",
          "! inside: the nameif of the interface clients and server share; PAT to its address brings replies back through the ASA",
          "same-security-traffic permit intra-interface",
          "object network HC-LAN",
          " subnet 192.168.77.0 255.255.255.0",
          "object network HC-SERVER",
          " host 192.168.77.10",
          "object network HC-PUBLIC",
          " host 203.0.113.7",
          "object service HC-SVC",
          " service tcp destination eq 8443",
          "nat (inside,inside) source dynamic HC-LAN interface destination static HC-PUBLIC HC-SERVER service HC-SVC HC-SVC",
          "end"
        ],
        "source": "https://www.cisco.com/c/en/us/support/docs/security/secure-firewall-threat-defense/221949-configure-hairpin-on-asa.html"
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "nft add table ip hairpin_check",
          "nft 'add chain ip hairpin_check hairpin_pre { type nat hook prerouting priority dstnat - 1; }'",
          "nft 'add chain ip hairpin_check hairpin_post { type nat hook postrouting priority srcnat - 1; }'",
          "nft add rule ip hairpin_check hairpin_pre ip saddr 192.168.77.0/24 ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip hairpin_check hairpin_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade",
          "# if the router's forward chain drops by default, accept this there too: nft insert rule <family> <table> <forward-chain> ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept",
          "# undo: nft delete table ip hairpin_check; keep across reboots: nft list table ip hairpin_check >> /etc/nftables.conf"
        ],
        "source": "https://manned.org/nft.8"
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -I PREROUTING -s 192.168.77.0/24 -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10",
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j MASQUERADE",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT   # only matters when FORWARD drops",
          "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"
        ],
        "source": "https://ipset.netfilter.org/iptables-extensions.man.html"
      },
      {
        "id": "openbsd-pf-reflection",
        "title": "OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://www.openbsd.org/faq/pf/rdr.html#reflect"
      },
      {
        "id": "freebsd-pf-reflection",
        "title": "FreeBSD pf: rdr on the inside interface plus nat",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": "https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5"
      },
      {
        "id": "docker-published-port",
        "title": "Server in a Docker container: publish TCP port 8443 on the host",
        "why": "Refused also when the forward reaches a Docker host whose container does not publish the port.",
        "commands": [
          "docker ps --format '{{.Names}}: {{.Ports}}'   # the server's container should list 0.0.0.0:8443->8443/tcp",
          "docker run -d -p 8443:8443/tcp <image>   # or in compose: ports: [\\"8443:8443/tcp\\"]",
          "sudo iptables -t nat -S DOCKER   # Docker's DNAT for tcp dport 8443 (nftables backend: sudo nft list ruleset)"
        ],
        "source": "https://docs.docker.com/engine/network/port-publishing/"
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS with dnsmasq: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "echo 'address=/<your-hostname>/192.168.77.10' > /etc/dnsmasq.d/hairpin.conf   # on the LAN's DNS server",
          "dnsmasq --test && systemctl restart dnsmasq"
        ],
        "source": "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html"
      },
      {
        "id": "pihole-local-dns",
        "title": "Pi-hole v6: a local DNS record with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "pihole-FTL --config dns.hosts   # the records there now: the next line replaces the whole list, so add them to it",
          "pihole-FTL --config dns.hosts '[ \\"192.168.77.10 <your-hostname>\\" ]'",
          "# or in the web UI: Settings > Local DNS Records, Domain <your-hostname>, IP 192.168.77.10"
        ],
        "source": "https://docs.pi-hole.net/ftldns/configfile/"
      },
      {
        "id": "unbound-local-data",
        "title": "Unbound: answer your name with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in the server: section of unbound.conf, then: unbound-checkconf && systemctl reload unbound",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\""
        ],
        "source": "https://unbound.docs.nlnetlabs.nl/en/latest/manpages/unbound.conf.html"
      },
      {
        "id": "bind-internal-view",
        "title": "BIND: an internal view of the zone for LAN clients",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# in named.conf, before the external view; the internal zone file has the A record with the LAN address",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# in db.<your-zone>.internal: <your-hostname>. IN A 192.168.77.10; then: named-checkconf && rndc reload"
        ],
        "source": "https://bind9.readthedocs.io/en/latest/reference.html"
      },
      {
        "id": "opnsense-unbound-override",
        "title": "OPNsense: an Unbound host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > Unbound DNS > Overrides, Host overrides, +: Host <host>, Domain <domain>, Type A, IP address 192.168.77.10; Save, then Apply"
        ],
        "source": "https://docs.opnsense.org/manual/unbound.html"
      },
      {
        "id": "pfsense-host-override",
        "title": "pfSense: a DNS Resolver host override with the server's LAN address",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "Services > DNS Resolver, Host Overrides, Add: Host <host>, Domain <domain>, IP Address 192.168.77.10; Save, then Apply Changes",
          "Using the DNS Forwarder (dnsmasq) instead? Services > DNS Forwarder, Host Overrides: the same fields"
        ],
        "source": "https://docs.netgate.com/pfsense/en/latest/services/dns/resolver-host-overrides.html"
      },
      {
        "id": "openwrt-dns-hostname",
        "title": "OpenWrt: resolve your name to the server in the router's dnsmasq",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "uci add dhcp domain",
          "uci set dhcp.@domain[-1].name='<your-hostname>'",
          "uci set dhcp.@domain[-1].ip='192.168.77.10'",
          "uci commit dhcp",
          "/etc/init.d/dnsmasq restart"
        ],
        "source": "https://openwrt.org/docs/guide-user/base-system/dhcp"
      },
      {
        "id": "fritzbox-dns-rebind",
        "title": "FRITZ!Box: no loopback setting to turn on; let split-horizon DNS through its rebind protection",
        "why": "A FRITZ!Box has no loopback setting, and its DNS rebind protection drops split-horizon answers unless the name is allowed.",
        "commands": [
          "Port Sharing (Internet > Permit Access) has no NAT loopback option: have <your-hostname> resolve to 192.168.77.10 inside instead (split-horizon DNS)",
          "Its DNS rebind protection drops answers that point <your-hostname> at a LAN address: in Home Network > Network > Network Settings (newer FRITZ!OS: the advanced network settings) add <your-hostname> to the DNS rebind protection's host name exceptions, then Apply",
          "Or give LAN clients a DNS server of your own that has the record: Home Network > Network > Network Settings > IP Addresses > IPv4 Configuration > Home Network, \\"Local DNS server\\""
        ],
        "source": "https://docs.ddev.com/en/stable/users/usage/networking/#restrictive-dns-servers-especially-fritzbox-routers"
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc8305"
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client",
          "# or hand the route out by DHCP, in dnsmasq's configuration: dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ],
        "source": "https://datatracker.ietf.org/doc/html/rfc3442"
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": "https://docs.opnsense.org/manual/how-tos/nat_reflection.html"
      }
    ]
  },
  "expectations": [
    {
      "expect": "works",
      "holds": false,
      "why": "inside clients do not get through (no-reflection)"
    }
  ]
}
\`\`\`

</details>

`
