/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  192.168.77.1
  gateway  100.64.7.2    --SYN-----> ISP NAT  203.0.113.7
  ISP NAT  203.0.113.7   ..no DNAT.> listener 192.168.77.10 [x] not reached
  [x] 203.0.113.7 belongs to your ISP's carrier-grade NAT (the gateway's WAN address is 100.64.7.2): no setting on your
      router can forward or reflect it. TCP: timeout after 3000 ms.
`

exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN----->
      gateway 192.168.77.1
  gateway  100.64.7.2    --SYN----->
      ISP NAT 203.0.113.7
  ISP NAT  203.0.113.7   ..no DNAT.>
      listener 192.168.77.10
        [x] not reached
  [x] 203.0.113.7 belongs to your ISP's
      carrier-grade NAT (the gateway's
      WAN address is 100.64.7.2): no
      setting on your router can forward
      or reflect it. TCP: timeout after
      3000 ms.
`

exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  192.168.77.1
  gateway  100.64.7.2    --SYN-----> ISP NAT  203.0.113.7
  ISP NAT  203.0.113.7   ..no DNAT.> listener 192.168.77.10 [x] not reached
  [x] 203.0.113.7 belongs to your ISP's carrier-grade NAT (the gateway's WAN
      address is 100.64.7.2): no setting on your router can forward or reflect
      it. TCP: timeout after 3000 ms.
`

exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  192.168.77.1
  gateway  100.64.7.2    ──SYN─────▶ ISP NAT  203.0.113.7
  ISP NAT  203.0.113.7   ╌╌no DNAT╌▷ listener 192.168.77.10 ✘ not reached
  ✘ 203.0.113.7 belongs to your ISP's carrier-grade NAT (the gateway's WAN address is 100.64.7.2): no setting on your
    router can forward or reflect it. TCP: timeout after 3000 ms.
`

exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶
      gateway 192.168.77.1
  gateway  100.64.7.2    ──SYN─────▶
      ISP NAT 203.0.113.7
  ISP NAT  203.0.113.7   ╌╌no DNAT╌▷
      listener 192.168.77.10
        ✘ not reached
  ✘ 203.0.113.7 belongs to your ISP's
    carrier-grade NAT (the gateway's WAN
    address is 100.64.7.2): no setting
    on your router can forward or
    reflect it. TCP: timeout after
    3000 ms.
`

exports[`test/render/path.test.ts > TAP > CGNAT in front of the gateway > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  192.168.77.1
  gateway  100.64.7.2    ──SYN─────▶ ISP NAT  203.0.113.7
  ISP NAT  203.0.113.7   ╌╌no DNAT╌▷ listener 192.168.77.10 ✘ not reached
  ✘ 203.0.113.7 belongs to your ISP's carrier-grade NAT (the gateway's WAN
    address is 100.64.7.2): no setting on your router can forward or reflect it.
    TCP: timeout after 3000 ms.
