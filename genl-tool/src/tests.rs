// SPDX-License-Identifier: GPL-2.0
//! Host tests: argument parsing, message encoding, batch, JSON shape.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use clap::Parser;

use crate::batch::{self, Step};
use crate::cli::Cli;
use crate::commands::dev::{self, DevConfig, Prefix6, Tos};
use crate::commands::{eam, query, stats, Action, Error};
use crate::netlink::{self as nl, Attr, NlError, Request};
use crate::output::Output;
use crate::uapi::{self, cfg, cmd};

fn parse(line: &str) -> Result<Action, Error> {
    let words = std::iter::once("ipxlat-ctl").chain(line.split_whitespace());
    let cli = Cli::try_parse_from(words)
        .map_err(|e| Error::Usage(crate::cli::Usage(e.to_string())))?;
    Ok(Action::from_object(cli.object.expect("object"))?)
}

fn usage_err(line: &str) {
    match parse(line) {
        Err(e) => assert_eq!(e.exit_code(), 2, "{line}: {e}"),
        Ok(a) => panic!("{line}: accepted as {a:?}"),
    }
}

fn v6(s: &str) -> Ipv6Addr {
    s.parse().unwrap()
}
fn v4(s: &str) -> Ipv4Addr {
    s.parse().unwrap()
}

/// Encode, then decode the bytes back through neli.
fn roundtrip(req: &Request) -> (u8, Vec<Attr>) {
    let bytes = req.to_bytes(0x1234, 7);
    assert_eq!(u32::from_ne_bytes(bytes[0..4].try_into().unwrap()) as usize, bytes.len());
    assert_eq!(u16::from_ne_bytes(bytes[4..6].try_into().unwrap()), 0x1234);
    assert_eq!(bytes[16], req.cmd, "genl cmd");
    assert_eq!(bytes[17], uapi::FAMILY_VERSION, "genl version");
    nl::parse_message(&bytes).expect("decode")
}

// ---- argument parsing ---------------------------------------------------

#[test]
fn parse_dev_show() {
    assert_eq!(parse("dev").unwrap(), Action::DevShow { dev: None });
    assert_eq!(parse("dev show").unwrap(), Action::DevShow { dev: None });
    assert_eq!(
        parse("dev show dev clat0").unwrap(),
        Action::DevShow { dev: Some("clat0".into()) }
    );
    assert_eq!(parse("dev show clat0").unwrap(), Action::DevShow { dev: Some("clat0".into()) });
    assert_eq!(parse("-j dev show").unwrap(), Action::DevShow { dev: None });
    usage_err("dev show dev");
    usage_err("dev show clat0 extra");
    usage_err("dev show dev averyveryverylongname0");
    usage_err("dev frobnicate");
}

#[test]
fn parse_dev_set_all_knobs() {
    let a = parse(
        "dev set clat0 prefix 64:ff9b::/96 lowest-ipv6-mtu 1400 profile clat \
         local-prefix6 2001:db8:1::/64 local-ipv4 192.168.1.0/24 hairpin simple \
         wkp-strict off udp-zero-csum drop icmp-src4-fallback 192.0.0.8 \
         icmp-src4-pool-mode hop-keyed icmp-src6-fallback 2001:db8::99 icmp-errors off \
         zero-traffic-class on tos 0x10",
    )
    .unwrap();
    let want = DevConfig {
        prefix6: Some(Prefix6::Set(v6("64:ff9b::"), 96)),
        lowest_ipv6_mtu: Some(1400),
        profile: Some(1),
        local_prefix6: Some((v6("2001:db8:1::"), 64)),
        local_ipv4: Some((v4("192.168.1.0"), 24)),
        local_unset: false,
        hairpin: Some(1),
        wkp_strict: Some(false),
        udp_zero_csum: Some(1),
        icmp_src4_fallback: Some((v4("192.0.0.8"), 32)),
        icmp_src4_pool_mode: Some(1),
        icmp_src6_fallback: Some(Some(v6("2001:db8::99"))),
        icmp_errors: Some(false),
        zero_traffic_class: Some(true),
        tos: Some(Tos::Override(16)),
    };
    assert_eq!(a, Action::DevSet { dev: "clat0".into(), cfg: want });
    let a = parse("dev set dev clat0 prefix none local none icmp-src6-fallback none tos inherit")
        .unwrap();
    let Action::DevSet { cfg: c, .. } = a else { panic!() };
    assert_eq!(c.prefix6, Some(Prefix6::Unset));
    assert!(c.local_unset);
    assert_eq!(c.icmp_src6_fallback, Some(None));
    assert_eq!(c.tos, Some(Tos::Inherit));
    let Action::DevSet { cfg: c, .. } = parse("dev set x icmp-src4-fallback 203.0.113.0/29").unwrap()
    else {
        panic!()
    };
    assert_eq!(c.icmp_src4_fallback, Some((v4("203.0.113.0"), 29)));
}

