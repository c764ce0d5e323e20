// SPDX-License-Identifier: GPL-2.0

//! The fast paths (`v4_to_v6::fast`, `v6_to_v4::fast`) against the full
//! paths, and host route lookups (`mtu*_toward`) only when they can change
//! the result (SPEC 3.2, 3.3).

mod common;

use common::{cfg_ref, eamt, fh, meta, run_with, TestHost, V4, V6};
use ipxlat_engine::engine::addr::prefix6::Prefix6;
use ipxlat_engine::engine::config::{Config, HairpinMode};
use ipxlat_engine::engine::packet::{ChecksumState, Host, Meta, PacketBuf, Verdict};
use ipxlat_engine::engine::translate::translate_verdict;
use ipxlat_engine::engine::verdict::{DropReason, IcmpError};
use ipxlat_engine::engine::{v4_to_v6, v6_to_v4};
use proptest::prelude::*;

/// Test host that records every call.
#[derive(Clone, Debug, Default)]
struct LogHost {
    mtu6: u32,
    mtu4: u32,
    calls: Vec<String>,
    next_id: u16,
}

impl LogHost {
    fn new(mtu6: u32, mtu4: u32) -> Self {
        LogHost { mtu6, mtu4, calls: Vec::new(), next_id: 0x4321 }
    }
    fn count(&self, name: &str) -> usize {
        self.calls.iter().filter(|c| c.starts_with(name)).count()
    }
}

impl Host for LogHost {
    fn payload_sum(&mut self, offset: usize, len: usize) -> u32 {
        self.calls.push(format!("payload_sum {offset} {len}"));
        0x1234
    }
    fn mtu6_toward(&mut self, dst: &[u8; 16]) -> u32 {
        self.calls.push(format!("mtu6 {dst:?}"));
        self.mtu6
    }
    fn mtu4_toward(&mut self, dst: [u8; 4]) -> u32 {
        self.calls.push(format!("mtu4 {dst:?}"));
        self.mtu4
    }
    fn ipv4_id(&mut self, src: [u8; 4], dst: [u8; 4], protocol: u8, segments: u16) -> u16 {
        self.calls.push(format!("id {src:?} {dst:?} {protocol} {segments}"));
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }
    fn random_u32(&mut self) -> u32 {
        self.calls.push("random".into());
        9
    }
}

const HEADROOM: usize = 64;

/// Runs `f` on a copy of `pkt` in a buffer with headroom; the verdict, the
/// buffer afterwards and the host call log.
fn run_one(
    f: fn(&Config<'_>, &mut PacketBuf<'_>, &Meta, &mut LogHost) -> Verdict,
    cfg: &Config<'_>,
    pkt: &[u8],
    m: &Meta,
    host: &LogHost,
) -> (Verdict, Vec<u8>, LogHost) {
    let mut h = host.clone();
    let mut buf = vec![0u8; HEADROOM + pkt.len()];
    buf[HEADROOM..].copy_from_slice(pkt);
    let mut p = PacketBuf { buf: &mut buf, start: HEADROOM, len: pkt.len() };
    let v = f(cfg, &mut p, m, &mut h);
    (v, buf, h)
}

fn full46(c: &Config<'_>, p: &mut PacketBuf<'_>, m: &Meta, h: &mut LogHost) -> Verdict {
    v4_to_v6::translate_full(c, p, m, h)
}
fn fast46(c: &Config<'_>, p: &mut PacketBuf<'_>, m: &Meta, h: &mut LogHost) -> Verdict {
    v4_to_v6::translate(&(*c).into(), p, m, h)
}
fn full64(c: &Config<'_>, p: &mut PacketBuf<'_>, m: &Meta, h: &mut LogHost) -> Verdict {
    v6_to_v4::translate_full(c, p, m, h)
}
fn fast64(c: &Config<'_>, p: &mut PacketBuf<'_>, m: &Meta, h: &mut LogHost) -> Verdict {
    v6_to_v4::translate(&(*c).into(), p, m, h)
}

/// The engine's entry point (`translate::translate`, which dispatches to
/// the fast paths by version and mode itself).
fn entry(c: &Config<'_>, p: &mut PacketBuf<'_>, m: &Meta, h: &mut LogHost) -> Verdict {
    translate_verdict(&(*c).into(), p, m, h)
}

