// Fixes for hand-written rulesets: nftables, iptables, pf on OpenBSD and FreeBSD, and a Docker host's published ports.

import type { Builder, Values } from './values.js'

// nftables: nft(8) (https://manned.org/nft.8): chains on one hook run in ascending priority; the names
// dstnat (-100) and srcnat (100) take arithmetic, so `dstnat - 1` is -101. The kernel's NAT core
// (net/netfilter/nf_nat_core.c, nf_nat_inet_fn) runs the NAT chains of all tables on a hook in that
// order until one sets up a translation, and an accept does not stop the later ones: a table of our own
// whose chains sit one below the standard priorities translates hairpinned connections before fw4,
// firewalld, Docker or iptables' own `nat` table (all at -100/100) can masquerade or DNAT them. The table
// is never `ip nat`: iptables-nft owns that one, and nft rules loaded into it make `iptables -t nat -S`
// call the table incompatible. `fwd` and `post` are reserved words, hence hairpin_pre / hairpin_post.
// Every line was loaded in a scratch network namespace (nftables 1.0.6), and the reflection fix applied
// to a router with its own DNAT on the WAN (iptables-nft, or an nft table of its own) made the hairpin work.
const NFT_TABLE = 'ip hairpin_check'
const NFT_DOC = 'https://manned.org/nft.8'
const nftTable = `nft add table ${NFT_TABLE}`
const nftPre = `nft 'add chain ${NFT_TABLE} hairpin_pre { type nat hook prerouting priority dstnat - 1; }'`
const nftPost = `nft 'add chain ${NFT_TABLE} hairpin_post { type nat hook postrouting priority srcnat - 1; }'`
const nftDnat = (v: Values): string =>
  `nft add rule ${NFT_TABLE} hairpin_pre ip saddr ${v.lan} ip daddr ${v.pub} ${v.proto} dport ${v.port} dnat to ${v.server}`
const nftHairpin = (v: Values, verb: 'add' | 'insert', action: string): string =>
  `nft ${verb} rule ${NFT_TABLE} hairpin_post ip saddr ${v.lan} ip daddr ${v.server} ${v.proto} dport ${v.port} ct status dnat ${action}`
const NFT_KEEP = `# undo: nft delete table ${NFT_TABLE}; keep across reboots: nft list table ${NFT_TABLE} >> /etc/nftables.conf`
// An accept in a table of our own cannot override a drop in the router's forward chain (each base chain decides).
const nftForward = (v: Values): string =>
  `nft insert rule <family> <table> <forward-chain> ip saddr ${v.lan} ip daddr ${v.server} ${v.proto} dport ${v.port} ct status dnat accept`

// iptables: iptables(8) and iptables-extensions(8) (https://ipset.netfilter.org/iptables-extensions.man.html):
// DNAT only in PREROUTING/OUTPUT, SNAT and MASQUERADE in POSTROUTING, conntrack --ctstate DNAT. Rules in
// one chain are first-match for DNAT, SNAT, MASQUERADE and ACCEPT, so every rule is inserted (-I, at the
// top) rather than appended: an appended hairpin rule would sit behind the router's own catch-all rules
// (a RETURN, a broad MASQUERADE, Docker's `-m addrtype --dst-type LOCAL -j DOCKER`) and never match. The
// rules are narrow (source, destination and port), so at the top they take no other traffic.
const IPT_DOC = 'https://ipset.netfilter.org/iptables-extensions.man.html'
const iptDnat = (v: Values): string =>
  `iptables -t nat -I PREROUTING -s ${v.lan} -d ${v.pub} -p ${v.proto} --dport ${v.port} -j DNAT --to-destination ${v.server}`
const iptHairpin = (v: Values, target: string): string =>
  `iptables -t nat -I POSTROUTING -s ${v.lan} -d ${v.server} -p ${v.proto} --dport ${v.port} -m conntrack --ctstate DNAT -j ${target}`
const iptForward = (v: Values): string =>
  `iptables -I FORWARD -s ${v.lan} -d ${v.server} -p ${v.proto} --dport ${v.port} -m conntrack --ctstate DNAT -j ACCEPT`
const IPT_KEEP = "# -I puts each rule first, before the router's own; undo: the same lines with -D; keep (iptables-persistent): iptables-save > /etc/iptables/rules.v4"

// pf: https://www.openbsd.org/faq/pf/rdr.html#reflect — OpenBSD ≥ 4.7 writes rdr-to/nat-to on pass rules; the
// FAQ's older rdr/nat/no nat form is the syntax FreeBSD's pf still uses (pf.conf(5) on FreeBSD).
const OBSD_DOC = 'https://www.openbsd.org/faq/pf/rdr.html#reflect'
const FBSD_DOC = 'https://man.freebsd.org/cgi/man.cgi?query=pf.conf&sektion=5'
const pfWhere = (among: string): string => `# in /etc/pf.conf ${among}, with int_if set to the LAN interface:`
const OBSD_WHERE = pfWhere('with the pass rules')
const FBSD_WHERE = pfWhere('among the nat/rdr rules (they come before filter rules)')
const pfReload = ['pfctl -f /etc/pf.conf', 'sysctl net.inet.ip.redirect=0   # no ICMP redirects telling clients to go direct']
const obsdRdr = (v: Values): string =>
  `pass in on $int_if proto ${v.proto} from ${v.lan} to ${v.pub} port ${v.port} rdr-to ${v.server}`
const obsdNat = (v: Values): string =>
  `pass out on $int_if proto ${v.proto} to ${v.server} port ${v.port} received-on $int_if nat-to $int_if`