#[test]
fn parse_dev_set_errors() {
    usage_err("dev set");
    usage_err("dev set clat0");
    usage_err("dev set clat0 prefix");
    usage_err("dev set clat0 prefix 64:ff9b::");
    usage_err("dev set clat0 prefix 64:ff9b::/129");
    usage_err("dev set clat0 prefix 192.0.2.0/24");
    usage_err("dev set clat0 lowest-ipv6-mtu big");
    usage_err("dev set clat0 lowest-ipv6-mtu -1");
    usage_err("dev set clat0 profile nat64");
    usage_err("dev set clat0 hairpin maybe");
    usage_err("dev set clat0 wkp-strict yes");
    usage_err("dev set clat0 udp-zero-csum ignore");
    usage_err("dev set clat0 icmp-src4-fallback 2001:db8::1");
    usage_err("dev set clat0 icmp-src4-fallback 192.0.2.1/33");
    usage_err("dev set clat0 icmp-src4-pool-mode sequential");
    usage_err("dev set clat0 icmp-src6-fallback 192.0.2.1");
    usage_err("dev set clat0 icmp-errors 1");
    usage_err("dev set clat0 tos 256");
    usage_err("dev set clat0 local-ipv4 192.168.1.0");
    usage_err("dev set clat0 local maybe");
    usage_err("dev set clat0 local none local-ipv4 192.168.1.0/24");
    usage_err("dev set clat0 frob 1");
}

#[test]
fn eam_default_command_is_show() {
    assert!(matches!(parse("eam dev clat0").unwrap(), Action::EamShow { dev } if dev == "clat0"));
    assert!(matches!(parse("eam show dev clat0").unwrap(), Action::EamShow { dev } if dev == "clat0"));
    usage_err("eam");
    usage_err("eam frob dev clat0");
}

#[test]
fn duplicate_arguments_refused() {
    // iproute2 refuses a repeated keyword instead of letting the last win.
    for line in [
        "dev set clat0 tos 1 tos inherit",
        "dev set clat0 prefix none xlat-prefix6 64:ff9b::/96",
        "dev set clat0 hairpin off eam-hairpin-mode simple",
        "eam add 192.0.2.0/24 2001:db8::/120 dev a dev b",
        "eam add 192.0.2.0/24 2001:db8::/120 dev a allow-overlap allow-overlap",
        "eam del 192.0.2.0/24 dev a dev b",
    ] {
        match parse(line) {
            Err(e) => assert!(e.to_string().contains("duplicate argument"), "{line}: {e}"),
            Ok(a) => panic!("{line}: accepted as {a:?}"),
        }
    }
}

#[test]
fn parse_eam() {
    let a = parse("eam add 192.0.2.16/28 2001:db8:cccc::/124 dev siit0").unwrap();
    assert_eq!(
        a,
        Action::EamAdd {
            dev: "siit0".into(),
            entries: vec![eam::Entry {
                v4: (v4("192.0.2.16"), 28),
                v6: (v6("2001:db8:cccc::"), 124),
                allow_overlap: false
            }]
        }
    );
    // Defaults /32 and /128, either order, allow-overlap.
    let Action::EamAdd { entries, .. } =
        parse("eam add 2001:db8::abcd 198.51.100.64 dev siit0 allow-overlap").unwrap()
    else {
        panic!()
    };
    assert_eq!(entries[0].v4, (v4("198.51.100.64"), 32));
    assert_eq!(entries[0].v6, (v6("2001:db8::abcd"), 128));
    assert!(entries[0].allow_overlap);
    assert_eq!(
        parse("eam del 192.0.2.1 dev siit0").unwrap(),
        Action::EamDel { dev: "siit0".into(), keys: vec![eam::Key::V4(v4("192.0.2.1"), 32)] }
    );
    assert_eq!(
        parse("eam del 2001:db8:dddd::/64 dev siit0").unwrap(),
        Action::EamDel {
            dev: "siit0".into(),
            keys: vec![eam::Key::V6(v6("2001:db8:dddd::"), 64)]
        }
    );
    assert_eq!(parse("eam show dev siit0").unwrap(), Action::EamShow { dev: "siit0".into() });
    assert_eq!(parse("eam flush dev siit0").unwrap(), Action::EamFlush { dev: "siit0".into() });
    usage_err("eam");
    usage_err("eam add 192.0.2.1 dev siit0");
    usage_err("eam add 192.0.2.1 192.0.2.2 dev siit0");
    usage_err("eam add 192.0.2.1 2001:db8::1");
    usage_err("eam add 192.0.2.1/40 2001:db8::1 dev x");
    usage_err("eam add 192.0.2.1 2001:db8::1 dev x bogus");
    usage_err("eam del dev siit0");
    usage_err("eam del 192.0.2.1 2001:db8::1 dev siit0");
    usage_err("eam show");
    usage_err("eam show siit0");
    usage_err("eam flush dev");
    usage_err("eam list dev x");
}

#[test]
fn parse_stats_query_monitor() {
    for l in ["stats dev clat0", "stats show dev clat0", "stats clat0", "stats show clat0"] {
        assert_eq!(parse(l).unwrap(), Action::StatsShow { dev: Some("clat0".into()) }, "{l}");
    }
    assert_eq!(parse("stats").unwrap(), Action::StatsShow { dev: None });
    assert_eq!(parse("stats show").unwrap(), Action::StatsShow { dev: None });
    usage_err("stats dev");
    usage_err("stats dev a b");
    assert_eq!(
        parse("query dev clat0 192.0.2.33").unwrap(),
        Action::Query { dev: "clat0".into(), addr: IpAddr::V4(v4("192.0.2.33")) }
    );
    assert_eq!(
        parse("query 64:ff9b::c000:221 dev clat0").unwrap(),
        Action::Query { dev: "clat0".into(), addr: IpAddr::V6(v6("64:ff9b::c000:221")) }
    );
    usage_err("query dev clat0");
    usage_err("query 192.0.2.1");
    usage_err("query dev clat0 192.0.2.1/24");
    usage_err("query dev clat0 1.1.1.1 2.2.2.2");
    assert_eq!(parse("monitor").unwrap(), Action::Monitor);
    usage_err("monitor extra");
    usage_err("bogus");
}