/// Same verdict, bytes and host calls with and without the fast path, and
/// through the entry point.
fn assert_same(v4: bool, cfg: &Config<'_>, pkt: &[u8], m: &Meta, host: &LogHost) -> Verdict {
    let (fast, full) = if v4 { (fast46 as _, full46 as _) } else { (fast64 as _, full64 as _) };
    let a = run_one(fast, cfg, pkt, m, host);
    let b = run_one(full, cfg, pkt, m, host);
    assert_eq!(a.0, b.0, "verdict");
    assert_eq!(a.1, b.1, "buffer");
    assert_eq!(a.2.calls, b.2.calls, "host calls");
    // Only packets of the direction's version: the entry point sends the
    // others to the other direction or drops them.
    if pkt.first().map(|b| b >> 4) == Some(if v4 { 4 } else { 6 }) {
        let e = run_one(entry, cfg, pkt, m, host);
        assert_eq!(e.0, b.0, "verdict (entry point)");
        assert_eq!(e.1, b.1, "buffer (entry point)");
        assert_eq!(e.2.calls, b.2.calls, "host calls (entry point)");
    }
    a.0
}

fn small_payload() -> Vec<u8> {
    (0..100u8).collect()
}

/// Count of `mtu*_toward` calls made by the whole engine for one packet.
fn mtu_calls(cfg: &Config<'_>, pkt: &[u8], mtu6: u32, mtu4: u32) -> (Verdict, usize, usize) {
    let v4 = pkt[0] >> 4 == 4;
    let host = LogHost::new(mtu6, mtu4);
    let v = assert_same(v4, cfg, pkt, &meta(), &host);
    let (_, _, h) = run_one(if v4 { fast46 } else { fast64 }, cfg, pkt, &meta(), &host);
    (v, h.count("mtu6"), h.count("mtu4"))
}

const NS4: &str = "198.51.100.2";
const T4: &str = "192.0.2.33";
const NS4_6: &str = "2001:db8:1c6:3364:2::";
const T6: &str = "2001:db8:1c0:2:21::";

#[test]
fn small_packets_need_no_route_lookup() {
    let cfg = cfg_ref();
    let p = small_payload();
    for df in [false, true] {
        let mut h = V4::new(NS4, T4, 17);
        h.df = df;
        for pkt in [h.udp(4242, 5555, &p), { let mut t = h.clone(); t.proto = 6; t.tcp(&p) }, { let mut e = h.clone(); e.proto = 1; e.echo(8, &p) }] {
            let (v, m6, m4) = mtu_calls(&cfg, &pkt, 1500, 1500);
            assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
            assert_eq!((m6, m4), (0, 0));
        }
    }
    // A 46 fragment: Fragment header, still small.
    let mut h = V4::new(NS4, T4, 17);
    h.mf = true;
    let (v, m6, _) = mtu_calls(&cfg, &h.udp(4242, 5555, &p), 1500, 1500);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(m6, 0);
    // Largest 46 packet without a lookup: 1260 + 20 = 1280.
    let pkt = V4::new(NS4, T4, 17).udp(1, 2, &vec![7u8; 1260 - 28]);
    assert_eq!(mtu_calls(&cfg, &pkt, 1500, 1500).1, 0);
    // 64: anything up to len4 1260 (DF=0, the host fragments).
    for pkt in [V6::new(T6, NS4_6).udp(5555, 4242, &p), V6::new(T6, NS4_6).tcp(&p), V6::new(T6, NS4_6).echo(128, &p)] {
        let (v, m6, m4) = mtu_calls(&cfg, &pkt, 1500, 1500);
        assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
        assert_eq!((m6, m4), (0, 0));
    }
    let pkt = V6::new(T6, NS4_6).udp(1, 2, &vec![7u8; 1260 - 28]);
    assert_eq!(mtu_calls(&cfg, &pkt, 1500, 1500).2, 0);
    // 64 non-first fragment, even a large one: DF=0, the host fragments.
    let pkt = V6::new(T6, NS4_6).with_ext(44, fh(100, true, 7)).packet(17, &vec![7u8; 1400]);
    let (v, _, m4) = mtu_calls(&cfg, &pkt, 1500, 1280);
    assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
    assert_eq!(m4, 0);
}

