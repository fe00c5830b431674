/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/render/markdown.test.ts > TAP > snapshots > a failing hairpin, with fixes, commands and the path > must match snapshot 1`] = `
# ✘ Hairpin NAT does not work: connection refused, the forward is not reflected

Hairpin NAT does not work: 203.0.113.7:8443 refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port 8443.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, 5 ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, 6 ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | refused (ECONNREFUSED) after 3 ms, to 203.0.113.7:8443 |
| TCP: arrived at | 192.168.77.10 |
| Strangers | 1 other connection left unanswered |

## Path

\`\`\`
client 192.168.77.10 --SYN--> 203.0.113.7:8443 (router)
  router: refused
\`\`\`

## Diagnosis

Cause: \`no-reflection\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Warnings

- 1 other connection or datagram reached the listener during the test and was left unanswered: port 8443 is reachable by others (the internet or the LAN).

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

- OS: linux 6.1.0 x64
- Node: v20.20.2
- Tool: hairpin-check 0.0.0-test, report schema 1
- Run: started 2026-11-26T00:00:00.000Z, took 42 ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "0.0.0-test"
  },
  "port": 8443,
  "startedAt": "2026-11-26T00:00:00.000Z",
  "durationMs": 42,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "ms": 5
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": 6
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
    "serverAddress": "192.168.77.10",
    "ms": 3,
    "strangers": 1,
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
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "no-reflection",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: 203.0.113.7:8443 refused the connection from inside. The router applies the port forward only to traffic arriving from the internet, and nothing on the router itself listens on port 8443.",
    "warnings": [
      "1 other connection or datagram reached the listener during the test and was left unanswered: port 8443 is reachable by others (the internet or the LAN)."
    ],
    "fixes": [
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": null
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
        ],
        "source": null
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
        ],
        "source": null
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
        ],
        "source": null
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ],
        "source": null
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
        ],
        "source": null
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
        ],
        "source": null
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "Refused: the router applies the forward only to traffic from the WAN; it must also DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>",
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ],
        "source": null
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
        "source": null
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
        "source": null
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
        ],
        "source": null
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
        "source": null
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
        ],
        "source": null
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": null
      }
    ]
  }
}
\`\`\`

</details>

`