// ---- encoding -------------------------------------------------------------

#[test]
fn encode_dev_set_prefix() {
    let Action::DevSet { cfg: c, .. } = parse("dev set clat0 prefix 64:ff9b::/96").unwrap() else {
        panic!()
    };
    let (cmd_, attrs) = roundtrip(&dev::set_request(7, &c));
    assert_eq!(cmd_, cmd::DEV_SET);
    assert_eq!(attrs.len(), 2);
    assert_eq!(nl::kind(&attrs[0]), uapi::dev::IFINDEX);
    assert_eq!(nl::get_u32(&attrs[0]), Some(7));
    assert_eq!(nl::kind(&attrs[1]), uapi::dev::CONFIG);
    let config = nl::nested(&attrs[1]);
    assert_eq!(config.len(), 1);
    assert_eq!(nl::kind(&config[0]), cfg::XLAT_PREFIX6);
    let pool = nl::nested(&config[0]);
    assert_eq!(nl::kind(&pool[0]), uapi::pool::PREFIX);
    assert_eq!(nl::payload(&pool[0]), &v6("64:ff9b::").octets());
    assert_eq!(nl::kind(&pool[1]), uapi::pool::PREFIX_LEN);
    assert_eq!(nl::payload(&pool[1]), &[96]);
    // Exact wire bytes after the 20-byte nlmsghdr+genlmsghdr.
    let bytes = dev::set_request(7, &c).to_bytes(0x1234, 1);
    let mut want = Vec::new();
    want.extend(8u16.to_ne_bytes());
    want.extend(1u16.to_ne_bytes()); // ifindex
    want.extend(7u32.to_ne_bytes());
    want.extend(36u16.to_ne_bytes());
    want.extend((3u16 | 0x8000).to_ne_bytes()); // config, NLA_F_NESTED
    want.extend(32u16.to_ne_bytes());
    want.extend((1u16 | 0x8000).to_ne_bytes()); // xlat-prefix6
    want.extend(20u16.to_ne_bytes());
    want.extend(1u16.to_ne_bytes()); // prefix
    want.extend(v6("64:ff9b::").octets());
    want.extend(5u16.to_ne_bytes());
    want.extend(2u16.to_ne_bytes()); // prefix-len
    want.extend([96, 0, 0, 0]);
    assert_eq!(&bytes[20..], &want[..]);
}

#[test]
fn encode_dev_set_every_knob() {
    let Action::DevSet { cfg: c, .. } = parse(
        "dev set x prefix 2001:db8:100::/40 lowest-ipv6-mtu 1280 profile clat \
         local-prefix6 2001:db8:1::/64 local-ipv4 192.168.1.0/24 hairpin off wkp-strict on \
         udp-zero-csum compute icmp-src4-fallback 192.0.0.8 icmp-src4-pool-mode random \
         icmp-src6-fallback none icmp-errors on zero-traffic-class off tos 5",
    )
    .unwrap() else {
        panic!()
    };
    let (_, attrs) = roundtrip(&dev::set_request(1, &c));
    let config = nl::nested(&attrs[1]);
    let kinds: Vec<u16> = config.iter().map(nl::kind).collect();
    assert_eq!(kinds, (1..=15).collect::<Vec<u16>>(), "config attributes in id order");
    let get = |t| nl::find(&config, t).unwrap();
    assert_eq!(nl::get_u32(get(cfg::LOWEST_IPV6_MTU)), Some(1280));
    assert_eq!(nl::get_u32(get(cfg::PROFILE)), Some(1));
    assert_eq!(nl::payload(get(cfg::PROFILE)).len(), 4);
    let lp = nl::nested(get(cfg::LOCAL_PREFIX6));
    assert_eq!(nl::payload(&lp[0]).len(), 16);
    assert_eq!(nl::get_u8(&lp[1]), Some(64));
    let l4 = nl::nested(get(cfg::LOCAL_IPV4));
    assert_eq!(nl::payload(&l4[0]), &[192, 168, 1, 0]);
    assert_eq!(nl::get_u8(&l4[1]), Some(24));
    assert_eq!(nl::get_u32(get(cfg::EAM_HAIRPIN_MODE)), Some(0));
    assert_eq!(nl::payload(get(cfg::WKP_STRICT)), &[1]);
    assert_eq!(nl::get_u32(get(cfg::UDP_ZERO_CSUM)), Some(0));
    let f4 = nl::nested(get(cfg::ICMP_SRC4_FALLBACK));
    assert_eq!(nl::payload(&f4[0]), &[192, 0, 0, 8]);
    assert_eq!(nl::get_u8(&f4[1]), Some(32));
    assert_eq!(nl::get_u32(get(cfg::ICMP_SRC4_POOL_MODE)), Some(0));
    assert_eq!(nl::payload(get(cfg::ICMP_SRC6_FALLBACK)), &[0u8; 16]);
    assert_eq!(nl::payload(get(cfg::ICMP_ERRORS)), &[1]);
    assert_eq!(nl::payload(get(cfg::ZERO_TRAFFIC_CLASS)), &[0]);
    assert_eq!(nl::payload(get(cfg::OVERRIDE_TOS)), &[1]);
    assert_eq!(nl::payload(get(cfg::TOS)), &[5]);

    // prefix none / local none / tos inherit.
    let Action::DevSet { cfg: c, .. } =
        parse("dev set x prefix none local none tos inherit").unwrap()
    else {
        panic!()
    };
    let (_, attrs) = roundtrip(&dev::set_request(1, &c));
    let config = nl::nested(&attrs[1]);
    let kinds: Vec<u16> = config.iter().map(nl::kind).collect();
    assert_eq!(kinds, vec![cfg::OVERRIDE_TOS, cfg::XLAT_PREFIX6_UNSET, cfg::LOCAL_UNSET]);
    assert_eq!(nl::payload(&config[0]), &[0]);
    assert!(nl::payload(&config[1]).is_empty());
}

