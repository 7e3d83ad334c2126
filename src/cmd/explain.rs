//! `rfcbook explain CODE`: the long text of a diagnostic code or of the code of an error
//! that stops a command, or the list of all codes.

use std::process::ExitCode;

use crate::cli::{Args, ExplainArgs};
use crate::diagnostic::Code;
use crate::error::{Error, Result, StopCode};
use crate::suggest;
use crate::terminal;

pub(super) fn run(_args: &Args, explain: &ExplainArgs) -> Result<ExitCode> {
    let Some(text) = &explain.code else {
        let mut out = String::new();
        for code in Code::ALL {
            out.push_str(&format!(
                "{}  {:<26} {:<7}  {}\n",
                code.as_str(),
                code.name(),
                code.default_severity().as_str(),
                code.summary()
            ));
        }
        // The errors that stop a command, after the problems an archive can have.
        for stop in StopCode::ALL {
            out.push_str(&format!(
                "{}  {:<26} {:<7}  {} ({})\n",
                stop.as_str(),
                stop.name(),
                "stop",
                stop.summary(),
                stop.class().as_str()
            ));
        }
        terminal::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let Some(code) = Code::lookup(text) else {
        if let Some(stop) = StopCode::lookup(text) {
            terminal::print(&stop.explanation())?;
            return Ok(ExitCode::SUCCESS);
        }
        let names = Code::ALL
            .iter()
            .map(|c| c.name())
            .chain(StopCode::ALL.iter().map(|c| c.name()));
        let hint = suggest::closest(text, names)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        return Err(Error::usage(
            format!("`{text}` is not a diagnostic code"),
            format!("{hint}run `rfcbook explain` to list every code"),
        ));
    };
    terminal::print(code.explanation())?;
    Ok(ExitCode::SUCCESS)
}
