// SPDX-License-Identifier: GPL-2.0

//! The RFC 7757 example EAM table, both directions (SPEC 1.3).

#[kernel::prelude::kunit_tests(ipxlat_eam)]
mod tests {
    use crate::engine::addr::{
        eam::{EamEntry, EamTable},
        ipv4_prefix::Ipv4Prefix,
    };
    use kernel::{alloc::KVec, prelude::GFP_KERNEL};

    /// Zeroed slot storage of the size the table of `entries` needs.
    fn slots_for(entries: &[EamEntry]) -> Result<KVec<u32>, &'static str> {
        let n = EamTable::slots_needed(entries).map_err(|e| e.message())?;
        KVec::from_elem(0, n, GFP_KERNEL).map_err(|_| "no memory for the slots")
    }

    fn v6(words: [u16; 8]) -> [u8; 16] {
        let mut out = [0u8; 16];
        for (i, w) in words.iter().enumerate() {
            out[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
        }
        out
    }

    fn entry(v4: [u8; 4], l4: u8, v6w: [u16; 8], l6: u8) -> EamEntry {
        EamEntry {
            v4: Ipv4Prefix { addr: v4, len: l4 },
            v6: v6(v6w),
            v6_len: l6,
        }
    }

    fn rfc7757_entries() -> [EamEntry; 6] {
        [
            entry([192, 0, 2, 1], 32, [0x2001, 0xdb8, 0xaaaa, 0, 0, 0, 0, 0], 128),
            entry([192, 0, 2, 2], 32, [0x2001, 0xdb8, 0xbbbb, 0, 0, 0, 0, 0xb], 128),
            entry([192, 0, 2, 16], 28, [0x2001, 0xdb8, 0xcccc, 0, 0, 0, 0, 0], 124),
            entry([192, 0, 2, 128], 26, [0x2001, 0xdb8, 0xdddd, 0, 0, 0, 0, 0], 64),
            entry([192, 0, 2, 192], 29, [0x2001, 0xdb8, 0xeeee, 8, 0, 0, 0, 0], 62),
            entry([192, 0, 2, 224], 31, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 127),
        ]
    }

    #[test]
    fn rfc7757_table_both_ways() -> Result<(), &'static str> {
        let mut entries = rfc7757_entries();
        let mut slots = slots_for(&entries)?;
        let t = EamTable::build(&mut entries, &mut slots).map_err(|e| e.message())?;
        let pairs: [([u8; 4], [u16; 8]); 10] = [
            ([192, 0, 2, 1], [0x2001, 0xdb8, 0xaaaa, 0, 0, 0, 0, 0]),
            ([192, 0, 2, 2], [0x2001, 0xdb8, 0xbbbb, 0, 0, 0, 0, 0xb]),
            ([192, 0, 2, 16], [0x2001, 0xdb8, 0xcccc, 0, 0, 0, 0, 0]),
            ([192, 0, 2, 24], [0x2001, 0xdb8, 0xcccc, 0, 0, 0, 0, 8]),
            ([192, 0, 2, 31], [0x2001, 0xdb8, 0xcccc, 0, 0, 0, 0, 0xf]),
            ([192, 0, 2, 128], [0x2001, 0xdb8, 0xdddd, 0, 0, 0, 0, 0]),
            ([192, 0, 2, 152], [0x2001, 0xdb8, 0xdddd, 0, 0x6000, 0, 0, 0]),
            ([192, 0, 2, 191], [0x2001, 0xdb8, 0xdddd, 0, 0xfc00, 0, 0, 0]),
            ([192, 0, 2, 195], [0x2001, 0xdb8, 0xeeee, 9, 0x8000, 0, 0, 0]),
            ([192, 0, 2, 225], [0x64, 0xff9b, 0, 0, 0, 0, 0, 1]),
        ];
        for (a4, a6) in pairs {
            assert_eq!(t.v4_to_v6(a4), Some(v6(a6)));
            assert_eq!(t.v6_to_v4(&v6(a6)), Some(a4));
        }
        // Bits after the IPv4 suffix are ignored; unmapped stays unmapped.
        assert_eq!(t.v6_to_v4(&v6([0x2001, 0xdb8, 0xdddd, 0, 0, 0, 0, 1])), Some([192, 0, 2, 128]));
        assert_eq!(t.v6_to_v4(&v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 8])), None);
        Ok(())
    }

    #[test]
    fn overlap_longest_match() -> Result<(), &'static str> {
        let mut entries = [
            entry([0, 0, 0, 0], 0, [0x2001, 0xdb8, 0xff00, 0, 0, 0, 0, 0], 40),
            entry([198, 51, 100, 64], 32, [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xabcd], 128),
        ];
        let mut slots = slots_for(&entries)?;
        let t = EamTable::build(&mut entries, &mut slots).map_err(|e| e.message())?;
        assert_eq!(
            t.v6_to_v4(&v6([0x2001, 0xdb8, 0xffc6, 0x3364, 0x4000, 0, 0, 0])),
            Some([198, 51, 100, 64])
        );
        assert_eq!(
            t.v4_to_v6([198, 51, 100, 64]),
            Some(v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xabcd]))
        );
        Ok(())
    }

    #[test]
    fn duplicate_ipv6_prefix_rejected() -> Result<(), &'static str> {
        let mut entries = [entry([198, 51, 100, 8], 32, [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 128)];
        let mut slots = slots_for(&entries)?;
        let t = EamTable::build(&mut entries, &mut slots).map_err(|e| e.message())?;
        let dup = entry([198, 51, 100, 9], 32, [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 128);
        assert!(t.check_add(&dup, false).is_err());
        assert!(t.check_add(&dup, true).is_err());
        Ok(())
    }
}