#[test]
fn encode_get_requests() {
    let r = dev::get_request(None);
    assert!(r.dump);
    let bytes = r.to_bytes(30, 1);
    let flags = u16::from_ne_bytes(bytes[6..8].try_into().unwrap());
    assert_eq!(flags & 0x300, 0x300, "NLM_F_DUMP");
    assert_eq!(flags & 0x5, 0x5, "NLM_F_REQUEST|NLM_F_ACK");
    // Both forms ask for the extension settings (an empty flag attribute).
    let (c, attrs) = roundtrip(&r);
    assert_eq!((c, attrs.len()), (cmd::DEV_GET, 1));
    assert!(nl::find(&attrs, uapi::dev::EXTENSIONS).is_some_and(|a| nl::payload(a).is_empty()));
    let r = dev::get_request(Some(9));
    assert!(!r.dump);
    let flags = u16::from_ne_bytes(r.to_bytes(30, 1)[6..8].try_into().unwrap());
    assert_eq!(flags & 0x300, 0);
    let (c, attrs) = roundtrip(&r);
    assert_eq!((c, nl::get_u32(&attrs[0]), attrs.len()), (cmd::DEV_GET, Some(9), 2));
    assert!(nl::find(&attrs, uapi::dev::EXTENSIONS).is_some_and(|a| nl::payload(a).is_empty()));
    assert_eq!(roundtrip(&stats::request(Some(3))).0, cmd::STATS_GET);
    assert!(stats::request(None).dump);
    let r = eam::get_request(4);
    assert!(r.dump);
    assert_eq!(roundtrip(&r).0, cmd::EAM_GET);
    assert_eq!(roundtrip(&eam::flush_request(4)).0, cmd::EAM_FLUSH);
}

#[test]
fn encode_eam_add_del() {
    let e = eam::Entry {
        v4: (v4("192.0.2.16"), 28),
        v6: (v6("2001:db8:cccc::"), 124),
        allow_overlap: true,
    };
    let (c, attrs) = roundtrip(&eam::add_request(5, &[e.clone(), e.clone(), e]));
    assert_eq!(c, cmd::EAM_ADD);
    assert_eq!(attrs.len(), 4);
    for a in &attrs[1..] {
        assert_eq!(nl::kind(a), uapi::dev::EAM);
        let inner = nl::nested(a);
        assert_eq!(
            inner.iter().map(nl::kind).collect::<Vec<_>>(),
            vec![uapi::eam::IPV4, uapi::eam::IPV6, uapi::eam::ALLOW_OVERLAP]
        );
        let p4 = nl::nested(&inner[0]);
        assert_eq!(nl::payload(&p4[0]), &[192, 0, 2, 16]);
        assert_eq!(nl::get_u8(&p4[1]), Some(28));
        let p6 = nl::nested(&inner[1]);
        assert_eq!(nl::payload(&p6[0]), &v6("2001:db8:cccc::").octets());
        assert_eq!(nl::get_u8(&p6[1]), Some(124));
    }
    let (c, attrs) = roundtrip(&eam::del_request(
        5,
        &[eam::Key::V4(v4("192.0.2.1"), 32), eam::Key::V6(v6("2001:db8::"), 64)],
    ));
    assert_eq!(c, cmd::EAM_DEL);
    let k0 = nl::nested(&attrs[1]);
    assert_eq!((k0.len(), nl::kind(&k0[0])), (1, uapi::eam::IPV4));
    let k1 = nl::nested(&attrs[2]);
    assert_eq!((k1.len(), nl::kind(&k1[0])), (1, uapi::eam::IPV6));
    assert_eq!(nl::get_u8(&nl::nested(&k1[0])[1]), Some(64));
}

#[test]
fn eam_entry_offsets_cover_message() {
    let e = eam::Entry { v4: (v4("10.0.0.0"), 24), v6: (v6("2001:db8::"), 120), allow_overlap: false };
    let req = eam::add_request(5, &[e.clone(), e]);
    let bytes = req.to_bytes(1, 1);
    let offs = eam::entry_offsets(&req);
    assert_eq!(offs.len(), 2);
    assert_eq!(offs[0].0, 28); // 16 + 4 + ifindex(8)
    assert_eq!(offs[1].0, offs[0].1);
    assert_eq!(offs[1].1, bytes.len());
    // Each offset is the start of an eam nest.
    for (s, _) in offs {
        let ty = u16::from_ne_bytes(bytes[s + 2..s + 4].try_into().unwrap()) & 0x3fff;
        assert_eq!(ty, uapi::dev::EAM);
    }
}