`

exports[`test/render/path.test.ts > TAP > colour > refused, colour level 1 1`] = `
[1mTCP to 203.0.113.7:8443[22m
  [2mclient  [22m 192.168.77.10 [2m──SYN─────▶[22m [2mgateway [22m 203.0.113.7
  [2mgateway [22m 192.168.77.1  [2m╌╌no DNAT╌▷[22m [2mlistener[22m 192.168.77.10 [2mnot reached[22m
  [2mgateway [22m 203.0.113.7   [31m──RST─────▶[39m [2mclient  [22m 192.168.77.10 [31m✘[39m refused
  [31m✘[39m The gateway refused: it applies the forward only to traffic from the
    internet, and nothing on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > ascii 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.20 from 192.168.77.10
  listener 192.168.77.20 --SYN-ACK---> client   192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reply goes straight from the server to the client, never back through the
      gateway, and the client drops it; or a firewall dropped the packet.

UDP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --datagram--> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.20 saw 192.168.77.10
  listener 192.168.77.20 --reply-----> client   192.168.77.10 [x] dropped
  [x] The reply came from 192.168.77.20, not from 203.0.113.7: it went straight to the client, never back through the
      gateway, and clients drop it.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > ascii 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT only->
      listener 192.168.77.20
        from 192.168.77.10
  listener 192.168.77.20 --SYN-ACK--->
      client 192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely
      the reply goes straight from the
      server to the client, never back
      through the gateway, and the
      client drops it; or a firewall
      dropped the packet.

UDP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 --datagram-->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT only->
      listener 192.168.77.20
        saw 192.168.77.10
  listener 192.168.77.20 --reply----->
      client 192.168.77.10 [x] dropped
  [x] The reply came from 192.168.77.20,
      not from 203.0.113.7: it went
      straight to the client, never back
      through the gateway, and clients
      drop it.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > ascii 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.20 from 192.168.77.10
  listener 192.168.77.20 --SYN-ACK---> client   192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reply goes straight from the server
      to the client, never back through the gateway, and the client drops it; or
      a firewall dropped the packet.

UDP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --datagram--> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.20 saw 192.168.77.10
  listener 192.168.77.20 --reply-----> client   192.168.77.10 [x] dropped
  [x] The reply came from 192.168.77.20, not from 203.0.113.7: it went straight
      to the client, never back through the gateway, and clients drop it.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > unicode 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.20 from 192.168.77.10
  listener 192.168.77.20 ──SYN-ACK───▶ client   192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reply goes straight from the server to the client, never back through the
    gateway, and the client drops it; or a firewall dropped the packet.

UDP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──datagram──▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.20 saw 192.168.77.10
  listener 192.168.77.20 ──reply─────▶ client   192.168.77.10 ✘ dropped
  ✘ The reply came from 192.168.77.20, not from 203.0.113.7: it went straight to the client, never back through the
    gateway, and clients drop it.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > unicode 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶
      listener 192.168.77.20
        from 192.168.77.10
  listener 192.168.77.20 ──SYN-ACK───▶
      client 192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely
    the reply goes straight from the
    server to the client, never back
    through the gateway, and the client
    drops it; or a firewall dropped the
    packet.

UDP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 ──datagram──▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶
      listener 192.168.77.20
        saw 192.168.77.10
  listener 192.168.77.20 ──reply─────▶
      client 192.168.77.10 ✘ dropped
  ✘ The reply came from 192.168.77.20,
    not from 203.0.113.7: it went
    straight to the client, never back
    through the gateway, and clients
    drop it.
`

exports[`test/render/path.test.ts > TAP > DNAT without SNAT (UDP answer from the server), peer > unicode 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.20 from 192.168.77.10
  listener 192.168.77.20 ──SYN-ACK───▶ client   192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reply goes straight from the server to
    the client, never back through the gateway, and the client drops it; or a
    firewall dropped the packet.

UDP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──datagram──▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.20 saw 192.168.77.10
  listener 192.168.77.20 ──reply─────▶ client   192.168.77.10 ✘ dropped
  ✘ The reply came from 192.168.77.20, not from 203.0.113.7: it went straight to
    the client, never back through the gateway, and clients drop it.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > ascii 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 --SYN-------> gateway   192.168.77.1
  gateway   unknown       --SYN-------> outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ..no DNAT...> listener  192.168.77.10 [x] not reached
  [x] Another NAT in front of the gateway holds 203.0.113.7 (the gateway reports no usable WAN address): a forward on
      your router alone never receives this traffic. TCP: refused after 3 ms.

UDP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 --datagram--> gateway   203.0.113.7
  gateway   192.168.77.1  --DNAT+SNAT-> listener  192.168.77.10 saw 192.168.77.1
  listener  192.168.77.10 --reply-----> gateway   192.168.77.1
  gateway   203.0.113.7   --reply-----> client    192.168.77.10 [ok]
  [ok] The reply goes back through the gateway and arrives from 203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > ascii 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client    192.168.77.10 --SYN------->
      gateway 192.168.77.1
  gateway   unknown       --SYN------->
      outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ..no DNAT...>
      listener 192.168.77.10
        [x] not reached
  [x] Another NAT in front of the
      gateway holds 203.0.113.7 (the
      gateway reports no usable WAN
      address): a forward on your router
      alone never receives this traffic.
      TCP: refused after 3 ms.

UDP to 203.0.113.7:8443,
  listener on another host
  client    192.168.77.10 --datagram-->
      gateway 203.0.113.7
  gateway   192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 192.168.77.1
  listener  192.168.77.10 --reply----->
      gateway 192.168.77.1
  gateway   203.0.113.7   --reply----->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway and arrives from
       203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > ascii 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 --SYN-------> gateway   192.168.77.1
  gateway   unknown       --SYN-------> outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ..no DNAT...> listener  192.168.77.10 [x] not reached
  [x] Another NAT in front of the gateway holds 203.0.113.7 (the gateway reports
      no usable WAN address): a forward on your router alone never receives this
      traffic. TCP: refused after 3 ms.

UDP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 --datagram--> gateway   203.0.113.7
  gateway   192.168.77.1  --DNAT+SNAT-> listener  192.168.77.10 saw 192.168.77.1
  listener  192.168.77.10 --reply-----> gateway   192.168.77.1
  gateway   203.0.113.7   --reply-----> client    192.168.77.10 [ok]
  [ok] The reply goes back through the gateway and arrives from 203.0.113.7:
       answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > unicode 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 ──SYN───────▶ gateway   192.168.77.1
  gateway   unknown       ──SYN───────▶ outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ╌╌no DNAT╌╌╌▷ listener  192.168.77.10 ✘ not reached
  ✘ Another NAT in front of the gateway holds 203.0.113.7 (the gateway reports no usable WAN address): a forward on your
    router alone never receives this traffic. TCP: refused after 3 ms.

UDP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 ──datagram──▶ gateway   203.0.113.7
  gateway   192.168.77.1  ──DNAT+SNAT─▶ listener  192.168.77.10 saw 192.168.77.1
  listener  192.168.77.10 ──reply─────▶ gateway   192.168.77.1
  gateway   203.0.113.7   ──reply─────▶ client    192.168.77.10 ✔
  ✔ The reply goes back through the gateway and arrives from 203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > unicode 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client    192.168.77.10 ──SYN───────▶
      gateway 192.168.77.1
  gateway   unknown       ──SYN───────▶
      outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ╌╌no DNAT╌╌╌▷
      listener 192.168.77.10
        ✘ not reached
  ✘ Another NAT in front of the gateway
    holds 203.0.113.7 (the gateway
    reports no usable WAN address): a
    forward on your router alone never
    receives this traffic. TCP: refused
    after 3 ms.

UDP to 203.0.113.7:8443,
  listener on another host
  client    192.168.77.10 ──datagram──▶
      gateway 203.0.113.7
  gateway   192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 192.168.77.1
  listener  192.168.77.10 ──reply─────▶
      gateway 192.168.77.1
  gateway   203.0.113.7   ──reply─────▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway and arrives from
    203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > double NAT, the gateway has no usable WAN address > unicode 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 ──SYN───────▶ gateway   192.168.77.1
  gateway   unknown       ──SYN───────▶ outer NAT 203.0.113.7
  outer NAT 203.0.113.7   ╌╌no DNAT╌╌╌▷ listener  192.168.77.10 ✘ not reached
  ✘ Another NAT in front of the gateway holds 203.0.113.7 (the gateway reports
    no usable WAN address): a forward on your router alone never receives this
    traffic. TCP: refused after 3 ms.

UDP to 203.0.113.7:8443, listener on another host
  client    192.168.77.10 ──datagram──▶ gateway   203.0.113.7
  gateway   192.168.77.1  ──DNAT+SNAT─▶ listener  192.168.77.10 saw 192.168.77.1
  listener  192.168.77.10 ──reply─────▶ gateway   192.168.77.1
  gateway   203.0.113.7   ──reply─────▶ client    192.168.77.10 ✔
  ✔ The reply goes back through the gateway and arrives from 203.0.113.7:
    answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST-----> client   192.168.77.10 [x] refused
  [x] The gateway refused: it applies the forward only to traffic from the internet, and nothing on the gateway listens
      on port 8443.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN----->
      gateway 203.0.113.7
  gateway  192.168.77.1  ..no DNAT.>
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST----->
      client 192.168.77.10 [x] refused
  [x] The gateway refused: it applies
      the forward only to traffic from
      the internet, and nothing on the
      gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST-----> client   192.168.77.10 [x] refused
  [x] The gateway refused: it applies the forward only to traffic from the
      internet, and nothing on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶ client   192.168.77.10 ✘ refused
  ✘ The gateway refused: it applies the forward only to traffic from the internet, and nothing on the gateway listens on
    port 8443.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶
      client 192.168.77.10 ✘ refused
  ✘ The gateway refused: it applies the
    forward only to traffic from the
    internet, and nothing on the gateway
    listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > no reflection: refused > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶ client   192.168.77.10 ✘ refused
  ✘ The gateway refused: it applies the forward only to traffic from the
    internet, and nothing on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > ascii 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener unknown       from 192.168.77.10
  listener unknown       --SYN-ACK---> client   192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reply goes straight from the server to the client, never back through the
      gateway, and the client drops it; or a firewall dropped the packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > ascii 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT only->
      listener unknown
        from 192.168.77.10
  listener unknown       --SYN-ACK--->
      client 192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely
      the reply goes straight from the
      server to the client, never back
      through the gateway, and the
      client drops it; or a firewall
      dropped the packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > ascii 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener unknown       from 192.168.77.10
  listener unknown       --SYN-ACK---> client   192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reply goes straight from the server
      to the client, never back through the gateway, and the client drops it; or
      a firewall dropped the packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > unicode 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener unknown       from 192.168.77.10
  listener unknown       ──SYN-ACK───▶ client   192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reply goes straight from the server to the client, never back through the
    gateway, and the client drops it; or a firewall dropped the packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > unicode 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶
      listener unknown
        from 192.168.77.10
  listener unknown       ──SYN-ACK───▶
      client 192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely
    the reply goes straight from the
    server to the client, never back
    through the gateway, and the client
    drops it; or a firewall dropped the
    packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, peer > unicode 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener unknown       from 192.168.77.10
  listener unknown       ──SYN-ACK───▶ client   192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reply goes straight from the server to
    the client, never back through the gateway, and the client drops it; or a
    firewall dropped the packet.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reflected packet arrives with this host's own address as its source and is
      dropped (a "martian"); or a firewall dropped it.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT only->
      listener 192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely
      the reflected packet arrives with
      this host's own address as its
      source and is dropped (a
      "martian"); or a firewall dropped
      it.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.10 [x] dropped
  [x] No answer in 3000 ms. Most likely the reflected packet arrives with this
      host's own address as its source and is dropped (a "martian"); or a
      firewall dropped it.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reflected packet arrives with this host's own address as its source and is
    dropped (a "martian"); or a firewall dropped it.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶
      listener 192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely
    the reflected packet arrives with
    this host's own address as its
    source and is dropped (a "martian");
    or a firewall dropped it.
`

exports[`test/render/path.test.ts > TAP > no SNAT or filtered, same host > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.10 ✘ dropped
  ✘ No answer in 3000 ms. Most likely the reflected packet arrives with this
    host's own address as its source and is dropped (a "martian"); or a firewall
    dropped it.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 --SYN-> listener 203.0.113.7 [ok] no NAT
  [ok] No NAT in between: this host holds 203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 --SYN->
      listener 203.0.113.7 [ok] no NAT
  [ok] No NAT in between: this host
       holds 203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 --SYN-> listener 203.0.113.7 [ok] no NAT
  [ok] No NAT in between: this host holds 203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 ──SYN─▶ listener 203.0.113.7 ✔ no NAT
  ✔ No NAT in between: this host holds 203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 ──SYN─▶
      listener 203.0.113.7 ✔ no NAT
  ✔ No NAT in between: this host holds
    203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   203.0.113.7 ──SYN─▶ listener 203.0.113.7 ✔ no NAT
  ✔ No NAT in between: this host holds 203.0.113.7 itself.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-> listener 203.0.113.7   [x] timeout
  [x] No NAT in between, yet TCP got "timeout": a firewall on this host may block port 8443.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN->
      listener 203.0.113.7 [x] timeout
  [x] No NAT in between, yet TCP got
      "timeout": a firewall on this host
      may block port 8443.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-> listener 203.0.113.7   [x] timeout
  [x] No NAT in between, yet TCP got "timeout": a firewall on this host may
      block port 8443.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─▶ listener 203.0.113.7   ✘ timeout
  ✘ No NAT in between, yet TCP got "timeout": a firewall on this host may block port 8443.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─▶
      listener 203.0.113.7 ✘ timeout
  ✘ No NAT in between, yet TCP got
    "timeout": a firewall on this host
    may block port 8443.
`

exports[`test/render/path.test.ts > TAP > not behind NAT, blocked > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─▶ listener 203.0.113.7   ✘ timeout
  ✘ No NAT in between, yet TCP got "timeout": a firewall on this host may block
    port 8443.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > ascii 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.20 saw 192.168.77.1
  listener 192.168.77.20 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > ascii 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.20
        saw 192.168.77.1
  listener 192.168.77.20 --SYN-ACK--->
      gateway 192.168.77.1
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > ascii 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.20 saw 192.168.77.1
  listener 192.168.77.20 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > unicode 120 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.20 saw 192.168.77.1
  listener 192.168.77.20 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > unicode 40 1`] = `
TCP to 203.0.113.7:8443,
  listener on another host
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.20
        saw 192.168.77.1
  listener 192.168.77.20 ──SYN-ACK───▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > peer mode, works > unicode 80 1`] = `
TCP to 203.0.113.7:8443, listener on another host
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.20 saw 192.168.77.1
  listener 192.168.77.20 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST-----> client   192.168.77.10 [x] reset
  [x] The router's own service accepted the connection and reset it: the forward is not applied to traffic from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN----->
      gateway 203.0.113.7
  gateway  192.168.77.1  ..no DNAT.>
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST----->
      client 192.168.77.10 [x] reset
  [x] The router's own service accepted
      the connection and reset it: the
      forward is not applied to traffic
      from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --RST-----> client   192.168.77.10 [x] reset
  [x] The router's own service accepted the connection and reset it: the forward
      is not applied to traffic from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶ client   192.168.77.10 ✘ reset
  ✘ The router's own service accepted the connection and reset it: the forward is not applied to traffic from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶
      client 192.168.77.10 ✘ reset
  ✘ The router's own service accepted
    the connection and reset it: the
    forward is not applied to traffic
    from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: reset > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──RST─────▶ client   192.168.77.10 ✘ reset
  ✘ The router's own service accepted the connection and reset it: the forward
    is not applied to traffic from inside.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer--> client   192.168.77.10 [x] not ours
  [x] The router's own service answered instead of the listener, and closed without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN----->
      gateway 203.0.113.7
  gateway  192.168.77.1  ..no DNAT.>
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer-->
      client 192.168.77.10 [x] not ours
  [x] The router's own service answered
      instead of the listener, and
      closed without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer--> client   192.168.77.10 [x] not ours
  [x] The router's own service answered instead of the listener, and closed
      without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶ client   192.168.77.10 ✘ not ours
  ✘ The router's own service answered instead of the listener, and closed without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶
      client 192.168.77.10 ✘ not ours
  ✘ The router's own service answered
    instead of the listener, and closed
    without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: silent close > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶ client   192.168.77.10 ✘ not ours
  ✘ The router's own service answered instead of the listener, and closed
    without a word.
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer--> client   192.168.77.10 [x] not ours
  [x] The router's own service answered instead of the listener: "HTTP/1.1 400 Bad Request Server: router".
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN----->
      gateway 203.0.113.7
  gateway  192.168.77.1  ..no DNAT.>
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer-->
      client 192.168.77.10 [x] not ours
  [x] The router's own service answered
      instead of the listener: "HTTP/1.1
      400 Bad Request Server: router".
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-----> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT.> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --answer--> client   192.168.77.10 [x] not ours
  [x] The router's own service answered instead of the listener: "HTTP/1.1 400
      Bad Request Server: router".
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶ client   192.168.77.10 ✘ not ours
  ✘ The router's own service answered instead of the listener: "HTTP/1.1 400 Bad Request Server: router".
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶
      client 192.168.77.10 ✘ not ours
  ✘ The router's own service answered
    instead of the listener: "HTTP/1.1
    400 Bad Request Server: router".
`

exports[`test/render/path.test.ts > TAP > router answered: the router's own service > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN─────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──answer──▶ client   192.168.77.10 ✘ not ours
  ✘ The router's own service answered instead of the listener: "HTTP/1.1 400 Bad
    Request Server: router".
`

exports[`test/render/path.test.ts > TAP > target mode, different service > ascii 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7   [x] answered itself
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [x] The public IP reaches a different service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, different service > ascii 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect->
      gateway 203.0.113.7
        [x] answered itself
  gateway 192.168.77.1  ..no DNAT.>
      server 192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect->
      server 192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [x] The public IP reaches a different
      service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, different service > ascii 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7   [x] answered itself
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [x] The public IP reaches a different service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, different service > unicode 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7   ✘ answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✘ The public IP reaches a different service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, different service > unicode 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶
      gateway 203.0.113.7
        ✘ answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷
      server 192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶
      server 192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✘ The public IP reaches a different
    service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, different service > unicode 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7   ✘ answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  Answered: HTTP 400, Server: router

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✘ The public IP reaches a different service than the server.
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > ascii 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  gateway 203.0.113.7   --RST-----> client  192.168.77.10 [x] refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > ascii 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect->
      gateway 203.0.113.7
  gateway 192.168.77.1  ..no DNAT.>
      server 192.168.77.20 not reached
  gateway 203.0.113.7   --RST----->
      client 192.168.77.10 [x] refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect->
      server 192.168.77.20 [ok] answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > ascii 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  gateway 203.0.113.7   --RST-----> client  192.168.77.10 [x] refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > unicode 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  gateway 203.0.113.7   ──RST─────▶ client  192.168.77.10 ✘ refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > unicode 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶
      gateway 203.0.113.7
  gateway 192.168.77.1  ╌╌no DNAT╌▷
      server 192.168.77.20 not reached
  gateway 203.0.113.7   ──RST─────▶
      client 192.168.77.10 ✘ refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶
      server 192.168.77.20 ✔ answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, refused on the public IP > unicode 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  gateway 203.0.113.7   ──RST─────▶ client  192.168.77.10 ✘ refused
  Answered: refused

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: SSH-2.0-OpenSSH_9.6
`

exports[`test/render/path.test.ts > TAP > target mode, same service > ascii 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7
  gateway 192.168.77.1  --DNAT----> server  192.168.77.20 [ok] same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [ok] Both paths reach the same service.
`

exports[`test/render/path.test.ts > TAP > target mode, same service > ascii 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect->
      gateway 203.0.113.7
  gateway 192.168.77.1  --DNAT---->
      server 192.168.77.20
        [ok] same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect->
      server 192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [ok] Both paths reach the same
       service.
`

exports[`test/render/path.test.ts > TAP > target mode, same service > ascii 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7
  gateway 192.168.77.1  --DNAT----> server  192.168.77.20 [ok] same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [ok] answered
  Answered: TLS certificate CN=app.lab
  [ok] Both paths reach the same service.
`

exports[`test/render/path.test.ts > TAP > target mode, same service > unicode 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7
  gateway 192.168.77.1  ──DNAT────▶ server  192.168.77.20 ✔ same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✔ Both paths reach the same service.
`

exports[`test/render/path.test.ts > TAP > target mode, same service > unicode 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶
      gateway 203.0.113.7
  gateway 192.168.77.1  ──DNAT────▶
      server 192.168.77.20
        ✔ same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶
      server 192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✔ Both paths reach the same service.
`

exports[`test/render/path.test.ts > TAP > target mode, same service > unicode 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7
  gateway 192.168.77.1  ──DNAT────▶ server  192.168.77.20 ✔ same service
  Answered: TLS certificate CN=app.lab

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✔ answered
  Answered: TLS certificate CN=app.lab
  ✔ Both paths reach the same service.
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > ascii 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7   answered itself
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [x] timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > ascii 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect->
      gateway 203.0.113.7
        answered itself
  gateway 192.168.77.1  ..no DNAT.>
      server 192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect->
      server 192.168.77.20 [x] timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > ascii 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 --connect-> gateway 203.0.113.7   answered itself
  gateway 192.168.77.1  ..no DNAT.> server  192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 --connect-> server  192.168.77.20 [x] timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > unicode 120 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7   answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✘ timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > unicode 40 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶
      gateway 203.0.113.7
        answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷
      server 192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶
      server 192.168.77.20 ✘ timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > target mode, the server does not answer > unicode 80 1`] = `
Via the public IP 203.0.113.7:8443
  client  192.168.77.10 ──connect─▶ gateway 203.0.113.7   answered itself
  gateway 192.168.77.1  ╌╌no DNAT╌▷ server  192.168.77.20 not reached
  Answered: HTTP 200

Direct to the server 192.168.77.20:8443
  client  192.168.77.10 ──connect─▶ server  192.168.77.20 ✘ timeout
  Answered: no answer
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > ascii 120 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram-> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT..> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --ICMP-----> client   192.168.77.10 [x] refused
  [x] The gateway refused (ICMP port unreachable): it applies the forward only to traffic from the internet, and nothing
      on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > ascii 40 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram->
      gateway 203.0.113.7
  gateway  192.168.77.1  ..no DNAT..>
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   --ICMP----->
      client 192.168.77.10 [x] refused
  [x] The gateway refused (ICMP port
      unreachable): it applies the
      forward only to traffic from the
      internet, and nothing on the
      gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > ascii 80 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram-> gateway  203.0.113.7
  gateway  192.168.77.1  ..no DNAT..> listener 192.168.77.10 not reached
  gateway  203.0.113.7   --ICMP-----> client   192.168.77.10 [x] refused
  [x] The gateway refused (ICMP port unreachable): it applies the forward only
      to traffic from the internet, and nothing on the gateway listens on
      port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > unicode 120 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram─▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──ICMP─────▶ client   192.168.77.10 ✘ refused
  ✘ The gateway refused (ICMP port unreachable): it applies the forward only to traffic from the internet, and nothing
    on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > unicode 40 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram─▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌╌▷
      listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──ICMP─────▶
      client 192.168.77.10 ✘ refused
  ✘ The gateway refused (ICMP port
    unreachable): it applies the forward
    only to traffic from the internet,
    and nothing on the gateway listens
    on port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP refused (ICMP port unreachable) > unicode 80 1`] = `
UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram─▶ gateway  203.0.113.7
  gateway  192.168.77.1  ╌╌no DNAT╌╌▷ listener 192.168.77.10 not reached
  gateway  203.0.113.7   ──ICMP─────▶ client   192.168.77.10 ✘ refused
  ✘ The gateway refused (ICMP port unreachable): it applies the forward only to
    traffic from the internet, and nothing on the gateway listens on port 8443.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram--> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --reply-----> gateway  192.168.77.1
  gateway  203.0.113.7   --reply-----> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway and arrives from 203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK--->
      gateway 192.168.77.1
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram-->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 --reply----->
      gateway 192.168.77.1
  gateway  203.0.113.7   --reply----->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway and arrives from
       203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 --datagram--> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --reply-----> gateway  192.168.77.1
  gateway  203.0.113.7   --reply-----> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway and arrives from 203.0.113.7:
       answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram──▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──reply─────▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──reply─────▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway and arrives from 203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram──▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 ──reply─────▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──reply─────▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway and arrives from
    203.0.113.7: answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP too, both work > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.

UDP to 203.0.113.7:8443
  client   192.168.77.10 ──datagram──▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──reply─────▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──reply─────▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway and arrives from 203.0.113.7:
    answered in 4 ms.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > ascii 120 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 --datagram-> gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP-----> client  192.168.77.10 [x] unreachable
  [x] The network answered "unreachable": the router or a firewall rejects traffic from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > ascii 40 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 --datagram->
      gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP----->
      client 192.168.77.10
        [x] unreachable
  [x] The network answered
      "unreachable": the router or a
      firewall rejects traffic from
      inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > ascii 80 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 --datagram-> gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP-----> client  192.168.77.10 [x] unreachable
  [x] The network answered "unreachable": the router or a firewall rejects
      traffic from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > unicode 120 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 ──datagram─▶ gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─────▶ client  192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable": the router or a firewall rejects traffic from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > unicode 40 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 ──datagram─▶
      gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─────▶
      client 192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable":
    the router or a firewall rejects
    traffic from inside to the public
    IP.
`

exports[`test/render/path.test.ts > TAP > UDP unreachable, no error code > unicode 80 1`] = `
UDP to 203.0.113.7:8443
  client  192.168.77.10 ──datagram─▶ gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─────▶ client  192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable": the router or a firewall rejects traffic
    from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 --SYN--> gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP-> client  192.168.77.10 [x] unreachable
  [x] The network answered "unreachable" (EHOSTUNREACH): the router or a firewall rejects traffic from inside to the
      public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 --SYN-->
      gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP->
      client 192.168.77.10
        [x] unreachable
  [x] The network answered "unreachable"
      (EHOSTUNREACH): the router or a
      firewall rejects traffic from
      inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 --SYN--> gateway 203.0.113.7
  gateway 203.0.113.7   --ICMP-> client  192.168.77.10 [x] unreachable
  [x] The network answered "unreachable" (EHOSTUNREACH): the router or a
      firewall rejects traffic from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 ──SYN──▶ gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─▶ client  192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable" (EHOSTUNREACH): the router or a firewall rejects traffic from inside to the
    public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 ──SYN──▶
      gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─▶
      client 192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable"
    (EHOSTUNREACH): the router or a
    firewall rejects traffic from inside
    to the public IP.
`

exports[`test/render/path.test.ts > TAP > unreachable > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client  192.168.77.10 ──SYN──▶ gateway 203.0.113.7
  gateway 203.0.113.7   ──ICMP─▶ client  192.168.77.10 ✘ unreachable
  ✘ The network answered "unreachable" (EHOSTUNREACH): the router or a firewall
    rejects traffic from inside to the public IP.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 10.9.9.9
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 10.9.9.9
  listener 192.168.77.10 --SYN-ACK--->
      gateway 192.168.77.1
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 10.9.9.9
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 10.9.9.9
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 10.9.9.9
  listener 192.168.77.10 ──SYN-ACK───▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees another address > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 10.9.9.9
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.10 saw 192.168.77.10
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT only->
      listener 192.168.77.10
        saw 192.168.77.10
  listener 192.168.77.10 --SYN-ACK--->
      gateway 192.168.77.1
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT only-> listener 192.168.77.10 saw 192.168.77.10
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.10 saw 192.168.77.10
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶
      listener 192.168.77.10
        saw 192.168.77.10
  listener 192.168.77.10 ──SYN-ACK───▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the client (other subnet) > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT only─▶ listener 192.168.77.10 saw 192.168.77.10
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK--->
      gateway 192.168.77.1
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 --SYN-ACK---> gateway  192.168.77.1
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶
      gateway 192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the gateway (masquerade) > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 192.168.77.1
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  192.168.77.1
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > ascii 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 --SYN-ACK---> gateway  203.0.113.7
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > ascii 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN------->
      gateway 203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT->
      listener 192.168.77.10
        saw 203.0.113.7
  listener 192.168.77.10 --SYN-ACK--->
      gateway 203.0.113.7
  gateway  203.0.113.7   --SYN-ACK--->
      client 192.168.77.10 [ok]
  [ok] The reply goes back through the
       gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > ascii 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 --SYN-------> gateway  203.0.113.7
  gateway  192.168.77.1  --DNAT+SNAT-> listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 --SYN-ACK---> gateway  203.0.113.7
  gateway  203.0.113.7   --SYN-ACK---> client   192.168.77.10 [ok]
  [ok] The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > unicode 120 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  203.0.113.7
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > unicode 40 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶
      gateway 203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶
      listener 192.168.77.10
        saw 203.0.113.7
  listener 192.168.77.10 ──SYN-ACK───▶
      gateway 203.0.113.7
  gateway  203.0.113.7   ──SYN-ACK───▶
      client 192.168.77.10 ✔
  ✔ The reply goes back through the
    gateway: connected in 3 ms.
`

exports[`test/render/path.test.ts > TAP > works, server sees the public IP > unicode 80 1`] = `
TCP to 203.0.113.7:8443
  client   192.168.77.10 ──SYN───────▶ gateway  203.0.113.7
  gateway  192.168.77.1  ──DNAT+SNAT─▶ listener 192.168.77.10 saw 203.0.113.7
  listener 192.168.77.10 ──SYN-ACK───▶ gateway  203.0.113.7
  gateway  203.0.113.7   ──SYN-ACK───▶ client   192.168.77.10 ✔
  ✔ The reply goes back through the gateway: connected in 3 ms.
`
