#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Netlink permissions and namespaces: changes need CAP_NET_ADMIN (reads do
# not); devices, configurations and notifications are per namespace.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"

netns_add npa
netns_add npb
ip -n npa link add clat0 type ipxlat
ip -n npb link add clat0 type ipxlat
ip -n npb link add clat1 type ipxlat
ip -n npb link add clat9 type ipxlat
A=(ip netns exec npa "$CTL")
B=(ip netns exec npb "$CTL")
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

check "root in npa sets a prefix" "${A[@]}" dev set clat0 prefix 2001:db8:a::/96
check "npb's clat0 keeps the default (config per netns)" pyjson 'd[0]["xlat-prefix6"]["prefix"] == "64:ff9b::"' "${B[@]}" -j dev show dev clat0
check "npa's dump lists only npa's device" pyjson 'len(d) == 1 and d[0]["xlat-prefix6"]["prefix"] == "2001:db8:a::"' "${A[@]}" -j dev show
check "npb's dump lists npb's three devices" pyjson '[x["ifname"] for x in d] == ["clat0", "clat1", "clat9"]' "${B[@]}" -j dev show
I9=$(ifindex npb clat9)
check "an ifindex of npb is unknown in npa" bash -c "! ip -n npa link show | grep -q '^$I9:'"
check_err "  so npa cannot reach npb's device" "ifindex does not match any interface" ip netns exec npa \
	python3 "$(dirname "$0")/nlraw.py" send 1 "$(python3 -c "import struct; print((struct.pack('HHI',8,1,$I9)).hex())")"
check "npb's EAM table is its own" "${B[@]}" eam add 192.0.2.1 2001:db8::1 dev clat0
check "  npa's table stays empty" test -z "$("${A[@]}" eam show dev clat0)"

check "unprivileged user may read (dev show)" ip netns exec npa "${NOBODY[@]}" "$CTL" dev show clat0
check "unprivileged user may read (stats, query)" bash -c \
	"ip netns exec npa ${NOBODY[*]} $CTL stats dev clat0 >/dev/null && ip netns exec npa ${NOBODY[*]} $CTL query dev clat0 8.8.8.8"
check_err "unprivileged dev set refused (EPERM)" "errno 1" ip netns exec npa "${NOBODY[@]}" "$CTL" dev set clat0 wkp-strict off
check_err "unprivileged eam add refused" "errno 1" ip netns exec npa "${NOBODY[@]}" "$CTL" eam add 192.0.2.1 2001:db8::1 dev clat0
check_err "unprivileged eam flush refused" "errno 1" ip netns exec npa "${NOBODY[@]}" "$CTL" eam flush dev clat0
if unshare -Ur true 2>/dev/null; then
	check_err "root of a user namespace refused too (CAP_NET_ADMIN of the initial user ns)" "errno 1" \
		ip netns exec npa unshare -Ur "$CTL" dev set clat0 wkp-strict off
else
	echo "ok - root of a user namespace refused too # SKIP no user namespaces in this kernel"
fi
check "  nothing changed" pyjson 'd[0]["wkp-strict"] is True' "${A[@]}" -j dev show dev clat0

M=/tmp/monitor-npa.out
ip netns exec npa "$CTL" -j monitor >$M 2>&1 &
mon=$!
sleep 1
"${B[@]}" dev set clat1 wkp-strict off
"${B[@]}" eam flush dev clat0
"${A[@]}" dev set clat0 wkp-strict off
sleep 1
kill "$mon" 2>/dev/null
wait "$mon" 2>/dev/null
check "a monitor in npa sees npa's change only" python3 -c "
import json
rows = [json.loads(l) for l in open('$M') if l.startswith('{')]
print(rows)
assert [(r['ifname'], r['change']) for r in rows] == [('clat0', 'dev-set')], rows"

check "moving a device to another netns keeps its configuration" bash -c \
	"ip -n npa link set clat0 netns npb name clatA && ${B[*]} -j dev show dev clatA | grep -q 2001:db8:a::"
finish
