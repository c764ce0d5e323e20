// SPDX-License-Identifier: GPL-2.0

//! RFC 6052 address embedding: the RFC's own examples (SPEC 1.1).

#[kernel::prelude::kunit_tests(ipxlat_rfc6052)]
mod tests {
    use crate::engine::addr::prefix6::Prefix6;

    /// 192.0.2.33, the RFC 6052 example address.
    const V4: [u8; 4] = [192, 0, 2, 33];

    fn v6(words: [u16; 8]) -> [u8; 16] {
        let mut out = [0u8; 16];
        for (i, w) in words.iter().enumerate() {
            out[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
        }
        out
    }

    /// Embeds and extracts 192.0.2.33 with `prefix`; true iff both give
    /// the expected results.
    fn round_trips(prefix: [u16; 8], len: u8, expected: [u16; 8]) -> bool {
        match Prefix6::new(v6(prefix), len) {
            Ok(p) => p.embed(V4) == v6(expected) && p.extract(&v6(expected)) == Some(V4),
            Err(_) => false,
        }
    }

    #[test]
    fn rfc6052_examples_all_lengths() {
        assert!(round_trips([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32, [0x2001, 0xdb8, 0xc000, 0x221, 0, 0, 0, 0]));
        assert!(round_trips([0x2001, 0xdb8, 0x100, 0, 0, 0, 0, 0], 40, [0x2001, 0xdb8, 0x1c0, 0x2, 0x21, 0, 0, 0]));
        assert!(round_trips([0x2001, 0xdb8, 0x122, 0, 0, 0, 0, 0], 48, [0x2001, 0xdb8, 0x122, 0xc000, 0x2, 0x2100, 0, 0]));
        assert!(round_trips([0x2001, 0xdb8, 0x122, 0x300, 0, 0, 0, 0], 56, [0x2001, 0xdb8, 0x122, 0x3c0, 0, 0x221, 0, 0]));
        assert!(round_trips([0x2001, 0xdb8, 0x122, 0x344, 0, 0, 0, 0], 64, [0x2001, 0xdb8, 0x122, 0x344, 0xc0, 0x2, 0x2100, 0]));
        assert!(round_trips([0x2001, 0xdb8, 0x122, 0x344, 0, 0, 0, 0], 96, [0x2001, 0xdb8, 0x122, 0x344, 0, 0, 0xc000, 0x221]));
        assert!(round_trips([0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96, [0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x221]));
    }

    #[test]
    fn nonzero_u_octet_does_not_map() -> Result<(), &'static str> {
        let p = Prefix6::new(v6([0x2001, 0xdb8, 0x100, 0, 0, 0, 0, 0]), 40).map_err(|e| e.message())?;
        assert_eq!(p.extract(&v6([0x2001, 0xdb8, 0x1c0, 0x2, 0xff21, 0, 0, 0])), None);
        Ok(())
    }

    #[test]
    fn invalid_lengths_rejected() {
        for len in [0u8, 31, 33, 65, 95, 97, 128] {
            assert!(Prefix6::new(v6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0]), len).is_err());
        }
    }
}
