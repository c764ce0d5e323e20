// SPDX-License-Identifier: GPL-2.0
//! `monitor`: change-ntf in the `config` multicast group.

use serde::Serialize;

use crate::netlink::{self as nl, Attr};
use crate::uapi::{self, dev};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeOut {
    pub ifindex: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifname: Option<String>,
    pub change: String,
}

impl ChangeOut {
    /// Decode a notification; `None` for other commands.
    pub fn from_msg(cmd: u8, attrs: &[Attr]) -> Option<Self> {
        if cmd != uapi::cmd::CHANGE_NTF {
            return None;
        }
        Some(ChangeOut {
            ifindex: nl::find(attrs, dev::IFINDEX).and_then(nl::get_u32).unwrap_or(0),
            ifname: None,
            change: nl::find(attrs, dev::CHANGE)
                .and_then(nl::get_u32)
                .map(|c| uapi::enum_name(uapi::CHANGE, c))
                .unwrap_or_else(|| "unknown".into()),
        })
    }

    pub fn to_text(&self) -> String {
        format!(
            "{}: {} {}\n",
            self.ifindex,
            self.ifname.as_deref().unwrap_or("?"),
            self.change
        )
    }
}
