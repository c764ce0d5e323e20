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

# The CLI itself (tools/net/ynl/pyynl/cli.py): a few calls, each costs
# seconds under emulation (spec parsing).
check "YNL CLI dev-get do" pyjson "d['ifindex'] == $I and d['config']['xlat-prefix6']['prefix-len'] == 96
	and d['config']['xlat-prefix6']['prefix'] == '0064ff9b000000000000000000000000' and d['config']['lowest-ipv6-mtu'] == 1280" \
	ynl nly --do dev-get "$IDX"
ynl nly --do dev-set "{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix\": \"20010db8010000000000000000000000\", \"prefix-len\": 40}, \"lowest-ipv6-mtu\": 1400}}" >/dev/null
check "YNL CLI dev-set: the exact RFC v1 request of SPEC 7.1 (spec validated against genetlink.yaml)" ynl_schema nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix\": \"0064ff9b000000000000000000000000\", \"prefix-len\": 96}, \"lowest-ipv6-mtu\": 1280}}"
check "  applied (dev-get dump through the CLI)" pyjson "d[0]['config']['xlat-prefix6'] == {'prefix': '0064ff9b000000000000000000000000', 'prefix-len': 96}
	and d[0]['config']['lowest-ipv6-mtu'] == 1280" ynl nly --dump dev-get
check_err "YNL CLI: prefix-len 33 refused with the RFC v1 text" "unsupported RFC 6052 prefix length: 33" ynl nly --do dev-set \
	"{\"ifindex\": $I, \"config\": {\"xlat-prefix6\": {\"prefix-len\": 33}}}"
check_last "  bad attribute: prefix-len" "bad-attr[^,}]*prefix-len"
check_err "YNL CLI: config absent, missing attribute" "miss-type" ynl nly --do dev-set "$IDX"
check_last "  missing attribute is config" "miss-type[^,}]*config"

# Every command and error case through the YNL library, in one process.
ip netns exec nly python3 "$(dirname "$0")/ynl_checks.py" "$KDIR" "$SPEC" "$I" || IPXLAT_FAILED=1

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
check "fuzz: 600 random requests over every command" ip netns exec nly python3 "$RAW" fuzz 600 7 "$I"
check "device still answers after the fuzz" ynl nly --do dev-get "$IDX"
finish
