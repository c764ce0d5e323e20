// SPDX-License-Identifier: GPL-2.0
//! `ipxlat-ctl`: configure ipxlat SIIT translator devices over the
//! `ipxlat` generic netlink family (iproute2-style grammar).

mod batch;
mod cli;
mod commands;
mod netlink;
mod output;
mod uapi;

#[cfg(test)]
mod tests;

use std::io::Read;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::commands::{Action, Ctx};
use crate::output::Output;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        // clap exits 2 on usage errors and 0 for --help/--version.
        Err(e) => e.exit(),
    };
    let out = Output { json: cli.json, pretty: cli.pretty };
    let mut ctx = Ctx::new(out);

    if let Some(file) = &cli.batch {
        if cli.object.is_some() {
            eprintln!("ipxlat-ctl: -b takes no command on the command line");
            return ExitCode::from(2);
        }
        let mut text = String::new();
        let read = if file == "-" {
            std::io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::read_to_string(file).map(|t| text = t)
        };
        if let Err(e) = read {
            eprintln!("ipxlat-ctl: cannot read {file}: {e}");
            return ExitCode::from(1);
        }
        let res = batch::plan(&text).and_then(|steps| batch::run(&steps, &mut ctx));
        return match res {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("ipxlat-ctl: {file}: {e}");
                ExitCode::from(e.error.exit_code() as u8)
            }
        };
    }

    let Some(object) = cli.object else {
        eprintln!("ipxlat-ctl: missing OBJECT (try --help)");
        return ExitCode::from(2);
    };
    let res = Action::from_object(object)
        .map_err(commands::Error::from)
        .and_then(|a| commands::run(&a, &mut ctx));
    match res {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ipxlat-ctl: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
