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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           timeout after N ms, to 203.0.113.7:8443
  Strangers     0 other connections left unanswered

Fixes, most likely first
  1. Linux router with nftables: masquerade hairpinned connections
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       nft add table ip nat
       nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
       nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
  2. Linux router with iptables: masquerade hairpinned connections
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
  3. MikroTik RouterOS: add the hairpin srcnat rule
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       /ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
  4. OpenBSD pf (4.7 and later): nat-to for reflected connections
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       # in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
       pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  5. FreeBSD pf: nat on the inside interface
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       # in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
       no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
       nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  6. pfSense: automatic outbound NAT for reflection
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
       Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "Interface Address"
  7. OPNsense: automatic outbound NAT for reflection
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       Firewall > Settings > Advanced: check "Automatic outbound NAT for Reflection", then Save
       Or by hand (OPNsense's documented best practice): Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
  8. OpenWrt: enable reflection on the port forward
     Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.
       uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
       uci set firewall.@redirect[<N>].reflection='1'
       uci set firewall.@redirect[<N>].reflection_src='internal'
       uci commit firewall
       /etc/init.d/firewall reload
  9. Let LAN-to-LAN traffic via the public address through the router's firewall
     Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.
       iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test
       iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT
       nft list ruleset | grep -n -E 'drop|reject'
       nft insert rule inet filter forward ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept   # use your own filter table and chain
       pfSense/OPNsense: add a LAN pass rule to the server and port; on any router, turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic
  10. Split-horizon DNS: resolve your name to the server's LAN address inside
     Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.
       # dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
       address=/<your-hostname>/192.168.77.10
       # Unbound: in the server: section of unbound.conf
       local-zone: "<your-hostname>." typetransparent
       local-data: "<your-hostname>. A 192.168.77.10"
       # BIND: a view for LAN clients with its own copy of the zone, listed before the external view
       view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
       # or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
  11. Publish an AAAA record for the server and reach it over IPv6
     IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.
       ip -6 addr show scope global   # on the server: its global IPv6 address
       DNS: <your-hostname>. AAAA <server-IPv6-address>
       Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
  12. Route the public address to the server and let the server own it
     Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.
       ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
       ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
       dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
       # inside, the public address then reaches only this server, not the router's own services
  13. Give the server its own network or its own public address
     In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.
       Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
       Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)

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
| TCP | timeout after N ms, to 203.0.113.7:8443 |
| Strangers | 0 other connections left unanswered |

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

