# SPDX-License-Identifier: GPL-2.0
# Helpers for the netlink selftests (sourced after lib.sh): the ipxlat-ctl
# binary, the kernel's YNL CLI driven by the project's spec, JSON checks.

IPXLAT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
CTL=$IPXLAT_ROOT/target/release/ipxlat-ctl
SPEC=$IPXLAT_ROOT/Documentation/netlink/specs/ipxlat.yaml
# The test kernel tree (run-in-guest.sh exports KDIR; else the newest built
# cache entry).
if [[ -z ${KDIR:-} ]]; then
	for d in "$HOME"/.cache/ipxlat/linux-7.2-*/; do
		[[ -f $d/.ipxlat-built ]] && KDIR=${d%/}
	done
fi
YNL_CLI=${KDIR:-/nonexistent}/tools/net/ynl/pyynl/cli.py

# ynl NS OP-FLAG OP [JSON]: the YNL CLI in netns NS ("" = current), JSON
# output; e.g. ynl xa --do dev-get '{"ifindex": 3}'. Schema validation of
# the spec costs seconds per call under emulation: ynl_schema (same
# arguments) validates, ynl does not.
ynl() {
	ynl_run --no-schema "$@"
}
ynl_schema() {
	ynl_run "--schema=$KDIR/Documentation/netlink/genetlink.yaml" "$@"
}
ynl_run() {
	local schema=$1 ns=$2 mode=$3 op=$4 json=${5:-}
	local cmd=(python3 "$YNL_CLI" --spec "$SPEC" "$schema" --output-json "$mode" "$op")
	[[ -n $json ]] && cmd+=(--json "$json")
	if [[ -n $ns ]]; then ip netns exec "$ns" "${cmd[@]}"; else "${cmd[@]}"; fi
}

# ifindex NS DEV
ifindex() {
	ip -n "$1" -j link show "$2" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])'
}

# check_err "description" "expected text" command...: the command must
# fail and print the text (the kernel's extack message, quoted by the tool).
# The output stays in /tmp/check_err.out for follow-up checks (check_last).
check_err() {
	local what=$1 msg=$2
	shift 2
	"$@" >/tmp/check_err.out 2>&1
	local rc=$?
	cp /tmp/check_err.out /tmp/check.out
	sed 's/^/      | /' /tmp/check.out | head -n 4
	if ((rc == 0)); then
		echo "not ok - $what (unexpectedly succeeded)"
		sed 's/^/#     /' /tmp/check.out
		IPXLAT_FAILED=1
	elif grep -qF -- "$msg" /tmp/check.out; then
		echo "ok - $what"
	else
		echo "not ok - $what (expected \"$msg\")"
		sed 's/^/#     /' /tmp/check.out
		IPXLAT_FAILED=1
	fi
}

# check_last "description" REGEX: the output of the last check_err matches.
check_last() {
	check "$1" grep -qE -- "$2" /tmp/check_err.out
}

# pyjson 'python expression over d' command...: runs the command, parses
# its stdout as JSON into d and fails unless the expression is true.
pyjson() {
	local expr=$1
	shift
	"$@" | python3 -c "import json,sys
d = json.load(sys.stdin)
ok = ($expr)
print(json.dumps(d)[:2000])
sys.exit(0 if ok else 1)"
}
