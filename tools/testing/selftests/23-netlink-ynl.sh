#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The kernel's YNL CLI, driven by the project's spec, against every command:
# the exact RFC v1 request of SPEC 7.1, each extack text of SPEC 7.1,
# extension commands, notifications; raw malformed requests and a short
# fuzz run (the guest runner fails the run on any kernel splat).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/netlink-lib.sh"
RAW="$(dirname "$0")/nlraw.py"

netns_add nly
ip -n nly link add clat0 type ipxlat
I=$(ifindex nly clat0)
IDX="{\"ifindex\": $I}"

check "YNL dev-get do" pyjson "d['ifindex'] == $I and d['config']['xlat-prefix6']['prefix-len'] == 96
	and d['config']['xlat-prefix6']['prefix'] == '0064ff9b000000000000000000000000' and d['config']['lowest-ipv6-mtu'] == 1280" \
	ynl nly --do dev-get "$IDX"
check "YNL dev-get dump" pyjson "[x['ifindex'] for x in d] == [$I]" ynl nly --dump dev-get
check "YNL dev-set (partial: prefix only)" ynl nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix\": \"20010db8010000000000000000000000\"}}}"
check "  prefix changed, length kept" pyjson "d['config']['xlat-prefix6'] == {'prefix': '20010db8010000000000000000000000', 'prefix-len': 96}" \
	ynl nly --do dev-get "$IDX"
check "YNL dev-set (partial: prefix-len only)" ynl nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix-len\": 40}}}"
check "  length changed, prefix kept" pyjson "d['config']['xlat-prefix6'] == {'prefix': '20010db8010000000000000000000000', 'prefix-len': 40}" \
	ynl nly --do dev-get "$IDX"
check "YNL dev-set lowest-ipv6-mtu only" ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"lowest-ipv6-mtu\": 1400}}"
check "YNL dev-set: the exact RFC v1 request of SPEC 7.1 (spec validated against genetlink.yaml)" ynl_schema nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix\": \"0064ff9b000000000000000000000000\", \"prefix-len\": 96}, \"lowest-ipv6-mtu\": 1280}}"
check "  back to the defaults" pyjson "d['config']['xlat-prefix6'] == {'prefix': '0064ff9b000000000000000000000000', 'prefix-len': 96}
	and d['config']['lowest-ipv6-mtu'] == 1280" ynl nly --do dev-get "$IDX"

# SPEC 7.1 error table.
check_err "unknown ifindex: -ENODEV" "ifindex does not match any interface" ynl nly --do dev-set \
	"{\"ifindex\": 99999, \"config\": {\"lowest-ipv6-mtu\": 1280}}"
check_err "  (dev-get too)" "ifindex does not match any interface" ynl nly --do dev-get '{"ifindex": 99999}'
check_err "not an ipxlat device (lo)" "specified interface is not ipxlat" ynl nly --do dev-set \
	'{"ifindex": 1, "config": {"lowest-ipv6-mtu": 1280}}'
check_last "  bad attribute: ifindex" "bad-attr[^,}]*ifindex"
check_err "config absent: missing-attribute report" "miss-type" ynl nly --do dev-set "$IDX"
check_last "  missing attribute is config" "miss-type[^,}]*config"
check_err "config empty" "config update is empty" ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {}}"
check_err "xlat-prefix6 empty" "xlat-prefix6 update is empty" ynl nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {}}}"
for len in 0 33 63 95; do
	check_err "prefix-len $len refused" "unsupported RFC 6052 prefix length: $len" ynl nly --do dev-set \
		"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix-len\": $len}}}"
done
check_last "  bad attribute: prefix-len" "bad-attr[^,}]*prefix-len"
check_err "prefix-len 97: policy" "bad-attr" ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix-len\": 97}}}"
check_err "prefix of 15 bytes: policy" "bad-attr" ynl nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix\": \"0064ff9b0000000000000000000000\"}}}"
check_err "lowest-ipv6-mtu 1279: policy" "bad-attr" ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"lowest-ipv6-mtu\": 1279}}"
check "  nothing of the refused requests applied" pyjson "d['config']['xlat-prefix6']['prefix-len'] == 96 and d['config']['lowest-ipv6-mtu'] == 1280" \
	ynl nly --do dev-get "$IDX"
check "extension knobs through YNL" ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"profile\": \"clat\", \"wkp-strict\": 0, \"icmp-src6-fallback\": \"2001:db8::1\"}}"
check "  applied" pyjson "d['config']['profile'] == 'clat' and d['config']['wkp-strict'] == 0 and d['config']['icmp-src6-fallback'] == '2001:db8::1'" \
	ynl nly --do dev-get "$IDX"
ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"profile\": \"generic\"}}" >/dev/null

# EAM commands.
E1='{"ipv4": {"prefix": "192.0.2.16", "prefix-len": 28}, "ipv6": {"prefix": "2001:db8:cccc::", "prefix-len": 124}}'
E2='{"ipv4": {"prefix": "198.51.100.0", "prefix-len": 24}, "ipv6": {"prefix": "2001:db8:dd::", "prefix-len": 120}}'
E3='{"ipv4": {"prefix": "192.0.2.20", "prefix-len": 30}, "ipv6": {"prefix": "2001:db8:ee::", "prefix-len": 126}}'
check "YNL eam-add, two entries in one request" ynl nly --do eam-add "{\"ifindex\": $I, \"eam\": [$E1, $E2]}"
check "YNL eam-get dump" pyjson "sum(len(m['eam']) for m in d) == 2 and d[0]['eam'][0]['ipv4'] == {'prefix': '192.0.2.16', 'prefix-len': 28}" \
	ynl nly --dump eam-get "$IDX"