#[test]
fn encode_query() {
    let (c, attrs) = roundtrip(&query::request(2, &IpAddr::V4(v4("192.0.2.33"))));
    assert_eq!(c, cmd::QUERY);
    let q = nl::nested(&attrs[1]);
    assert_eq!(nl::kind(&q[0]), uapi::addr_query::ADDRESS);
    assert_eq!(nl::payload(&q[0]), &[192, 0, 2, 33]);
    let (_, attrs) = roundtrip(&query::request(2, &IpAddr::V6(v6("64:ff9b::1"))));
    assert_eq!(nl::payload(&nl::nested(&attrs[1])[0]).len(), 16);
}

// ---- decoding and JSON ----------------------------------------------------

fn dev_reply() -> Vec<Attr> {
    let c = DevConfig {
        prefix6: Some(Prefix6::Set(v6("64:ff9b::"), 96)),
        lowest_ipv6_mtu: Some(1280),
        profile: Some(0),
        hairpin: Some(2),
        wkp_strict: Some(true),
        udp_zero_csum: Some(0),
        icmp_src4_fallback: Some((v4("192.0.0.8"), 32)),
        icmp_src4_pool_mode: Some(0),
        icmp_src6_fallback: Some(None),
        icmp_errors: Some(true),
        zero_traffic_class: Some(false),
        tos: Some(Tos::Inherit),
        ..Default::default()
    };
    let (_, attrs) = roundtrip(&dev::set_request(7, &c));
    attrs
}

#[test]
fn json_dev_show() {
    let mut d = dev::DevInfo::from_attrs(&dev_reply());
    d.ifname = Some("clat0".into());
    let out = Output { json: true, pretty: false };
    let v: serde_json::Value = serde_json::from_str(&out.list(&[d.clone()], |d| d.to_text())).unwrap();
    let o = &v[0];
    assert_eq!(o["ifindex"], 7);
    assert_eq!(o["ifname"], "clat0");
    assert_eq!(o["xlat-prefix6"]["prefix"], "64:ff9b::");
    assert_eq!(o["xlat-prefix6"]["prefix-len"], 96);
    assert_eq!(o["lowest-ipv6-mtu"], 1280);
    assert_eq!(o["profile"], "generic");
    assert_eq!(o["eam-hairpin-mode"], "intrinsic");
    assert_eq!(o["wkp-strict"], true);
    assert_eq!(o["icmp-src4-fallback"]["prefix"], "192.0.0.8");
    assert_eq!(o["icmp-src4-pool-mode"], "random");
    assert!(o.get("icmp-src6-fallback").is_none(), "all-zero means unset");
    assert!(o.get("netnsid").is_none());
    assert_eq!(o["override-tos"], false);
    let text = d.to_text();
    assert!(text.starts_with("7: clat0\n    prefix 64:ff9b::/96 lowest-ipv6-mtu 1280 profile generic\n"), "{text}");
    assert!(text.contains("tos inherit"));
    // Pretty output is multi-line but the same value.
    let p = Output { json: true, pretty: true }.list(&[d], |d| d.to_text());
    assert!(p.lines().count() > 5);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&p).unwrap(), v);
}

#[test]
fn json_v1_only_reply() {
    // A v1 kernel sends only ifindex and config{xlat-prefix6, lowest-ipv6-mtu}.
    let c = DevConfig {
        prefix6: Some(Prefix6::Set(v6("2001:db8:100::"), 40)),
        lowest_ipv6_mtu: Some(1280),
        ..Default::default()
    };
    let (_, attrs) = roundtrip(&dev::set_request(3, &c));
    let d = dev::DevInfo::from_attrs(&attrs);
    let v = serde_json::to_value(&d).unwrap();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 3, "{keys:?}");
    assert_eq!(v["xlat-prefix6"]["prefix-len"], 40);
    assert_eq!(d.to_text(), "3: ?\n    prefix 2001:db8:100::/40 lowest-ipv6-mtu 1280\n");
}