### 1. Linux router with nftables: masquerade hairpinned connections

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 2. Linux router with iptables: masquerade hairpinned connections

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 3. MikroTik RouterOS: add the hairpin srcnat rule

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 4. OpenBSD pf (4.7 and later): nat-to for reflected connections

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 5. FreeBSD pf: nat on the inside interface

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 6. pfSense: automatic outbound NAT for reflection

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "Interface Address"
\`\`\`

### 7. OPNsense: automatic outbound NAT for reflection

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
Firewall > Settings > Advanced: check "Automatic outbound NAT for Reflection", then Save
Or by hand (OPNsense's documented best practice): Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 8. OpenWrt: enable reflection on the port forward

Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 9. Let LAN-to-LAN traffic via the public address through the router's firewall

Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.

\`\`\`sh
iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test
iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT
nft list ruleset | grep -n -E 'drop|reject'
nft insert rule inet filter forward ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept   # use your own filter table and chain
pfSense/OPNsense: add a LAN pass rule to the server and port; on any router, turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic
\`\`\`

### 10. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/<your-hostname>/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
\`\`\`

### 11. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

### 12. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

### 13. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "no-snat-or-filtered",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: the connection to 203.0.113.7:8443 from inside got no answer in N ms. Most likely the router rewrote the destination to this host but not the source, so the reply went straight back to the client instead of through the router and was dropped; or a firewall dropped the packet.",
    "warnings": [],
    "fixes": [
      {
        "id": "nftables-hairpin-masquerade",
        "title": "Linux router with nftables: masquerade hairpinned connections",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ]
      },
      {
        "id": "iptables-hairpin-masquerade",
        "title": "Linux router with iptables: masquerade hairpinned connections",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ]
      },
      {
        "id": "mikrotik-hairpin-srcnat",
        "title": "MikroTik RouterOS: add the hairpin srcnat rule",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ]
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
        ]
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
        ]
      },
      {
        "id": "pfsense-outbound-nat-reflection",
        "title": "pfSense: automatic outbound NAT for reflection",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"Interface Address\\""
        ]
      },
      {
        "id": "opnsense-outbound-nat-reflection",
        "title": "OPNsense: automatic outbound NAT for reflection",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Automatic outbound NAT for Reflection\\", then Save",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ]
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "Silence: the router rewrote the destination but not the source, so the server answered the client directly, bypassing the router.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ]
      },
      {
        "id": "forward-filter-check",
        "title": "Let LAN-to-LAN traffic via the public address through the router's firewall",
        "why": "Silence can also mean a firewall dropped the reflected packet: a forward filter, anti-spoofing or LAND-attack check.",
        "commands": [
          "iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test",
          "iptables -I FORWARD -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -m conntrack --ctstate DNAT -j ACCEPT",
          "nft list ruleset | grep -n -E 'drop|reject'",
          "nft insert rule inet filter forward ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat accept   # use your own filter table and chain",
          "pfSense/OPNsense: add a LAN pass rule to the server and port; on any router, turn off anti-spoofing or LAND-attack drops for LAN-to-LAN traffic"
        ]
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/<your-hostname>/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10"
        ]
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ]
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):",
          "dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ]
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ]
      }
    ]
  }
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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           ok after N ms, to 203.0.113.7:8443
  Listener saw  192.168.77.1 (the gateway)
  Strangers     0 other connections left unanswered

Improvements, most useful first
  1. SNAT hairpinned connections to the public address instead of masquerading
     Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.
       nft insert rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat snat to 203.0.113.7
       iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j SNAT --to-source 203.0.113.7
       /ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=src-nat to-addresses=203.0.113.7 place-before=0
       uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
       uci set firewall.@redirect[<N>].reflection='1'
       uci set firewall.@redirect[<N>].reflection_src='external'
       uci commit firewall
       /etc/init.d/firewall reload
  2. Split-horizon DNS: resolve your name to the server's LAN address inside
     Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.
       # dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
       address=/<your-hostname>/192.168.77.10
       # Unbound: in the server: section of unbound.conf
       local-zone: "<your-hostname>." typetransparent
       local-data: "<your-hostname>. A 192.168.77.10"
       # BIND: a view for LAN clients with its own copy of the zone, listed before the external view
       view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
       # or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10

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

### 1. SNAT hairpinned connections to the public address instead of masquerading

Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.

\`\`\`sh
nft insert rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat snat to 203.0.113.7
iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j SNAT --to-source 203.0.113.7
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=src-nat to-addresses=203.0.113.7 place-before=0
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='external'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 2. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/<your-hostname>/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
\`\`\`

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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
  "fault": null,
  "verdict": {
    "hairpin": true,
    "cause": "hairpin-ok-gateway-source",
    "protocol": "tcp",
    "summary": "Hairpin NAT works: 203.0.113.7:8443 reached this host from inside; the server sees the gateway's LAN address 192.168.77.1 (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.",
    "warnings": [],
    "fixes": [
      {
        "id": "snat-to-public",
        "title": "SNAT hairpinned connections to the public address instead of masquerading",
        "why": "Works, but the server sees the router's LAN address; RFC 4787 REQ-9a and RFC 5382 REQ-8 ask for the public address.",
        "commands": [
          "nft insert rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat snat to 203.0.113.7",
          "iptables -t nat -I POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j SNAT --to-source 203.0.113.7",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=src-nat to-addresses=203.0.113.7 place-before=0",
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='external'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ]
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients then connect directly, so logs, fail2ban and allow-lists see their real LAN addresses.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/<your-hostname>/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10"
        ]
      }
    ]
  }
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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
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
  2. Router setting: turn on NAT loopback (NAT reflection)
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
       No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
  3. OpenWrt: enable reflection on the port forward
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
       uci set firewall.@redirect[<N>].reflection='1'
       uci set firewall.@redirect[<N>].reflection_src='internal'
       uci commit firewall
       /etc/init.d/firewall reload
  4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
       Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
       "NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
  5. OPNsense: reflection for port forwards plus outbound NAT
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
       Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
       Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
       and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
  6. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       /ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
       /ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
  7. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       configure
       set port-forward hairpin-nat enable
       set port-forward lan-interface <LAN-interface>
       commit ; save
       # covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
  8. Linux router with nftables: DNAT the public address from inside too, and masquerade
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       nft add table ip nat
       nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
       nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
       nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
       nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
  9. Linux router with iptables: DNAT the public address from inside too, and masquerade
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
       iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
  10. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       # in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
       pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
       pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  11. FreeBSD pf: rdr on the inside interface plus nat
     Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.
       # in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
       rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
       no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
       nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  12. Split-horizon DNS: resolve your name to the server's LAN address inside
     Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.
       # dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
       address=/<your-hostname>/192.168.77.10
       # Unbound: in the server: section of unbound.conf
       local-zone: "<your-hostname>." typetransparent
       local-data: "<your-hostname>. A 192.168.77.10"
       # BIND: a view for LAN clients with its own copy of the zone, listed before the external view
       view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
       # or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
  13. Publish an AAAA record for the server and reach it over IPv6
     IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.
       ip -6 addr show scope global   # on the server: its global IPv6 address
       DNS: <your-hostname>. AAAA <server-IPv6-address>
       Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
  14. Route the public address to the server and let the server own it
     Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.
       ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
       ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
       dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
       # inside, the public address then reaches only this server, not the router's own services
  15. Give the server its own network or its own public address
     In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.
       Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
       Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)

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

### 2. Router setting: turn on NAT loopback (NAT reflection)

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

### 3. OpenWrt: enable reflection on the port forward

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
\`\`\`

### 5. OPNsense: reflection for port forwards plus outbound NAT

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 6. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 7. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
configure
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
\`\`\`

### 8. Linux router with nftables: DNAT the public address from inside too, and masquerade

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 9. Linux router with iptables: DNAT the public address from inside too, and masquerade

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 10. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 11. FreeBSD pf: rdr on the inside interface plus nat

Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 12. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/<your-hostname>/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
\`\`\`

### 13. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

### 14. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

### 15. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
        ]
      },
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ]
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ]
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set \\"NAT Reflection mode for port forwards\\" to \\"Pure NAT\\"",
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection \\"Use system default\\" and a Destination of \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's address"
        ]
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: reflection for port forwards plus outbound NAT",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for port forwards\\" (newer: \\"Reflection for Destination NAT\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ]
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ]
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "configure",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save",
          "# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > \\"Enable hairpin NAT\\"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not"
        ]
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ]
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Once the public IP is reachable, the router must reflect the forward: DNAT inside traffic to it and SNAT it back.",
        "commands": [
          "iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>",
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ]
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
        ]
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
        ]
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/<your-hostname>/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10"
        ]
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ]
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):",
          "dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ]
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ]
      }
    ]
  }
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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           wrong-service after N ms, to 203.0.113.7:8443
  Answered by   "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…"
  Strangers     0 other connections left unanswered

Fixes, most likely first
  1. Move the router's own service off port 8443
     Something other than your server answered, typically the router's own web UI, remote management or VPN on this port.
       Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7
       Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again
  2. Router setting: turn on NAT loopback (NAT reflection)
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
       No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
  3. OpenWrt: enable reflection on the port forward
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
       uci set firewall.@redirect[<N>].reflection='1'
       uci set firewall.@redirect[<N>].reflection_src='internal'
       uci commit firewall
       /etc/init.d/firewall reload
  4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
       Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
       "NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
  5. OPNsense: reflection for port forwards plus outbound NAT
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
       Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
       Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
       and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
  6. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       /ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
       /ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
  7. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       configure
       set port-forward hairpin-nat enable
       set port-forward lan-interface <LAN-interface>
       commit ; save
       # covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
  8. Linux router with nftables: DNAT the public address from inside too, and masquerade
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       nft add table ip nat
       nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
       nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
       nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
       nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
  9. Linux router with iptables: DNAT the public address from inside too, and masquerade
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
       iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
  10. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       # in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
       pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
       pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  11. FreeBSD pf: rdr on the inside interface plus nat
     With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.
       # in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
       rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
       no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
       nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  12. Split-horizon DNS: resolve your name to the server's LAN address inside
     Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.
       # dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
       address=/<your-hostname>/192.168.77.10
       # Unbound: in the server: section of unbound.conf
       local-zone: "<your-hostname>." typetransparent
       local-data: "<your-hostname>. A 192.168.77.10"
       # BIND: a view for LAN clients with its own copy of the zone, listed before the external view
       view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
       # or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
  13. Publish an AAAA record for the server and reach it over IPv6
     IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.
       ip -6 addr show scope global   # on the server: its global IPv6 address
       DNS: <your-hostname>. AAAA <server-IPv6-address>
       Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
  14. Route the public address to the server and let the server own it
     Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.
       ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
       ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
       dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
       # inside, the public address then reaches only this server, not the router's own services
  15. Give the server its own network or its own public address
     In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.
       Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
       Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)

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
| TCP | wrong-service after N ms, to 203.0.113.7:8443 |
| TCP: answered by | "HTTP/1.1 400 Bad Request Server: router-webui Content-Type: text/html Content-L…" |
| Strangers | 0 other connections left unanswered |

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

### 2. Router setting: turn on NAT loopback (NAT reflection)

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

### 3. OpenWrt: enable reflection on the port forward

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
\`\`\`

### 5. OPNsense: reflection for port forwards plus outbound NAT

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 6. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 7. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
\`\`\`

### 8. Linux router with nftables: DNAT the public address from inside too, and masquerade

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 9. Linux router with iptables: DNAT the public address from inside too, and masquerade

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 10. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 11. FreeBSD pf: rdr on the inside interface plus nat

With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 12. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/<your-hostname>/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
\`\`\`

### 13. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

### 14. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

### 15. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
        ]
      },
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ]
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ]
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set \\"NAT Reflection mode for port forwards\\" to \\"Pure NAT\\"",
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection \\"Use system default\\" and a Destination of \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's address"
        ]
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: reflection for port forwards plus outbound NAT",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for port forwards\\" (newer: \\"Reflection for Destination NAT\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ]
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ]
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save",
          "# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > \\"Enable hairpin NAT\\"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not"
        ]
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ]
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "With the port free, the router must still reflect the forward: DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>",
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ]
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
        ]
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
        ]
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/<your-hostname>/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10"
        ]
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ]
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):",
          "dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ]
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ]
      }
    ]
  }
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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           ok after N ms, to 203.0.113.7:8443
  Listener saw  203.0.113.7 (the public IP)
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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
  "fault": null,
  "verdict": {
    "hairpin": true,
    "cause": "hairpin-ok-public-source",
    "protocol": "tcp",
    "summary": "Hairpin NAT works: 203.0.113.7:8443 reached this host from inside, and the server sees the public address 203.0.113.7 as the source, as RFC 4787 REQ-9a and RFC 5382 REQ-8 ask.",
    "warnings": [],
    "fixes": []
  }
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
    · http://198.51.100.10/ip  203.0.113.7  N ms
    · http://198.51.100.11/json  203.0.113.7  N ms
  This host     192.168.77.10 on eth0, LAN 192.168.77.0/24
  Gateway       192.168.77.1
  TCP           refused (ECONNREFUSED) after N ms, to 203.0.113.7:8443
  Strangers     0 other connections left unanswered

Fixes, most likely first
  1. Router setting: turn on NAT loopback (NAT reflection)
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
       No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
  2. OpenWrt: enable reflection on the port forward
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
       uci set firewall.@redirect[<N>].reflection='1'
       uci set firewall.@redirect[<N>].reflection_src='internal'
       uci commit firewall
       /etc/init.d/firewall reload
  3. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
       System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
       Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
       "NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
  4. OPNsense: reflection for port forwards plus outbound NAT
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
       Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
       Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
       and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
  5. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       /ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
       /ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
  6. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       configure
       set port-forward hairpin-nat enable
       set port-forward lan-interface <LAN-interface>
       commit ; save
       # covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
  7. Linux router with nftables: DNAT the public address from inside too, and masquerade
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       nft add table ip nat
       nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
       nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
       nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
       nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
  8. Linux router with iptables: DNAT the public address from inside too, and masquerade
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
       iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
  9. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       # in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
       pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
       pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  10. FreeBSD pf: rdr on the inside interface plus nat
     Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.
       # in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
       rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
       no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
       nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
       pfctl -f /etc/pf.conf
       sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
  11. Split-horizon DNS: resolve your name to the server's LAN address inside
     Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.
       # dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
       address=/<your-hostname>/192.168.77.10
       # Unbound: in the server: section of unbound.conf
       local-zone: "<your-hostname>." typetransparent
       local-data: "<your-hostname>. A 192.168.77.10"
       # BIND: a view for LAN clients with its own copy of the zone, listed before the external view
       view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
       # or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
  12. Publish an AAAA record for the server and reach it over IPv6
     IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.
       ip -6 addr show scope global   # on the server: its global IPv6 address
       DNS: <your-hostname>. AAAA <server-IPv6-address>
       Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
  13. Route the public address to the server and let the server own it
     Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.
       ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
       ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
       dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
       # inside, the public address then reaches only this server, not the router's own services
  14. Give the server its own network or its own public address
     In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.
       Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
       Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)

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

### 2. OpenWrt: enable reflection on the port forward

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 3. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
\`\`\`

### 4. OPNsense: reflection for port forwards plus outbound NAT

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 5. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 6. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
\`\`\`

### 7. Linux router with nftables: DNAT the public address from inside too, and masquerade

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 8. Linux router with iptables: DNAT the public address from inside too, and masquerade

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 9. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 10. FreeBSD pf: rdr on the inside interface plus nat

Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 11. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/<your-hostname>/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "<your-hostname>." typetransparent
local-data: "<your-hostname>. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10
\`\`\`

### 12. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: <your-hostname>. AAAA <server-IPv6-address>
Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)
\`\`\`

### 13. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

### 14. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

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
        "ms": N
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": N
      }
    ],
    "onThisHost": false
  },
  "client": {
    "address": "192.168.77.10",
    "gateway": "192.168.77.1",
    "lanPrefix": "192.168.77.0/24",
    "interface": "eth0"
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
        ]
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ]
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set \\"NAT Reflection mode for port forwards\\" to \\"Pure NAT\\"",
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection \\"Use system default\\" and a Destination of \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's address"
        ]
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: reflection for port forwards plus outbound NAT",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for port forwards\\" (newer: \\"Reflection for Destination NAT\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ]
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ]
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save",
          "# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > \\"Enable hairpin NAT\\"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not"
        ]
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ]
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>",
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ]
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
        ]
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
        ]
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/<your-hostname>/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"<your-hostname>.\\" typetransparent",
          "local-data: \\"<your-hostname>. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: <your-hostname> = 192.168.77.10"
        ]
      },
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: <your-hostname>. AAAA <server-IPv6-address>",
          "Router IPv6 firewall: allow TCP 8443 in to <server-IPv6-address> (no NAT, no port forward)"
        ]
      },
      {
        "id": "host-route-public-ip",
        "title": "Route the public address to the server and let the server own it",
        "why": "Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.",
        "commands": [
          "ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10",
          "ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):",
          "dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1",
          "# inside, the public address then reaches only this server, not the router's own services"
        ]
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ]
      }
    ]
  }
}
\`\`\`

</details>

`