exports[`test/render/markdown.test.ts > TAP > snapshots > a peer with UDP, DNS, IPv6, the gateway and an outside check > must match snapshot 1`] = `
# ✘ Hairpin NAT does not work: the server answers directly (DNAT without SNAT)

Hairpin NAT does not work: the answer to a datagram sent to 203.0.113.7:8443 came back from 192.168.77.10, not from 203.0.113.7. The router rewrote the destination but not the source, so the server (which saw 192.168.77.20) answered the client directly; clients drop such answers, and TCP connections never complete. That is also why the TCP connection got no answer in 2000 ms.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode peer |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, 5 ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, 6 ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | hairpin-check serve on the server (--peer) |
| TCP | timeout after 2000 ms, to 203.0.113.7:8443 |
| UDP | direct-reply after 4 ms and 3 tries, answer from 192.168.77.10 |
| UDP: listener saw | 192.168.77.20 (neither this host, the gateway nor the public IP) |
| UDP: arrived at | 192.168.77.10 |
| Strangers | 1 other connection left unanswered |
| DNS name | app.example.org → 203.0.113.7; points to the public IP: inside clients hairpin |
| IPv6 | 2001:db8:77::10, echo services see 2001:db8:77::10; \\[2001:db8:77::10\\]:8443 ok after 1 ms |
| NAT-PMP | external address 203.0.113.7 |
| PCP | version 2 |
| UPnP | Lab Networks HairpinLab 1, Connected, external 203.0.113.7 |
| UPnP mapping | port 8443 → 192.168.77.10:8443 "web" |
| From outside | reachable via http://198.51.100.10/port/8443; our listener saw it |

## Diagnosis

Cause: \`dnat-without-snat\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Warnings

- 1 other connection or datagram reached the listener during the test and was left unanswered: port 8443 is reachable by others (the internet or the LAN).
- IPv6 needs no NAT: \\[2001:db8:77::10\\]:8443 reached the listener directly. Clients that prefer IPv6 (RFC 8305) never hairpin, so an AAAA record for the name is often the simplest fix.

## Fixes, most likely first

### 1. Publish an AAAA record for the server and reach it over IPv6

IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.

\`\`\`sh
ip -6 addr show scope global   # on the server: its global IPv6 address
DNS: app.example.org. AAAA 2001:db8:77::10
Router IPv6 firewall: allow TCP 8443 in to 2001:db8:77::10 (no NAT, no port forward)
\`\`\`

### 2. Linux router with nftables: masquerade hairpinned connections

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 3. Linux router with iptables: masquerade hairpinned connections

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 4. MikroTik RouterOS: add the hairpin srcnat rule

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 5. OpenBSD pf (4.7 and later): nat-to for reflected connections

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 6. FreeBSD pf: nat on the inside interface

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:
no nat on $int_if proto tcp from $int_if to 192.168.77.0/24
nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 7. pfSense: automatic outbound NAT for reflection

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "Interface Address"
\`\`\`

### 8. OPNsense: automatic outbound NAT for reflection

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
Firewall > Settings > Advanced: check "Automatic outbound NAT for Reflection", then Save
Or by hand (OPNsense's documented best practice): Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 9. OpenWrt: enable reflection on the port forward

The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 10. Split-horizon DNS: resolve your name to the server's LAN address inside

Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.

\`\`\`sh
# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it
address=/app.example.org/192.168.77.10
# Unbound: in the server: section of unbound.conf
local-zone: "app.example.org." typetransparent
local-data: "app.example.org. A 192.168.77.10"
# BIND: a view for LAN clients with its own copy of the zone, listed before the external view
view "internal" { match-clients { 192.168.77.0/24; localhost; }; zone "<your-zone>" { type master; file "db.<your-zone>.internal"; }; };
# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: app.example.org = 192.168.77.10
\`\`\`

### 11. Route the public address to the server and let the server own it

Clients send traffic for the public address straight to the server, which holds it as a /32: no router NAT involved.

\`\`\`sh
ip addr add 203.0.113.7/32 dev lo   # on the server 192.168.77.10
ip route add 203.0.113.7/32 via 192.168.77.10   # on each Linux client, or by DHCP (dnsmasq):
dhcp-option=option:classless-static-route,203.0.113.7/32,192.168.77.10,0.0.0.0/0,192.168.77.1
# inside, the public address then reaches only this server, not the router's own services
\`\`\`

### 12. Give the server its own network or its own public address

In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.

\`\`\`sh
Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT
Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's "DMZ host" setting is not this)
\`\`\`

## Environment

- OS: linux 6.1.0 x64
- Node: v20.20.2
- Tool: hairpin-check 0.0.0-test, report schema 1
- Run: started 2026-11-26T00:00:00.000Z, took 42 ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "0.0.0-test"
  },
  "port": 8443,
  "startedAt": "2026-11-26T00:00:00.000Z",
  "durationMs": 42,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "ms": 5
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": 6
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
  "mode": "peer",
  "listener": {
    "bind": "0.0.0.0"
  },
  "tcp": {
    "outcome": "timeout",
    "observedPeer": null,
    "peerKind": null,
    "serverAddress": null,
    "ms": 2000,
    "strangers": 0,
    "error": null,
    "answer": null
  },
  "udp": {
    "outcome": "direct-reply",
    "observedPeer": "192.168.77.20",
    "peerKind": "other",
    "serverAddress": "192.168.77.10",
    "replyFrom": "192.168.77.10",
    "ms": 4,
    "attempts": 3,
    "strangers": 1,
    "error": null,
    "answer": null
  },
  "dns": {
    "name": "app.example.org",
    "addresses": [
      "203.0.113.7"
    ],
    "pointsTo": "public-ip",
    "error": null,
    "direct": null
  },
  "ipv6": {
    "address": "2001:db8:77::10",
    "publicAddress": "2001:db8:77::10",
    "sources": [],
    "target": "2001:db8:77::10",
    "outcome": "ok",
    "observedPeer": null,
    "ms": 1,
    "error": null
  },
  "target": null,
  "gateway": {
    "address": "192.168.77.1",
    "natpmp": {
      "resultCode": 0,
      "externalIp": "203.0.113.7",
      "epoch": 5,
      "error": null,
      "ms": 2
    },
    "pcp": {
      "present": true,
      "version": 2,
      "resultCode": 0,
      "error": null,
      "ms": 2
    },
    "upnp": {
      "found": true,
      "location": "http://192.168.77.1:5000/rootDesc.xml",
      "manufacturer": "Lab Networks",
      "model": "HairpinLab 1",
      "friendlyName": "Lab Router",
      "serviceType": "urn:schemas-upnp-org:service:WANIPConnection:1",
      "connectionStatus": "Connected",
      "externalIp": "203.0.113.7",
      "mapping": {
        "internalClient": "192.168.77.10",
        "internalPort": 8443,
        "enabled": true,
        "description": "web",
        "leaseDuration": 0
      },
      "error": null,
      "ms": 9
    },
    "webui": null,
    "vendor": null
  },
  "external": {
    "reachable": true,
    "via": "http://198.51.100.10/port/8443",
    "ip": "203.0.113.7",
    "error": null,
    "ms": 40,
    "seenByListener": true
  },
  "hostFirewall": null,
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "dnat-without-snat",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: the answer to a datagram sent to 203.0.113.7:8443 came back from 192.168.77.10, not from 203.0.113.7. The router rewrote the destination but not the source, so the server (which saw 192.168.77.20) answered the client directly; clients drop such answers, and TCP connections never complete. That is also why the TCP connection got no answer in 2000 ms.",
    "warnings": [
      "1 other connection or datagram reached the listener during the test and was left unanswered: port 8443 is reachable by others (the internet or the LAN).",
      "IPv6 needs no NAT: [2001:db8:77::10]:8443 reached the listener directly. Clients that prefer IPv6 (RFC 8305) never hairpin, so an AAAA record for the name is often the simplest fix."
    ],
    "fixes": [
      {
        "id": "ipv6-aaaa-record",
        "title": "Publish an AAAA record for the server and reach it over IPv6",
        "why": "IPv6 needs no NAT: clients that prefer it (RFC 8305) connect straight to the server and never hairpin.",
        "commands": [
          "ip -6 addr show scope global   # on the server: its global IPv6 address",
          "DNS: app.example.org. AAAA 2001:db8:77::10",
          "Router IPv6 firewall: allow TCP 8443 in to 2001:db8:77::10 (no NAT, no port forward)"
        ],
        "source": null
      },
      {
        "id": "nftables-hairpin-masquerade",
        "title": "Linux router with nftables: masquerade hairpinned connections",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ],
        "source": null
      },
      {
        "id": "iptables-hairpin-masquerade",
        "title": "Linux router with iptables: masquerade hairpinned connections",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ],
        "source": null
      },
      {
        "id": "mikrotik-hairpin-srcnat",
        "title": "MikroTik RouterOS: add the hairpin srcnat rule",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ],
        "source": null
      },
      {
        "id": "openbsd-pf-hairpin-nat",
        "title": "OpenBSD pf (4.7 and later): nat-to for reflected connections",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": null
      },
      {
        "id": "freebsd-pf-hairpin-nat",
        "title": "FreeBSD pf: nat on the inside interface",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": null
      },
      {
        "id": "pfsense-outbound-nat-reflection",
        "title": "pfSense: automatic outbound NAT for reflection",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Or by hand: Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"Interface Address\\""
        ],
        "source": null
      },
      {
        "id": "opnsense-outbound-nat-reflection",
        "title": "OPNsense: automatic outbound NAT for reflection",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Automatic outbound NAT for Reflection\\", then Save",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ],
        "source": null
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "The server received the hairpinned packet from the client's own address and answered it directly: the router must SNAT hairpinned traffic so the answer goes back through it.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": null
      },
      {
        "id": "split-horizon-dns",
        "title": "Split-horizon DNS: resolve your name to the server's LAN address inside",
        "why": "Inside clients get the server's LAN address and never need the hairpin, whatever the router can do.",
        "commands": [
          "# dnsmasq (Pi-hole too): in /etc/dnsmasq.d/hairpin.conf, then restart it",
          "address=/app.example.org/192.168.77.10",
          "# Unbound: in the server: section of unbound.conf",
          "local-zone: \\"app.example.org.\\" typetransparent",
          "local-data: \\"app.example.org. A 192.168.77.10\\"",
          "# BIND: a view for LAN clients with its own copy of the zone, listed before the external view",
          "view \\"internal\\" { match-clients { 192.168.77.0/24; localhost; }; zone \\"<your-zone>\\" { type master; file \\"db.<your-zone>.internal\\"; }; };",
          "# or in a UI: Pi-hole Local DNS > DNS Records; pfSense/OPNsense Services > DNS Resolver > Host Overrides; OpenWrt Network > DHCP and DNS > Hostnames: app.example.org = 192.168.77.10"
        ],
        "source": null
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
        ],
        "source": null
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": null
      }
    ]
  }
}
\`\`\`

</details>

`