#[test]
fn json_eam_stats_query() {
    let e = eam::Entry { v4: (v4("192.0.2.224"), 31), v6: (v6("64:ff9b::"), 127), allow_overlap: false };
    let (_, attrs) = roundtrip(&eam::add_request(5, &[e]));
    let entries = eam::entries_from_attrs(&attrs);
    let v = serde_json::to_value(&entries).unwrap();
    assert_eq!(v[0]["ipv4"]["prefix"], "192.0.2.224");
    assert_eq!(v[0]["ipv4"]["prefix-len"], 31);
    assert_eq!(v[0]["ipv6"]["prefix"], "64:ff9b::");
    assert_eq!(v[0]["ipv6"]["prefix-len"], 127);

    // stats reply: build it with the same attribute helpers.
    use uapi::{drop_stat, stats as st};
    let u64a = |t, v: u64| {
        let b = v.to_ne_bytes();
        nl::attr_bytes(t, &b)
    };
    let stats_nest = nl::attr_nest(
        uapi::dev::STATS,
        &[
            u64a(st::TX_46_PACKETS, 10),
            u64a(st::TX_46_BYTES, 1000),
            u64a(st::TX_64_PACKETS, 20),
            u64a(st::TX_64_BYTES, 2000),
            u64a(st::ICMP_ERRORS_SENT, 3),
            u64a(st::DROPS, 5),
            nl::attr_nest(
                st::DROP,
                &[nl::attr_u32(drop_stat::REASON, 9), u64a(drop_stat::PACKETS, 4)],
            ),
            nl::attr_nest(
                st::DROP,
                &[nl::attr_u32(drop_stat::REASON, 27), u64a(drop_stat::PACKETS, 1)],
            ),
        ],
    );
    let req = Request::new(cmd::STATS_GET, vec![nl::attr_u32(uapi::dev::IFINDEX, 7), stats_nest]);
    let (_, attrs) = roundtrip(&req);
    let s = stats::StatsOut::from_attrs(&attrs);
    let v = serde_json::to_value(&s).unwrap();
    assert_eq!(v["tx-46-packets"], 10);
    assert_eq!(v["tx-64-bytes"], 2000);
    assert_eq!(v["icmp-errors-sent"], 3);
    assert_eq!(v["drops"], 5);
    assert_eq!(v["drop"]["hop-limit-exceeded"], 4);
    assert_eq!(v["drop"]["no-config"], 1);
    assert_eq!(v["drop"]["malformed-ipv4"], 0);
    assert_eq!(v["drop"].as_object().unwrap().len(), uapi::DROP_REASON.len());
    let text = s.to_text();
    assert!(text.contains("hop-limit-exceeded      4\n"), "{text}");
    assert!(text.find("malformed-ipv4").unwrap() < text.find("no-config").unwrap());

    // query reply
    use uapi::addr_query as aq;
    let q = nl::attr_nest(
        uapi::dev::QUERY,
        &[
            nl::attr_bytes(aq::ADDRESS, &[192, 0, 2, 33]),
            nl::attr_bytes(aq::RESULT, &v6("64:ff9b::c000:221").octets()),
            nl::attr_u32(aq::RULE, 1),
        ],
    );
    let req = Request::new(cmd::QUERY, vec![nl::attr_u32(uapi::dev::IFINDEX, 7), q]);
    let (_, attrs) = roundtrip(&req);
    let asked = IpAddr::V4(v4("192.0.2.33"));
    let out = query::QueryOut::from_attrs(&attrs, &asked);
    assert_eq!(out.to_text(), "192.0.2.33 -> 64:ff9b::c000:221 (prefix6)\n");
    let v = serde_json::to_value(&out).unwrap();
    assert_eq!(v, serde_json::json!({"address": "192.0.2.33", "result": "64:ff9b::c000:221", "rule": "prefix6"}));
    let none = query::QueryOut::from_attrs(&[], &asked);
    assert_eq!(none.rule, "none");
    assert_eq!(none.result, None);
}

#[test]
fn monitor_decode() {
    use crate::commands::monitor::ChangeOut;
    let attrs = vec![nl::attr_u32(uapi::dev::IFINDEX, 4), nl::attr_u32(uapi::dev::CHANGE, 1)];
    let c = ChangeOut::from_msg(cmd::CHANGE_NTF, &attrs).unwrap();
    assert_eq!(c.change, "eam-add");
    assert_eq!(c.to_text(), "4: ? eam-add\n");
    assert_eq!(
        serde_json::to_value(&c).unwrap(),
        serde_json::json!({"ifindex": 4, "change": "eam-add"})
    );
    assert!(ChangeOut::from_msg(cmd::DEV_GET, &attrs).is_none());
}

// ---- kernel errors ----------------------------------------------------------

#[test]
fn error_text_quotes_extack() {
    let e = NlError::Kernel {
        errno: libc::EINVAL,
        msg: Some("unsupported RFC 6052 prefix length: 33".into()),
        offset: None,
    };
    assert_eq!(
        e.to_string(),
        "unsupported RFC 6052 prefix length: 33 (Invalid argument, errno 22)"
    );
    let e = NlError::Kernel { errno: libc::EPERM, msg: None, offset: None };
    assert_eq!(e.to_string(), "Operation not permitted (errno 1)");
    assert_eq!(Error::Nl(e).exit_code(), 1);
    assert_eq!(Error::NoDevice("x".into()).exit_code(), 1);
}

#[test]
fn error_message_parsed_from_wire() {
    // NLMSG_ERROR carrying the echoed request and an extack message+offset.
    let req = dev::get_request(Some(7));
    let echoed = req.to_bytes(0x20, 5);
    let mut tlvs = Vec::new();
    let msg = b"specified interface is not ipxlat\0";
    tlvs.extend(((4 + msg.len()) as u16).to_ne_bytes());
    tlvs.extend(1u16.to_ne_bytes());
    tlvs.extend(msg);
    while tlvs.len() % 4 != 0 {
        tlvs.push(0);
    }
    tlvs.extend(8u16.to_ne_bytes());
    tlvs.extend(2u16.to_ne_bytes());
    tlvs.extend(20u32.to_ne_bytes());
    let mut body = (-libc::EINVAL).to_ne_bytes().to_vec();
    body.extend(&echoed);
    body.extend(&tlvs);
    let mut m = ((16 + body.len()) as u32).to_ne_bytes().to_vec();
    m.extend(2u16.to_ne_bytes()); // NLMSG_ERROR
    m.extend(0x200u16.to_ne_bytes()); // NLM_F_ACK_TLVS
    m.extend(5u32.to_ne_bytes());
    m.extend(0u32.to_ne_bytes());
    m.extend(body);
    let err = nl::error_from_bytes(&m).expect("error message");
    assert_eq!(
        err,
        NlError::Kernel {
            errno: libc::EINVAL,
            msg: Some("specified interface is not ipxlat".into()),
            offset: Some(20)
        }
    );
}

// ---- batch ------------------------------------------------------------------

