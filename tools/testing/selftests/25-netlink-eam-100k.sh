#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# A 100,000-entry EAM table loaded with ipxlat-ctl -b (timed), dumped
# completely and correctly (resumable eam-get), queried, and flushed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"

N=100000
netns_add nlk
ip -n nlk link add clat0 type ipxlat
X=(ip netns exec nlk "$CTL")
B=/tmp/eam-100k.batch
# Entry i: 10.(i>>16).(i>>8&255).(i&255)/32 <-> 2001:db8:ee::(i>>16):(i&0xffff)/128.
python3 -c "
for i in range($N):
    print('eam add 10.%d.%d.%d 2001:db8:ee::%x:%x dev clat0' % (i >> 16, (i >> 8) & 255, i & 255, i >> 16, i & 0xffff))" >$B

t0=$(date +%s.%N)
check "load $N entries with ipxlat-ctl -b" "${X[@]}" -b $B
t1=$(date +%s.%N)
"${X[@]}" -j eam show dev clat0 >/tmp/eam-100k.json
t2=$(date +%s.%N)
echo "# timing: load of $N entries $(echo "$t1 - $t0" | bc) s, full dump $(echo "$t2 - $t1" | bc) s"
check "full dump has $N entries, each exactly once and correct" python3 -c "
import ipaddress, json
d = json.load(open('/tmp/eam-100k.json'))
assert len(d) == $N, len(d)
seen = set()
for e in d:
    i = int(ipaddress.IPv4Address(e['ipv4']['prefix'])) - int(ipaddress.IPv4Address('10.0.0.0'))
    assert e['ipv4']['prefix-len'] == 32 and e['ipv6']['prefix-len'] == 128
    assert int(ipaddress.IPv6Address(e['ipv6']['prefix'])) - int(ipaddress.IPv6Address('2001:db8:ee::')) == i, e
    seen.add(i)
assert seen == set(range($N))
print('ok', len(d))"
t5=$(date +%s.%N)
ynl nlk --dump eam-get "{\"ifindex\": $(ifindex nlk clat0)}" >/tmp/eam-100k-ynl.json
t6=$(date +%s.%N)
echo "# timing: YNL CLI dump $(echo "$t6 - $t5" | bc) s"
check "YNL dump agrees ($N entries)" python3 -c "
import json
d = json.load(open('/tmp/eam-100k-ynl.json'))
n = sum(len(m['eam']) for m in d)
print(len(d), 'messages', n, 'entries')
assert n == $N"
check "query hits the last entry" pyjson "d['result'] == '2001:db8:ee::%x:%x' % (($N - 1) >> 16, ($N - 1) & 0xffff) and d['rule'] == 'eam'" \
	"${X[@]}" -j query dev clat0 "10.$(((N - 1) >> 16)).$((((N - 1) >> 8) & 255)).$(((N - 1) & 255))"
t3=$(date +%s.%N)
check "eam del of one entry in a $N-entry table" "${X[@]}" eam del 10.0.0.5 dev clat0
t4=$(date +%s.%N)
echo "# timing: one eam del $(echo "$t4 - $t3" | bc) s"
check "  $((N - 1)) left" bash -c "${X[*]} eam show dev clat0 | wc -l | grep -qx $((N - 1))"
check "flush" "${X[@]}" eam flush dev clat0
check "  empty" test -z "$("${X[@]}" eam show dev clat0)"
finish