exports[`test/render/markdown.test.ts > TAP > snapshots > a target comparison > must match snapshot 1`] = `
# ✘ Hairpin NAT does not work: another service answers on the public IP

Hairpin NAT does not work: 203.0.113.7:8443 from inside is answered by HTTP 400, Server: router, not by the server 192.168.77.10:8443 (TLS certificate CN=app.lab (SHA-256 AB:CD:EF:01:…)): typically the router itself.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode target |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, 5 ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, 6 ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | none |
| Target: via public IP | HTTP 400, Server: router |
| Target: server 192.168.77.10 | TLS certificate CN=app.lab (SHA-256 AB:CD:EF:01:…) |
| Target: same service | no |

## Diagnosis

Cause: \`target-different\` (about TCP). Hairpin NAT on the public IP: does not work. Exit code 1.

## Fixes, most likely first

### 1. Move the router's own service off port 8443

Something other than your server answers on the public IP from inside, typically the router itself on this port.

\`\`\`sh
Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7
Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again
\`\`\`

### 2. Router setting: turn on NAT loopback (NAT reflection)

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on "NAT loopback", "NAT reflection" or "hairpin NAT"
No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below
\`\`\`

### 3. OpenWrt: enable reflection on the port forward

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
uci show firewall | grep "dest_ip='192.168.77.10'"   # names the forward: firewall.@redirect[N]
uci set firewall.@redirect[<N>].reflection='1'
uci set firewall.@redirect[<N>].reflection_src='internal'
uci commit firewall
/etc/init.d/firewall reload
\`\`\`

### 4. pfSense: NAT reflection (Pure NAT) with automatic outbound NAT

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set "NAT Reflection mode for port forwards" to "Pure NAT"
System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check "Enable automatic outbound NAT for Reflection", then Save
Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection "Use system default" and a Destination of "WAN address", not "any"
"NAT + Proxy" mode also works, for TCP only; the server then sees the firewall's address
\`\`\`

### 5. OPNsense: reflection for port forwards plus outbound NAT

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
Firewall > Settings > Advanced: check "Reflection for port forwards" (newer: "Reflection for Destination NAT") and "Automatic outbound NAT for Reflection", then Save
Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)
Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443
and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation "LAN address"
\`\`\`

### 6. MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN
/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade
\`\`\`

### 7. Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
configure
set port-forward hairpin-nat enable
set port-forward lan-interface <LAN-interface>
commit ; save
# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > "Enable hairpin NAT"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not
\`\`\`

### 8. Linux router with nftables: DNAT the public address from inside too, and masquerade

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
nft add table ip nat
nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'
nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'
nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10
nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade
\`\`\`

### 9. Linux router with iptables: DNAT the public address from inside too, and masquerade

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>
iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE
\`\`\`

### 10. OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

\`\`\`sh
# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:
pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10
pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if
pfctl -f /etc/pf.conf
sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct
\`\`\`

### 11. FreeBSD pf: rdr on the inside interface plus nat

The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.

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

- OS: linux 6.1.0 x64
- Node: v20.20.2
- Tool: hairpin-check 0.0.0-test, report schema 1
- Run: started 2026-11-26T00:00:00.000Z, took 42 ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "0.0.0-test"
  },
  "port": 8443,
  "startedAt": "2026-11-26T00:00:00.000Z",
  "durationMs": 42,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "ms": 5
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": 6
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
  "mode": "target",
  "listener": null,
  "tcp": null,
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": {
    "address": "192.168.77.10",
    "reason": "flag",
    "viaPublicIp": {
      "outcome": "ok",
      "kind": "http",
      "banner": null,
      "tls": null,
      "http": {
        "status": 400,
        "server": "router",
        "title": null
      },
      "error": null,
      "ms": 5,
      "description": "HTTP 400, Server: router"
    },
    "direct": {
      "outcome": "ok",
      "kind": "tls",
      "banner": null,
      "tls": null,
      "http": null,
      "error": null,
      "ms": 5,
      "description": "TLS certificate CN=app.lab (SHA-256 AB:CD:EF:01:…)"
    },
    "same": false
  },
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "fault": null,
  "verdict": {
    "hairpin": false,
    "cause": "target-different",
    "protocol": "tcp",
    "summary": "Hairpin NAT does not work: 203.0.113.7:8443 from inside is answered by HTTP 400, Server: router, not by the server 192.168.77.10:8443 (TLS certificate CN=app.lab (SHA-256 AB:CD:EF:01:…)): typically the router itself.",
    "warnings": [],
    "fixes": [
      {
        "id": "router-service-port",
        "title": "Move the router's own service off port 8443",
        "why": "Something other than your server answers on the public IP from inside, typically the router itself on this port.",
        "commands": [
          "Open http://192.168.77.1/ and move the router's web UI, remote management or VPN off TCP port 8443, or stop it listening on the WAN address 203.0.113.7",
          "Then check the port forward for TCP 8443 to 192.168.77.10 and run hairpin-check again"
        ],
        "source": null
      },
      {
        "id": "nat-loopback-setting",
        "title": "Router setting: turn on NAT loopback (NAT reflection)",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Open the router's admin page (http://192.168.77.1/), find the port forward for TCP 8443 to 192.168.77.10 and turn on \\"NAT loopback\\", \\"NAT reflection\\" or \\"hairpin NAT\\"",
          "No such setting? Update the firmware (some vendors added it later); some routers cannot do it at all: use split-horizon DNS below"
        ],
        "source": null
      },
      {
        "id": "openwrt-reflection",
        "title": "OpenWrt: enable reflection on the port forward",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "uci show firewall | grep \\"dest_ip='192.168.77.10'\\"   # names the forward: firewall.@redirect[N]",
          "uci set firewall.@redirect[<N>].reflection='1'",
          "uci set firewall.@redirect[<N>].reflection_src='internal'",
          "uci commit firewall",
          "/etc/init.d/firewall reload"
        ],
        "source": null
      },
      {
        "id": "pfsense-nat-reflection",
        "title": "pfSense: NAT reflection (Pure NAT) with automatic outbound NAT",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): set \\"NAT Reflection mode for port forwards\\" to \\"Pure NAT\\"",
          "System > Advanced > Firewall & NAT (Firewall/NAT on older versions): check \\"Enable automatic outbound NAT for Reflection\\", then Save",
          "Firewall > NAT > Port Forward: the rule for TCP 8443 to 192.168.77.10 needs NAT reflection \\"Use system default\\" and a Destination of \\"WAN address\\", not \\"any\\"",
          "\\"NAT + Proxy\\" mode also works, for TCP only; the server then sees the firewall's address"
        ],
        "source": null
      },
      {
        "id": "opnsense-nat-reflection",
        "title": "OPNsense: reflection for port forwards plus outbound NAT",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "Firewall > Settings > Advanced: check \\"Reflection for port forwards\\" (newer: \\"Reflection for Destination NAT\\") and \\"Automatic outbound NAT for Reflection\\", then Save",
          "Firewall > Rules > LAN: pass TCP from LAN net to 192.168.77.10 port 8443 (automatic reflection creates no filter rule)",
          "Or by hand (OPNsense's documented best practice): Firewall > NAT > Port Forward on interfaces WAN and LAN, TCP, destination 203.0.113.7 port 8443, redirect target 192.168.77.10 port 8443",
          "and Firewall > NAT > Outbound in Hybrid mode, rule on interface LAN, TCP, source 192.168.77.0/24, destination 192.168.77.10 port 8443, translation \\"LAN address\\""
        ],
        "source": null
      },
      {
        "id": "mikrotik-hairpin-nat",
        "title": "MikroTik RouterOS: dst-nat on the public address plus a hairpin srcnat",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "/ip firewall nat add chain=dstnat dst-address=203.0.113.7 protocol=tcp dst-port=8443 action=dst-nat to-addresses=192.168.77.10 to-ports=8443   # instead of a dst-nat that matches in-interface=WAN",
          "/ip firewall nat add chain=srcnat src-address=192.168.77.0/24 dst-address=192.168.77.10 protocol=tcp dst-port=8443 action=masquerade"
        ],
        "source": null
      },
      {
        "id": "edgerouter-hairpin-nat",
        "title": "Ubiquiti EdgeRouter / UniFi: hairpin NAT on port forwards",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "configure",
          "set port-forward hairpin-nat enable",
          "set port-forward lan-interface <LAN-interface>",
          "commit ; save",
          "# covers forwards made under port-forward (GUI: Firewall/NAT > Port Forwarding > \\"Enable hairpin NAT\\"); UniFi gateways add hairpin NAT to their port forwards themselves, so update the firmware if yours does not"
        ],
        "source": null
      },
      {
        "id": "nftables-reflection",
        "title": "Linux router with nftables: DNAT the public address from inside too, and masquerade",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "nft add table ip nat",
          "nft 'add chain ip nat nat_pre { type nat hook prerouting priority -100; }'",
          "nft 'add chain ip nat nat_post { type nat hook postrouting priority 100; }'",
          "nft add rule ip nat nat_pre ip daddr 203.0.113.7 tcp dport 8443 dnat to 192.168.77.10",
          "nft add rule ip nat nat_post ip saddr 192.168.77.0/24 ip daddr 192.168.77.10 tcp dport 8443 ct status dnat masquerade"
        ],
        "source": null
      },
      {
        "id": "iptables-reflection",
        "title": "Linux router with iptables: DNAT the public address from inside too, and masquerade",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "iptables -t nat -A PREROUTING -d 203.0.113.7 -p tcp --dport 8443 -j DNAT --to-destination 192.168.77.10   # in place of a DNAT that matches only -i <WAN-interface>",
          "iptables -t nat -A POSTROUTING -s 192.168.77.0/24 -d 192.168.77.10 -p tcp --dport 8443 -j MASQUERADE"
        ],
        "source": null
      },
      {
        "id": "openbsd-pf-reflection",
        "title": "OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf with the pass rules, with int_if set to the LAN interface:",
          "pass in on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 rdr-to 192.168.77.10",
          "pass out on $int_if proto tcp to 192.168.77.10 port 8443 received-on $int_if nat-to $int_if",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": null
      },
      {
        "id": "freebsd-pf-reflection",
        "title": "FreeBSD pf: rdr on the inside interface plus nat",
        "why": "The forward is not applied to inside traffic: the router must DNAT inside traffic to the public IP and SNAT it back.",
        "commands": [
          "# in /etc/pf.conf among the nat/rdr rules (they come before filter rules), with int_if set to the LAN interface:",
          "rdr on $int_if proto tcp from 192.168.77.0/24 to 203.0.113.7 port 8443 -> 192.168.77.10",
          "no nat on $int_if proto tcp from $int_if to 192.168.77.0/24",
          "nat on $int_if proto tcp from 192.168.77.0/24 to 192.168.77.10 port 8443 -> ($int_if)",
          "pfctl -f /etc/pf.conf",
          "sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct"
        ],
        "source": null
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
        ],
        "source": null
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
        "source": null
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
        ],
        "source": null
      },
      {
        "id": "dmz-or-second-address",
        "title": "Give the server its own network or its own public address",
        "why": "In its own network or on its own public address, the server is reached by routing instead of a hairpin back into the LAN.",
        "commands": [
          "Move 192.168.77.10 to its own router interface or VLAN (a DMZ network): inside clients are then routed to it and the forward needs no SNAT",
          "Or route a second public IPv4 address to the server itself, so no port forward is shared (a consumer router's \\"DMZ host\\" setting is not this)"
        ],
        "source": null
      }
    ]
  }
}
\`\`\`

</details>

`