#[test]
fn batch_packs_eam_add() {
    let mut text = String::from("# load table\n\ndev set siit0 prefix 64:ff9b::/96\n");
    for i in 0..1000u32 {
        text += &format!("eam add 10.{}.{}.0/24 2001:db8:{:x}::/120 dev siit0\n", i / 256, i % 256, i);
    }
    text += "eam add 192.0.2.1 2001:db8::1 dev other0   # other device\n";
    text += "eam del 192.0.2.1 dev other0\neam del 2001:db8::1 dev other0\n";
    text += "stats dev siit0\n";
    let steps = batch::plan(&text).unwrap();
    assert_eq!(steps.len(), 5);
    assert!(matches!(&steps[0], Step::One { line: 3, .. }));
    let Step::EamAdd { dev, entries } = &steps[1] else { panic!("{:?}", steps[1]) };
    assert_eq!(dev, "siit0");
    assert_eq!(entries.len(), 1000);
    assert_eq!(entries[0].0, 4);
    assert_eq!(entries[999].0, 1003);
    assert!(matches!(&steps[2], Step::EamAdd { entries, .. } if entries.len() == 1));
    assert!(matches!(&steps[3], Step::EamDel { keys, .. } if keys.len() == 2));
    assert!(matches!(&steps[4], Step::One { line: 1007, action: Action::StatsShow { .. } }));
    // One message carries many entries; an error reply echoes it, so the
    // largest one (every entry with allow-overlap) must leave room for the
    // error header and extack in one receive buffer.
    let bytes = largest_eam_request().to_bytes(1, 1);
    assert!(bytes.len() + 1024 < nl::RECV_BUFFER_LEN, "{}", bytes.len());
    const _: () = assert!(eam::ENTRIES_PER_MSG >= 2048);
}

/// The largest eam-add request the batch mode sends.
fn largest_eam_request() -> Request {
    let e = eam::Entry {
        v4: (Ipv4Addr::new(255, 255, 255, 255), 32),
        v6: (v6("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"), 128),
        allow_overlap: true,
    };
    eam::add_request(u32::MAX, &vec![e; eam::ENTRIES_PER_MSG])
}

#[test]
fn neli_buffer_matches_recv_buffer_len() {
    assert_eq!(option_env!("NELI_AUTO_BUFFER_LEN"), Some(nl::RECV_BUFFER_LEN.to_string().as_str()));
}

#[test]
fn batch_reports_line_of_bad_command() {
    let text = "dev show\n# c\neam add 192.0.2.1 dev x\n";
    let e = batch::plan(text).unwrap_err();
    assert_eq!((e.first, e.last), (3, 3));
    assert_eq!(e.error.exit_code(), 2);
    assert!(e.to_string().starts_with("line 3: "), "{e}");
    let e = batch::plan("frob\n").unwrap_err();
    assert_eq!(e.first, 1);
    let e = batch::plan("-b other dev show\n").unwrap_err();
    assert_eq!(e.error.exit_code(), 2);
    assert!(batch::plan("   \n# only comments\n").unwrap().is_empty());
    assert_eq!(batch::split_words("eam show dev x # trailing"), vec!["eam", "show", "dev", "x"]);
}

#[test]
fn batch_allow_overlap_line_starts_a_new_request() {
    // As separate commands all four succeed: line 2 may overlap line 1.
    // Packed with it, the kernel would check line 1 against line 2.
    let text = "eam add 10.1.0.0/16 2001:db8:1::/112 dev siit0\n\
                eam add 10.0.0.0/8 2001:db8::/104 dev siit0 allow-overlap\n\
                eam add 10.2.0.0/16 2001:db8:2::/112 dev siit0 allow-overlap\n\
                eam add 192.0.2.0/24 2001:db8:3::/120 dev siit0\n\
                eam add 10.3.0.0/16 2001:db8:4::/112 dev siit0 allow-overlap\n";
    let lines: Vec<Vec<usize>> = batch::plan(text)
        .unwrap()
        .iter()
        .map(|s| match s {
            Step::EamAdd { entries, .. } => entries.iter().map(|(l, _)| *l).collect(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines, vec![vec![1], vec![2, 3, 4], vec![5]]);
}

#[test]
fn batch_plan_100k_packs_into_full_requests() {
    let mut text = String::new();
    for i in 0..100_000u32 {
        let a = Ipv4Addr::from(0x0a00_0000 + i);
        text += &format!("eam add {a} 2001:db8::{:x}:{:x} dev siit0\n", i >> 16, i & 0xffff);
    }
    let steps = batch::plan(&text).unwrap();
    assert_eq!(steps.len(), 1);
    let Step::EamAdd { entries, .. } = &steps[0] else { panic!() };
    let mut msgs = 0;
    for chunk in entries.chunks(eam::ENTRIES_PER_MSG) {
        let list: Vec<_> = chunk.iter().map(|(_, e)| e.clone()).collect();
        let _ = eam::add_request(1, &list).to_bytes(1, 1);
        msgs += 1;
    }
    assert_eq!(msgs, 100_000usize.div_ceil(eam::ENTRIES_PER_MSG));
}

// ---- transport against the host kernel's nlctrl family ---------------------
// These use a real generic netlink socket (no ipxlat module needed): the
// controller family exercises the same dump/ACK/extack paths.

const GENL_ID_CTRL: u16 = 0x10;
const CTRL_CMD_GETFAMILY: u8 = 3;
const CTRL_ATTR_FAMILY_ID: u16 = 1;
const CTRL_ATTR_FAMILY_NAME: u16 = 2;

fn ctrl_conn() -> Option<nl::Conn> {
    match nl::Conn::open_family_id(GENL_ID_CTRL) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("skipping: no generic netlink socket: {e}");
            None
        }
    }
}

