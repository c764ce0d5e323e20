// SPDX-License-Identifier: GPL-2.0
//! Text and JSON output (`-j`, `-p`).

use std::io::Write;

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default)]
pub struct Output {
    pub json: bool,
    pub pretty: bool,
}

impl Output {
    /// Render `v` as JSON (one line, or pretty with `-p`).
    pub fn json_string<T: Serialize + ?Sized>(&self, v: &T) -> String {
        let s = if self.pretty {
            serde_json::to_string_pretty(v)
        } else {
            serde_json::to_string(v)
        };
        s.expect("JSON serialization") + "\n"
    }

    /// A list of objects: a JSON array, or each object's text.
    pub fn list<T: Serialize>(&self, items: &[T], text: impl Fn(&T) -> String) -> String {
        if self.json {
            self.json_string(items)
        } else {
            items.iter().map(text).collect()
        }
    }

    /// One object.
    pub fn one<T: Serialize>(&self, item: &T, text: impl Fn(&T) -> String) -> String {
        if self.json {
            self.json_string(item)
        } else {
            text(item)
        }
    }
}

/// Write to stdout, ignoring a closed pipe.
pub fn print(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}
