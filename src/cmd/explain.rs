//! `rfcbook explain CODE`: the long text of a diagnostic code, or the list of all codes.

use std::process::ExitCode;

use crate::cli::{Args, ExplainArgs};
use crate::diagnostic::Code;
use crate::error::{Error, Result};
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
        terminal::print(&out)?;
        return Ok(ExitCode::SUCCESS);
    };
    let code = Code::lookup(text).ok_or_else(|| {
        let names = Code::ALL.iter().map(|c| c.name());
        let hint = suggest::closest(text, names)
            .map(|s| format!("did you mean `{s}`? "))
            .unwrap_or_default();
        Error::usage(
            format!("`{text}` is not a diagnostic code"),
            format!("{hint}run `rfcbook explain` to list every code"),
        )
    })?;
    terminal::print(code.explanation())?;
    Ok(ExitCode::SUCCESS)
}