#[test]
fn large_packets_ask_the_host_once() {
    let cfg = cfg_ref();
    let big = vec![7u8; 1300];
    // 46 DF=1: fits, or 3/4 with MTU6_nh − 20.
    let mut h = V4::new(NS4, T4, 17);
    h.df = true;
    let pkt = h.udp(1, 2, &big);
    let (v, m6, _) = mtu_calls(&cfg, &pkt, 1500, 1500);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(m6, 1);
    let (v, m6, _) = mtu_calls(&cfg, &pkt, 1300, 1500);
    assert_eq!(v, Verdict::Reject(IcmpError::V4 { icmp_type: 3, code: 4, info: 1280 }, DropReason::PacketTooBig));
    assert_eq!(m6, 1);
    // 46 DF=0 above 1280: split at min(LIM, MTU6_nh).
    let pkt = V4::new(NS4, T4, 17).udp(1, 2, &big);
    let (v, m6, _) = mtu_calls(&cfg, &pkt, 1500, 1500);
    assert!(matches!(v, Verdict::Translated(t) if t.fragment.is_some()), "{v:?}");
    assert_eq!(m6, 1);
    // 64 DF=1 (len4 > 1260): fits, or 2/0 with max(1280, MTU4_nh + 20).
    let pkt = V6::new(T6, NS4_6).udp(1, 2, &big);
    let (v, _, m4) = mtu_calls(&cfg, &pkt, 1500, 1500);
    assert!(matches!(v, Verdict::Translated(_)));
    assert_eq!(m4, 1);
    let (v, _, m4) = mtu_calls(&cfg, &pkt, 1500, 1300);
    assert_eq!(v, Verdict::Reject(IcmpError::V6 { icmp_type: 2, code: 0, info: 1320 }, DropReason::PacketTooBig));
    assert_eq!(m4, 1);
    // 64 first fragment: asked even when small.
    let pkt = V6::new(T6, NS4_6).with_ext(44, fh(0, true, 7)).packet(17, &common::udp_v6(common::v6(T6), common::v6(NS4_6), 1, 2, &[1u8; 80]));
    let (v, _, m4) = mtu_calls(&cfg, &pkt, 1500, 1500);
    assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
    assert_eq!(m4, 1);
}

#[test]
fn fast_path_output_passes_the_oracle() {
    // run_with checks every output with the etherparse oracle.
    let cfg = cfg_ref();
    let p = small_payload();
    for pkt in [V4::new(NS4, T4, 17).udp(4242, 5555, &p), V4::new(NS4, T4, 6).tcp(&p), V6::new(T6, NS4_6).udp(5555, 4242, &p), V6::new(T6, NS4_6).tcp(&p)] {
        let o = run_with(&cfg, &pkt, &meta(), &mut TestHost::new());
        assert!(matches!(o.verdict, Verdict::Translated(_)));
    }
}

#[test]
fn prefix6_words_match_bytes() {
    let vals = [[0u8; 4], [192, 0, 2, 33], [255, 255, 255, 255], [1, 2, 3, 4]];
    for len in [32u8, 40, 48, 56, 64, 96] {
        let mut a = [0x5au8; 16];
        a[8] = 0;
        let p = Prefix6 { addr: a, len };
        for v in vals {
            let e = p.embed(v);
            let (hi, lo) = p.embed_words(u32::from_be_bytes(v));
            assert_eq!(ipxlat_engine::engine::addr::prefix6::join_words(hi, lo), e);
            assert_eq!(p.try_extract(&e), Ok(v));
            assert_eq!(p.try_extract_words(hi, lo), Ok(u32::from_be_bytes(v)));
            let mut u = e;
            u[8] = 1;
            let (uh, ul) = ipxlat_engine::engine::addr::prefix6::split_words(&u);
            assert_eq!(p.try_extract_words(uh, ul).map(u32::to_be_bytes), p.try_extract(&u));
            let mut o = e;
            o[0] ^= 0x80;
            let (oh, ol) = ipxlat_engine::engine::addr::prefix6::split_words(&o);
            assert_eq!(p.try_extract_words(oh, ol).map(u32::to_be_bytes), p.try_extract(&o));
        }
    }
}