exports[`test/render/markdown.test.ts > TAP > snapshots > a working hairpin > must match snapshot 1`] = `
# ✔ Hairpin NAT works: the server sees the gateway's address

Hairpin NAT works: 203.0.113.7:8443 reached this host from inside; the server sees the gateway's LAN address 192.168.77.1 (reflection with masquerade), so logs and IP allow-lists see every inside client as the gateway.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | 203.0.113.7 (2 of 2 echo services agree) |
| Echo service | http://198.51.100.10/ip → 203.0.113.7, 5 ms |
| Echo service | http://198.51.100.11/json → 203.0.113.7, 6 ms |
| Public IP on this host | no |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| TCP | ok after 3 ms, to 203.0.113.7:8443 |
| TCP: listener saw | 192.168.77.1 (the gateway) |
| TCP: arrived at | 192.168.77.10 |
| Strangers | 0 other connections left unanswered |

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

- OS: linux 6.1.0 x64
- Node: v20.20.2
- Tool: hairpin-check 0.0.0-test, report schema 1
- Run: started 2026-11-26T00:00:00.000Z, took 42 ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "0.0.0-test"
  },
  "port": 8443,
  "startedAt": "2026-11-26T00:00:00.000Z",
  "durationMs": 42,
  "publicIp": {
    "address": "203.0.113.7",
    "via": "echo",
    "sources": [
      {
        "url": "http://198.51.100.10/ip",
        "address": "203.0.113.7",
        "error": null,
        "ms": 5
      },
      {
        "url": "http://198.51.100.11/json",
        "address": "203.0.113.7",
        "error": null,
        "ms": 6
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
    "ms": 3,
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
        ],
        "source": null
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
        ],
        "source": null
      }
    ]
  }
}
\`\`\`

</details>

`

