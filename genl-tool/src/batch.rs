// SPDX-License-Identifier: GPL-2.0
//! `-b FILE`: one command per line, `#` comments, consecutive `eam add`
//! (or `eam del`) lines for one device packed into large requests.

use std::fmt;

use clap::Parser;

use crate::cli::{Cli, Usage};
use crate::commands::{self, eam, Action, Ctx, Error};
use crate::netlink::NlError;

/// A batch failure: the offending line(s) and the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchError {
    pub first: usize,
    pub last: usize,
    pub error: Error,
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "line {}: {}", self.first, self.error)
        } else {
            write!(f, "lines {}-{}: {}", self.first, self.last, self.error)
        }
    }
}

/// Words of a line, comment removed (a word starting with `#` ends it).
pub fn split_words(line: &str) -> Vec<String> {
    line.split_whitespace()
        .take_while(|w| !w.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Parse one batch line into an action (`None` for blank/comment lines).
pub fn parse_line(line: &str) -> Result<Option<Action>, Error> {
    let words = split_words(line);
    if words.is_empty() {
        return Ok(None);
    }
    // Fast path for table loads: building the clap parser per line costs
    // far more than the line itself. Same grammar as `eam add|del`.
    if words.len() > 2 && words[0] == "eam" && !words[2].starts_with('-') {
        match words[1].as_str() {
            "add" => {
                let (dev, e) = eam::parse_add(&words[2..])?;
                return Ok(Some(Action::EamAdd { dev, entries: vec![e] }));
            }
            "del" => {
                let (dev, k) = eam::parse_del(&words[2..])?;
                return Ok(Some(Action::EamDel { dev, keys: vec![k] }));
            }
            _ => {}
        }
    }
    let cli = Cli::try_parse_from(std::iter::once("ipxlat-ctl".to_string()).chain(words))
        .map_err(|e| {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid command").to_string();
            Error::Usage(Usage(first.trim_start_matches("error: ").to_string()))
        })?;
    if cli.batch.is_some() {
        return Err(Error::Usage(Usage("-b is not allowed inside a batch".into())));
    }
    match cli.object {
        None => Err(Error::Usage(Usage("missing OBJECT".into()))),
        Some(o) => Ok(Some(Action::from_object(o)?)),
    }
}

/// A unit of work: one action, or packed EAM entries with their lines.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    One { line: usize, action: Action },
    EamAdd { dev: String, entries: Vec<(usize, eam::Entry)> },
    EamDel { dev: String, keys: Vec<(usize, eam::Key)> },
}

/// Parse the whole batch text, stopping at the first bad line.
pub fn plan(text: &str) -> Result<Vec<Step>, BatchError> {
    let mut steps: Vec<Step> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let no = i + 1;
        let action = match parse_line(line) {
            Ok(Some(a)) => a,
            Ok(None) => continue,
            Err(error) => return Err(BatchError { first: no, last: no, error }),
        };
        match (action, steps.last_mut()) {
            // The kernel checks a request's entries without allow-overlap
            // against all of its others: an allow-overlap line after such
            // entries starts a new request, so that it may overlap them as
            // it would as a command of its own.
            (Action::EamAdd { dev, entries }, Some(Step::EamAdd { dev: d, entries: v }))
                if *d == dev
                    && !(entries.iter().any(|e| e.allow_overlap) && v.iter().any(|(_, e)| !e.allow_overlap)) =>
            {
                v.extend(entries.into_iter().map(|e| (no, e)));
            }
            (Action::EamAdd { dev, entries }, _) => steps.push(Step::EamAdd {
                dev,
                entries: entries.into_iter().map(|e| (no, e)).collect(),
            }),
            (Action::EamDel { dev, keys }, Some(Step::EamDel { dev: d, keys: v })) if *d == dev => {
                v.extend(keys.into_iter().map(|k| (no, k)));
            }
            (Action::EamDel { dev, keys }, _) => steps.push(Step::EamDel {
                dev,
                keys: keys.into_iter().map(|k| (no, k)).collect(),
            }),
            (action, _) => steps.push(Step::One { line: no, action }),
        }
    }
    Ok(steps)
}

/// Map a kernel error on a packed request to the line of the entry the
/// extack offset points into, else to the whole chunk's line range.
pub fn chunk_error(req: &crate::netlink::Request, lines: &[usize], e: Error) -> BatchError {
    let first = *lines.first().unwrap_or(&0);
    let last = *lines.last().unwrap_or(&0);
    if let Error::Nl(NlError::Kernel { offset: Some(off), .. }) = &e {
        let off = *off as usize;
        for (i, (start, end)) in eam::entry_offsets(req).iter().enumerate() {
            if off >= *start && off < *end {
                return BatchError { first: lines[i], last: lines[i], error: e };
            }
        }
    }
    BatchError { first, last, error: e }
}

/// Run a planned batch, stopping at the first failure.
pub fn run(steps: &[Step], ctx: &mut Ctx) -> Result<(), BatchError> {
    for step in steps {
        match step {
            Step::One { line, action } => {
                if matches!(action, Action::Monitor) {
                    return Err(BatchError {
                        first: *line,
                        last: *line,
                        error: Error::Usage(Usage("monitor is not allowed in a batch".into())),
                    });
                }
                commands::run(action, ctx).map_err(|error| BatchError {
                    first: *line,
                    last: *line,
                    error,
                })?
            }
            Step::EamAdd { dev, entries } => {
                send_packed(ctx, dev, entries, |idx, list: Vec<eam::Entry>| eam::add_request(idx, &list))?
            }
            Step::EamDel { dev, keys } => {
                send_packed(ctx, dev, keys, |idx, list: Vec<eam::Key>| eam::del_request(idx, &list))?
            }
        }
    }
    Ok(())
}

/// Sends `items` (each with its line) to `dev` as requests of
/// `eam::ENTRIES_PER_MSG`, stopping at the first refused one.
///
/// A second thread builds the next requests while the kernel applies the
/// current one (the kernel does its work inside the sending system call),
/// so a large load costs about the kernel's time alone.
fn send_packed<T: Clone + Send + Sync>(
    ctx: &mut Ctx,
    dev: &str,
    items: &[(usize, T)],
    build: impl Fn(u32, Vec<T>) -> crate::netlink::Request + Send + Sync,
) -> Result<(), BatchError> {
    let line0 = items.first().map_or(0, |(l, _)| *l);
    let idx = commands::ifindex(dev).map_err(|error| BatchError { first: line0, last: line0, error })?;
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel(2);
        let build = &build;
        s.spawn(move || {
            for chunk in items.chunks(eam::ENTRIES_PER_MSG) {
                let lines: Vec<usize> = chunk.iter().map(|(l, _)| *l).collect();
                let req = build(idx, chunk.iter().map(|(_, t)| t.clone()).collect());
                // The receiver is gone once a request failed: stop.
                if tx.send((lines, req)).is_err() {
                    return;
                }
            }
        });
        for (lines, req) in rx {
            if let Err(e) = ctx.conn().and_then(|c| c.request(&req).map_err(Error::Nl)) {
                return Err(chunk_error(&req, &lines, e));
            }
        }
        Ok(())
    })
}
