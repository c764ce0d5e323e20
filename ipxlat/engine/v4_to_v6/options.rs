// SPDX-License-Identifier: GPL-2.0

//! IPv4 options (SPEC 2.2): removed on translation; an unexpired Loose or
//! Strict Source Route ⇒ reject(3/5); malformed options ⇒ drop.

/// End of Option List.
const OPT_EOL: u8 = 0;
/// No Operation.
const OPT_NOP: u8 = 1;
/// Loose Source and Record Route.
const OPT_LSRR: u8 = 131;
/// Strict Source and Record Route.
const OPT_SSRR: u8 = 137;

/// What the options say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Options {
    /// Nothing that prevents translation (options are dropped).
    Removable,
    /// An unexpired source route (pointer ≤ option length): reject(3/5).
    UnexpiredSourceRoute,
}

/// Options that cannot be parsed (SPEC 6 "bad options" ⇒ drop).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed;

/// Walks the options area.
pub fn check(opts: &[u8]) -> Result<Options, Malformed> {
    let mut result = Options::Removable;
    let mut rest = opts;
    while let Some((&kind, tail)) = rest.split_first() {
        match kind {
            OPT_EOL => break,
            OPT_NOP => rest = tail,
            _ => {
                let len = usize::from(*tail.first().ok_or(Malformed)?);
                if len < 2 || len > rest.len() {
                    return Err(Malformed);
                }
                if kind == OPT_LSRR || kind == OPT_SSRR {
                    if len < 3 {
                        return Err(Malformed);
                    }
                    let ptr = usize::from(*rest.get(2).ok_or(Malformed)?);
                    if ptr <= len {
                        result = Options::UnexpiredSourceRoute;
                    }
                }
                rest = &rest[len..];
            }
        }
    }
    Ok(result)
}
