#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks the KTAP output of the module's KUnit suites in a kernel log.

usage: kunit-check.py DMESG SOURCE_DIR

Expected suites are the `kunit_tests(NAME)` attributes found under
SOURCE_DIR. Fails on any `not ok`, on an expected suite without a result,
and on a suite that ran no test case. Prints the KTAP summary lines and
"kunit: N passed, N failed".
"""
import pathlib
import re
import sys

PREFIX = re.compile(r"^\[\s*\d+\.\d+\]\s?")
RESULT = re.compile(r"^(\s*)(ok|not ok) (\d+) (\S+)(.*)$")


def expected_suites(src):
    names = set()
    for path in pathlib.Path(src).rglob("*.rs"):
        names.update(re.findall(r"kunit_tests\((\w+)\)", path.read_text()))
    return sorted(names)


def main():
    log, src = sys.argv[1], sys.argv[2]
    lines = [PREFIX.sub("", l.rstrip("\n")) for l in open(log, errors="replace")]
    suites = {}
    cases = {}
    current = None
    seen = set()
    for line in lines:
        m = re.match(r"^\s*# Subtest: (\S+)", line)
        if m:
            current = m.group(1)
            cases.setdefault(current, [0, 0])
            continue
        m = RESULT.match(line)
        if not m:
            continue
        indent, status, _, name, _ = m.groups()
        if name in suites or (name in seen and indent == ""):
            continue  # a later reload of the module runs the suites again
        if indent == "" and name in cases:
            suites[name] = status
            seen.add(name)
            print(line)
        elif current is not None and indent:
            cases[current][0 if status == "ok" else 1] += 1
    passed = failed = 0
    for suite in expected_suites(src):
        ok_cases, bad_cases = cases.get(suite, [0, 0])
        passed += ok_cases
        failed += bad_cases
        if suite not in suites:
            print(f"not ok - kunit suite {suite}: no result in the kernel log")
            failed += 1
        elif suites[suite] != "ok":
            print(f"not ok - kunit suite {suite}: failed")
        elif ok_cases == 0:
            print(f"not ok - kunit suite {suite}: ran no test case")
            failed += 1
    print(f"kunit: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