const fbsdRdr = (v: Values): string => `rdr on $int_if proto ${v.proto} from ${v.lan} to ${v.pub} port ${v.port} -> ${v.server}`
const fbsdNat = (v: Values): string[] => [
  `no nat on $int_if proto ${v.proto} from $int_if to ${v.lan}`,
  `nat on $int_if proto ${v.proto} from ${v.lan} to ${v.server} port ${v.port} -> ($int_if)`,
]

// Docker: https://docs.docker.com/engine/network/port-publishing/ and moby's bridge driver
// (daemon/libnetwork/drivers/bridge): `userland-proxy` defaults to true; then the DNAT for a published port
// skips traffic from the bridge itself and docker-proxy relays it (the server sees the bridge's gateway
// address); with it false Docker DNATs and masquerades in the kernel and turns on hairpin mode.
const DOCKER_DOC = 'https://docs.docker.com/engine/network/port-publishing/'
const DOCKER_PROXY_OFF = '# in /etc/docker/daemon.json, merged with its other keys: { "userland-proxy": false }'

/** Fixes for rulesets written by hand, and for a Docker host. */
export const RULESETS = {
  'nftables-reflection': (v) => ({
    title: 'Linux router with nftables: DNAT the public address from inside too, and masquerade, in a table of its own',
    source: NFT_DOC,
    commands: [
      nftTable,
      nftPre,
      nftPost,
      nftDnat(v),
      nftHairpin(v, 'add', 'masquerade'),
      `# if the router's forward chain drops by default, accept this there too: ${nftForward(v)}`,
      NFT_KEEP,
    ],
  }),
  'iptables-reflection': (v) => ({
    title: 'Linux router with iptables: DNAT the public address from inside too, and masquerade',
    source: IPT_DOC,
    commands: [iptDnat(v), iptHairpin(v, 'MASQUERADE'), `${iptForward(v)}   # only matters when FORWARD drops`, IPT_KEEP],
  }),
  // Inserted: a chain created by the reflection fix may already hold its masquerade, which would match first.
  'nftables-snat-to-public': (v) => ({
    title: 'Linux router with nftables: SNAT hairpinned connections to the public address, before any masquerade',
    source: NFT_DOC,
    commands: [nftTable, nftPost, nftHairpin(v, 'insert', `snat to ${v.pub}`), NFT_KEEP],
  }),
  'iptables-snat-to-public': (v) => ({
    title: 'Linux router with iptables: SNAT hairpinned connections to the public address, before any masquerade',
    source: IPT_DOC,
    commands: [iptHairpin(v, `SNAT --to-source ${v.pub}`), IPT_KEEP],
  }),
  'nftables-forward-accept': (v) => ({
    title: "Linux router with nftables: accept hairpinned connections in the router's own forward chain",
    source: NFT_DOC,
    commands: [
      "nft list ruleset | grep -n -E 'hook forward|drop|reject'   # the forward chain: its family, table and name",
      nftForward(v),
    ],
  }),
  'iptables-forward-accept': (v) => ({
    title: 'Linux router with iptables: accept hairpinned connections in FORWARD',
    source: IPT_DOC,
    commands: ['iptables -L FORWARD -v -n --line-numbers   # DROP/REJECT counters that rise while you test', iptForward(v)],
  }),
  'openbsd-pf-reflection': (v) => ({
    title: 'OpenBSD pf (4.7 and later): rdr-to on the inside interface plus nat-to',
    source: OBSD_DOC,
    commands: [OBSD_WHERE, obsdRdr(v), obsdNat(v), ...pfReload],
  }),
  'freebsd-pf-reflection': (v) => ({
    title: 'FreeBSD pf: rdr on the inside interface plus nat',
    source: FBSD_DOC,
    commands: [FBSD_WHERE, fbsdRdr(v), ...fbsdNat(v), ...pfReload],
  }),
  'openbsd-pf-hairpin-nat': (v) => ({
    title: 'OpenBSD pf (4.7 and later): nat-to for reflected connections',
    source: OBSD_DOC,
    commands: [OBSD_WHERE, obsdNat(v), ...pfReload],
  }),
  'freebsd-pf-hairpin-nat': (v) => ({
    title: 'FreeBSD pf: nat on the inside interface',
    source: FBSD_DOC,
    commands: [FBSD_WHERE, ...fbsdNat(v), ...pfReload],
  }),
  'docker-published-port': (v) => ({
    title: `Server in a Docker container: publish ${v.PROTO} port ${v.port} on the host`,
    source: DOCKER_DOC,
    commands: [
      `docker ps --format '{{.Names}}: {{.Ports}}'   # the server's container should list 0.0.0.0:${v.port}->${v.port}/${v.proto}`,
      `docker run -d -p ${v.port}:${v.port}/${v.proto} <image>   # or in compose: ports: ["${v.port}:${v.port}/${v.proto}"]`,
      `sudo iptables -t nat -S DOCKER   # Docker's DNAT for ${v.proto} dport ${v.port} (nftables backend: sudo nft list ruleset)`,
    ],
  }),
  'docker-userland-proxy': (v) => ({
    title: 'Docker host: DNAT and masquerade in the kernel instead of docker-proxy',
    source: DOCKER_DOC,
    commands: [
      `# containers reaching ${v.pub}:${v.port} or the host's own address go through docker-proxy, so the server sees the bridge's gateway address`,
      DOCKER_PROXY_OFF,
      'sudo systemctl restart docker',
      'sysctl net.ipv4.conf.docker0.route_localnet   # 1 once the proxy is off: Docker routes and masquerades hairpinned traffic itself',
    ],
  }),
} satisfies Record<string, Builder>