/// The WKP rule (SPEC 1.2) on the 64 fast path, which tests it on the
/// IPv6 addresses before extracting: with 64:ff9b::/96 as prefix (the
/// IPv4 address in the last four bytes), and with a shorter prefix that
/// covers it (64:ff9b::/64: any address of the WKP is the full path's).
/// Global and non-global addresses in either position, `wkp-strict` on
/// and off, complete and partial checksums: same outcome as the full path.
#[test]
fn wkp_rule_on_the_64_fast_path() {
    let p = small_payload();
    let mut p64 = Config::DEFAULT;
    p64.prefix6 = Prefix6::new(common::v6("64:ff9b::"), 64).ok();
    let mut lax = Config::DEFAULT;
    lax.wkp_strict = false;
    let mut lax64 = p64;
    lax64.wkp_strict = false;
    // 8.8.8.8 and 1.1.1.1 are global; 192.0.2.33 and 198.51.100.2 are
    // documentation (non-global). "64:ff9b::8:808:800:0" is 8.8.8.8 under
    // 64:ff9b::/64 (outside 64:ff9b::/96).
    let pairs = [
        ("64:ff9b::808:808", "64:ff9b::101:101"),
        ("64:ff9b::c000:221", "64:ff9b::808:808"),
        ("64:ff9b::808:808", "64:ff9b::c633:6402"),
        ("64:ff9b::8:808:800:0", "64:ff9b::1:101:100:0"),
        ("64:ff9b::8:808:800:0", "64:ff9b::101:101"),
        ("64:ff9b::c000:221", "64:ff9b::1:101:100:0"),
    ];
    for cfg in [Config::DEFAULT, p64, lax, lax64] {
        for (src, dst) in pairs {
            for pkt in [V6::new(src, dst).udp(1, 2, &p), V6::new(src, dst).tcp(&p)] {
                for partial in [false, true] {
                    let m = Meta { csum: if partial { ChecksumState::Partial } else { ChecksumState::Complete }, gso: None, hop_already_decremented: false };
                    assert_same(false, &cfg, &pkt, &m, &LogHost::new(1500, 1500));
                }
            }
        }
    }
    // Global addresses under the WKP are translated (not dropped).
    let pkt = V6::new(pairs[0].0, pairs[0].1).udp(1, 2, &p);
    let v = assert_same(false, &Config::DEFAULT, &pkt, &meta(), &LogHost::new(1500, 1500));
    assert!(matches!(v, Verdict::Translated(_)), "{v:?}");
    // Non-global ones are dropped under wkp-strict.
    let pkt = V6::new(pairs[2].0, pairs[2].1).udp(1, 2, &p);
    let v = assert_same(false, &Config::DEFAULT, &pkt, &meta(), &LogHost::new(1500, 1500));
    assert!(matches!(v, Verdict::Drop(_)), "{v:?}");
}

/// The 64 fast path's own entry (`v6_to_v4::fast::translate`) tests the
/// version, which `translate::translate` tests before its fast path: a
/// packet of another version is the full path's.
#[test]
fn fast64_entry_tests_the_version() {
    let p = small_payload();
    for version in [0u8, 4, 5, 7, 15] {
        let mut pkt = V6::new(T6, NS4_6).udp(1, 2, &p);
        pkt[0] = version << 4 | (pkt[0] & 0x0f);
        assert_same(false, &cfg_ref(), &pkt, &meta(), &LogHost::new(1500, 1500));
    }
}

/// Configurations the property test draws from.
fn configs() -> Vec<Config<'static>> {
    let base = cfg_ref();
    let mut wkp = Config::DEFAULT;
    wkp.wkp_strict = true;
    let mut tc = base;
    tc.zero_traffic_class = true;
    tc.override_tos = Some(0x2e);
    let mut noerr = base;
    noerr.icmp_errors = false;
    let e = eamt(&[("198.51.100.2", 32, "2001:db8:eeee::2", 128), ("192.0.2.0", 24, "2001:db8:ffff::", 120), ("1.0.0.0", 24, "2001:db8:3::", 120)]);
    let eam = base.with_eamt(e);
    let mut simple = eam;
    simple.hairpin = HairpinMode::Simple;
    let mut clat = eam;
    clat.profile = ipxlat_engine::engine::config::Profile::Clat;
    let mut none = base;
    none.prefix6 = None;
    let mut p96 = base;
    p96.prefix6 = Prefix6::new(common::v6("64:ff9b::"), 96).ok();
    let mut wkp_lax = wkp;
    wkp_lax.wkp_strict = false;
    // A prefix in a class the 64 fast path tests by the first two bytes
    // (FastView::mode64): its images are the full path's.
    let mut odd = base;
    odd.prefix6 = Prefix6::new(common::v6("fe80::"), 32).ok();
    vec![base, wkp, tc, noerr, eam, simple, clat, none, p96, wkp_lax, odd]
}

