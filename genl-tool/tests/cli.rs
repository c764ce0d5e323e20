// SPDX-License-Identifier: GPL-2.0
//! Exit status and help of the built binary (no kernel module needed:
//! every case here fails or finishes before talking to the kernel).

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_ipxlat-ctl"))
        .args(args)
        .output()
        .expect("run ipxlat-ctl");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["bogus"][..],
        &["dev", "set"],
        &["dev", "set", "clat0"],
        &["dev", "set", "clat0", "prefix", "64:ff9b::/200"],
        &["dev", "set", "clat0", "profile", "nat64"],
        &["eam", "add", "192.0.2.1", "dev", "x"],
        &["eam", "del", "dev", "x"],
        &["eam", "show"],
        &["stats", "dev"],
        &["query", "dev", "x"],
        &["-x", "dev"],
        &["monitor", "now"],
    ] {
        let (code, _, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?}: message on stderr");
    }
}

#[test]
fn help_exits_0_for_every_command() {
    for args in [
        &["--help"][..],
        &["dev", "--help"],
        &["dev", "show", "--help"],
        &["dev", "set", "--help"],
        &["eam", "--help"],
        &["eam", "add", "--help"],
        &["eam", "del", "--help"],
        &["eam", "show", "--help"],
        &["eam", "flush", "--help"],
        &["stats", "--help"],
        &["stats", "show", "--help"],
        &["query", "--help"],
        &["monitor", "--help"],
        &["--version"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0, "{args:?}");
        assert!(!out.is_empty(), "{args:?}");
    }
    let (_, out, _) = run(&["dev", "set", "--help"]);
    assert!(out.contains("lowest-ipv6-mtu"));
    assert!(out.contains("icmp-src4-pool-mode"));
}

#[test]
fn unknown_device_exits_1() {
    let (code, _, err) = run(&["dev", "set", "nosuchdev0", "lowest-ipv6-mtu", "1400"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("Cannot find device \"nosuchdev0\""), "{err}");
}

#[test]
fn batch_usage_error_reports_line() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ipxlat-ctl"))
        .args(["-b", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# comment\n\neam add 192.0.2.1 2001:db8::1 dev x\neam frob\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("line 4"), "{err}");
}

#[test]
fn batch_missing_file_exits_1() {
    let (code, _, err) = run(&["-b", "/nonexistent/ipxlat.batch"]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn completions_match_committed_bash() {
    let (code, out, _) = run(&["completions", "bash"]);
    assert_eq!(code, 0);
    assert!(out.contains("ipxlat-ctl"));
    // Case labels and computed states use the same mangled name.
    assert!(out.contains("ipxlat__ctl__subcmd__eam)"));
    assert!(!out.contains("ipxlat__subcmd__ctl"));
    let committed = include_str!("../completions/ipxlat-ctl.bash");
    assert_eq!(out, committed, "regenerate: ipxlat-ctl completions bash > genl-tool/completions/ipxlat-ctl.bash");
}