check_err "YNL eam-add overlap without the flag" "EAM entry overlaps an existing entry" ynl nly --do eam-add "{\"ifindex\": $I, \"eam\": [$E3]}"
check_last "  bad attribute: the eam nest" "bad-attr[^,}]*eam"
check_err "YNL eam-add batch with one bad entry: nothing added" "EAM entry exists" ynl nly --do eam-add \
	"{\"ifindex\": $I, \"eam\": [{\"ipv4\": {\"prefix\": \"203.0.113.0\", \"prefix-len\": 24}, \"ipv6\": {\"prefix\": \"2001:db8:ff::\", \"prefix-len\": 120}}, $E1]}"
check "  still two entries" pyjson "sum(len(m['eam']) for m in d) == 2" ynl nly --dump eam-get "$IDX"
check "YNL eam-add overlap with allow-overlap" ynl nly --do eam-add \
	"{\"ifindex\": $I, \"eam\": [{\"ipv4\": {\"prefix\": \"192.0.2.20\", \"prefix-len\": 30}, \"ipv6\": {\"prefix\": \"2001:db8:ee::\", \"prefix-len\": 126}, \"allow-overlap\": true}]}"
check_err "YNL eam-add entry without ipv6: missing attribute" "miss-type" ynl nly --do eam-add \
	"{\"ifindex\": $I, \"eam\": [{\"ipv4\": {\"prefix\": \"203.0.113.0\", \"prefix-len\": 24}}]}"
check_err "YNL eam-add without entries: missing attribute" "miss-type" ynl nly --do eam-add "$IDX"
check_err "YNL eam-del with both sides refused" "exactly one of ipv4 and ipv6" ynl nly --do eam-del "{\"ifindex\": $I, \"eam\": [$E1]}"
check "YNL eam-del by ipv6" ynl nly --do eam-del "{\"ifindex\": $I, \"eam\": [{\"ipv6\": {\"prefix\": \"2001:db8:dd::\", \"prefix-len\": 120}}]}"
check "YNL eam-flush" ynl nly --do eam-flush "$IDX"
check "  empty" pyjson "sum(len(m.get('eam', [])) for m in d) == 0" ynl nly --dump eam-get "$IDX"
check_err "YNL eam-get dump without ifindex: missing attribute" "miss-type" ynl nly --dump eam-get

# stats and query.
check "YNL stats-get do: 28 drop nests" pyjson "d['ifindex'] == $I and len(d['stats']['drop']) == 28 and d['stats']['drops'] == 0" \
	ynl nly --do stats-get "$IDX"
check "YNL stats-get dump" pyjson "[x['ifindex'] for x in d] == [$I]" ynl nly --dump stats-get
check "YNL query 4->6" pyjson "d['query'] == {'address': '8.8.8.8', 'result': '64:ff9b::808:808', 'rule': 'prefix6'}" \
	ynl nly --do query "{\"ifindex\": $I, \"query\": {\"address\": \"8.8.8.8\"}}"
check "YNL query 6->4" pyjson "d['query']['result'] == '8.8.8.8' and d['query']['rule'] == 'prefix6'" \
	ynl nly --do query "{\"ifindex\": $I, \"query\": {\"address\": \"64:ff9b::808:808\"}}"
check_err "YNL query without address: missing attribute" "miss-type" ynl nly --do query "{\"ifindex\": $I, \"query\": {}}"

# change-ntf through YNL's own subscription.
N=/tmp/ynl-ntf.out
ynl nly --do dev-get "$IDX" >/dev/null
(ip netns exec nly python3 "$YNL_CLI" --spec "$SPEC" --no-schema \
	--output-json --subscribe config --sleep 12 >$N 2>&1) &
sub=$!
sleep 8
ynl nly --do eam-flush "$IDX" >/dev/null
wait $sub
cat $N
check "YNL --subscribe config receives change-ntf" bash -c "grep -q '\"name\": \"change-ntf\"' $N && grep -q '\"change\": \"eam-flush\"' $N"

# Raw requests no regular client sends.
hex() { python3 -c "import struct,sys
def a(t,p): x=struct.pack('HH',4+len(p),t)+p; return x+b'\0'*(-len(x)%4)
print(($1).hex())"; }
cfg_trunc=$(hex "a(1,struct.pack('I',$I)) + struct.pack('HH',40,0x8003) + a(2,struct.pack('I',1400))")
check_fails "dev-set with a config nest longer than the message refused" ip netns exec nly python3 "$RAW" send 2 "$cfg_trunc"
q5=$(hex "a(1,struct.pack('I',$I)) + a(0x8006, a(1,b'\x01\x02\x03\x04\x05'))")
check_err "query with a 5-byte address refused" "query address must be 4 (IPv4) or 16 (IPv6) bytes" \
	ip netns exec nly python3 "$RAW" send 8 "$q5"
eam_bad=$(hex "a(1,struct.pack('I',$I)) + a(0x8004, a(0x8001, a(1,b'\xc0\x00\x02')))")
check_fails "eam-add with a 3-byte IPv4 prefix refused (policy)" ip netns exec nly python3 "$RAW" send 3 "$eam_bad"
check "fuzz: 3000 random requests over every command" ip netns exec nly python3 "$RAW" fuzz 3000 7 "$I"
check "device still answers after the fuzz" ynl nly --do dev-get "$IDX"
finish