/// Seed packets: the common cases the fast paths take, in both families.
fn seeds() -> Vec<Vec<u8>> {
    let p = small_payload();
    let big = vec![3u8; 1300];
    let mut df = V4::new(NS4, T4, 17);
    df.df = true;
    vec![
        V4::new(NS4, T4, 17).udp(4242, 5555, &p),
        V4::new(NS4, T4, 6).tcp(&p),
        V4::new(NS4, "1.0.0.9", 17).udp(1, 2, &p),
        df.udp(1, 2, &big),
        V4::new(NS4, T4, 17).udp(1, 2, &big),
        V6::new(T6, NS4_6).udp(5555, 4242, &p),
        V6::new(T6, NS4_6).tcp(&p),
        V6::new("2001:db8:eeee::2", "2001:db8:101:0:9::").udp(1, 2, &p),
        V6::new("2001:db8:ffff::21", "64:ff9b::c633:6402").tcp(&p),
        V6::new(T6, NS4_6).udp(1, 2, &big),
        // RFC 6052 addresses under fe80::/32 (the last configuration).
        V6::new("fe80:0:c000:221::", "fe80:0:c633:6402::").udp(1, 2, &p),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Mutated common packets: the fast path never changes the outcome.
    #[test]
    fn fast_path_equals_full_path(
        seed in 0usize..11,
        ci in 0usize..11,
        flips in proptest::collection::vec((0usize..64, any::<u8>()), 0..4),
        trunc in proptest::option::of(0usize..80),
        partial in any::<bool>(),
        hop_done in any::<bool>(),
        mtu6 in prop_oneof![Just(1280u32), Just(1500), Just(1300), 1000u32..2000],
        mtu4 in prop_oneof![Just(1280u32), Just(1500), Just(1300), 500u32..2000],
    ) {
        let cfgs = configs();
        let cfg = &cfgs[ci];
        let mut pkt = seeds()[seed].clone();
        for (i, x) in flips {
            if let Some(b) = pkt.get_mut(i) {
                *b ^= x;
            }
        }
        let v4 = pkt[0] >> 4 == 4;
        let m = Meta { csum: if partial { ChecksumState::Partial } else { ChecksumState::Complete }, gso: None, hop_already_decremented: hop_done };
        let host = LogHost::new(mtu6, mtu4);
        assert_same(v4, cfg, &pkt, &m, &host);
        // Short linear data / length mismatch.
        if let Some(t) = trunc {
            let n = t.min(pkt.len());
            let (fast, full) = if v4 { (fast46 as fn(&Config<'_>, &mut PacketBuf<'_>, &Meta, &mut LogHost) -> Verdict, full46 as fn(&Config<'_>, &mut PacketBuf<'_>, &Meta, &mut LogHost) -> Verdict) } else { (fast64 as _, full64 as _) };
            let mut b1 = vec![0u8; HEADROOM + n];
            b1[HEADROOM..].copy_from_slice(&pkt[..n]);
            let mut b2 = b1.clone();
            let (mut h1, mut h2) = (host.clone(), host.clone());
            let v1 = fast(cfg, &mut PacketBuf { buf: &mut b1, start: HEADROOM, len: pkt.len() }, &m, &mut h1);
            let v2 = full(cfg, &mut PacketBuf { buf: &mut b2, start: HEADROOM, len: pkt.len() }, &m, &mut h2);
            prop_assert_eq!(v1, v2);
            prop_assert_eq!(b1, b2);
            prop_assert_eq!(h1.calls, h2.calls);
        }
    }
}