exports[`test/render/markdown.test.ts > TAP > snapshots > no verdict > must match snapshot 1`] = `
# ? No verdict: the public IP could not be learned

No verdict: no echo service answered; pass --public-ip ADDR.

## Observations

| Check | Result |
|---|---|
| Port | 8443, mode listen |
| Public IP | unknown (0 of 1 echo services agree) |
| Echo service | https://a.example/ip → failed: HTTP 500 |
| This host | 192.168.77.10 on eth0, LAN 192.168.77.0/24 |
| Gateway | 192.168.77.1 |
| Listener | this host, bound to 0.0.0.0 |
| Fault | no-public-ip: no echo service answered; pass --public-ip ADDR |

## Diagnosis

Cause: \`no-public-ip\`. Hairpin NAT on the public IP: not decided. Exit code 2.

## Environment

- OS: linux 6.1.0 x64
- Node: v20.20.2
- Tool: hairpin-check 0.0.0-test, report schema 1
- Run: started 2026-11-26T00:00:00.000Z, took 42 ms

<details><summary>Raw report (JSON)</summary>

\`\`\`json
{
  "schemaVersion": 1,
  "tool": {
    "name": "hairpin-check",
    "version": "0.0.0-test"
  },
  "port": 8443,
  "startedAt": "2026-11-26T00:00:00.000Z",
  "durationMs": 42,
  "publicIp": {
    "address": null,
    "via": "echo",
    "sources": [
      {
        "url": "https://a.example/ip",
        "address": null,
        "error": "HTTP 500",
        "ms": null
      }
    ],
    "onThisHost": null
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
  "tcp": null,
  "udp": null,
  "dns": null,
  "ipv6": null,
  "target": null,
  "gateway": null,
  "external": null,
  "hostFirewall": null,
  "fault": {
    "kind": "no-public-ip",
    "code": null,
    "message": "no echo service answered; pass --public-ip ADDR"
  },
  "verdict": {
    "hairpin": null,
    "cause": "no-public-ip",
    "protocol": null,
    "summary": "No verdict: no echo service answered; pass --public-ip ADDR.",
    "warnings": [],
    "fixes": []
  }
}
\`\`\`

</details>

`