fn ctrl_req(attrs: Vec<Attr>, dump: bool) -> Request {
    // nlctrl speaks version 2 but accepts any; keep our builder.
    let mut r = Request::new(CTRL_CMD_GETFAMILY, attrs);
    r.dump = dump;
    r
}

#[test]
fn transport_dump_terminates() {
    let Some(mut c) = ctrl_conn() else { return };
    let replies = c.request(&ctrl_req(vec![], true)).expect("dump");
    assert!(!replies.is_empty());
    let names: Vec<String> = replies
        .iter()
        .filter_map(|r| nl::find(r, CTRL_ATTR_FAMILY_NAME))
        .map(|a| String::from_utf8_lossy(nl::payload(a)).trim_end_matches('\0').to_string())
        .collect();
    assert!(names.iter().any(|n| n == "nlctrl"), "{names:?}");
    // The socket is reusable after a dump (sequence numbers match up).
    let again = c.request(&ctrl_req(vec![], true)).expect("second dump");
    assert_eq!(again.len(), replies.len());
}

#[test]
fn transport_do_with_reply_and_ack() {
    let Some(mut c) = ctrl_conn() else { return };
    let r = ctrl_req(vec![nl::attr_bytes(CTRL_ATTR_FAMILY_NAME, b"nlctrl\0")], false);
    let replies = c.request(&r).expect("getfamily nlctrl");
    assert_eq!(replies.len(), 1);
    let id = nl::find(&replies[0], CTRL_ATTR_FAMILY_ID).map(|a| nl::payload(a)[..2].to_vec());
    assert_eq!(id, Some(GENL_ID_CTRL.to_ne_bytes().to_vec()));
}

#[test]
fn transport_kernel_error_and_extack() {
    let Some(mut c) = ctrl_conn() else { return };
    let r = ctrl_req(vec![nl::attr_bytes(CTRL_ATTR_FAMILY_NAME, b"no-such-family\0")], false);
    match c.request(&r) {
        Err(NlError::Kernel { errno, .. }) => assert_eq!(errno, libc::ENOENT),
        other => panic!("{other:?}"),
    }
    // A policy violation (family id is a u16, one byte is too short)
    // comes with extack text and the offset of the bad attribute.
    let r = ctrl_req(vec![nl::attr_bytes(CTRL_ATTR_FAMILY_ID, &[1])], false);
    match c.request(&r) {
        Err(NlError::Kernel { errno, msg, offset }) => {
            assert_eq!(errno, libc::ERANGE);
            assert_eq!(msg.as_deref(), Some("Attribute failed policy validation"));
            assert_eq!(offset, Some(20), "first attribute after the headers");
        }
        other => panic!("{other:?}"),
    }
    // The socket still works after errors.
    assert!(c.request(&ctrl_req(vec![], true)).is_ok());
}

#[test]
fn transport_error_echoing_largest_request_is_read_whole() {
    let Some(mut c) = ctrl_conn() else { return };
    // A refused request as large as the largest EAM batch request: the
    // error ACK echoes all of it and must still parse as a kernel error.
    let size = largest_eam_request().to_bytes(1, 1).len();
    let name = nl::attr_bytes(CTRL_ATTR_FAMILY_NAME, b"no-such-family\0");
    // Padding attributes (an attribute holds at most 64 KiB) fill the rest.
    let mut attrs = vec![name];
    let mut left = size - 20 - 20;
    while left > 0 {
        let chunk = left.min(60_000);
        attrs.push(nl::attr_bytes(CTRL_ATTR_FAMILY_NAME + 100, &vec![0; chunk - 4]));
        left -= chunk;
    }
    let r = ctrl_req(attrs, false);
    assert_eq!(r.to_bytes(1, 1).len(), size);
    match c.request(&r) {
        Err(NlError::Kernel { errno, .. }) => assert!(errno == libc::ENOENT || errno == libc::EINVAL, "{errno}"),
        other => panic!("{other:?}"),
    }
    assert!(c.request(&ctrl_req(vec![], true)).is_ok());
}

#[test]
fn batch_maps_extack_offset_to_line() {
    let e = |i: u32| eam::Entry {
        v4: (Ipv4Addr::from(0x0a00_0000 + (i << 8)), 24),
        v6: (v6("2001:db8::"), 120),
        allow_overlap: false,
    };
    let req = eam::add_request(1, &[e(0), e(1), e(2)]);
    let lines = [10, 11, 14];
    let offs = eam::entry_offsets(&req);
    let kerr = |offset| {
        Error::Nl(NlError::Kernel { errno: libc::EEXIST, msg: Some("exists".into()), offset })
    };
    // Offset inside the third entry's nest (e.g. its ipv6 prefix).
    let be = batch::chunk_error(&req, &lines, kerr(Some((offs[2].0 + 20) as u32)));
    assert_eq!((be.first, be.last), (14, 14));
    assert!(be.to_string().starts_with("line 14: exists"), "{be}");
    // No offset: the whole request's lines.
    let be = batch::chunk_error(&req, &lines, kerr(None));
    assert_eq!((be.first, be.last), (10, 14));
    assert!(be.to_string().starts_with("lines 10-14: "), "{be}");
}
