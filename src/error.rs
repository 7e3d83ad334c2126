//! Failures that are not about an RFC: a bad `book.toml`, a missing folder, a file that
//! cannot be written. Each has a stable code in the RFC9xxx range, belongs to one class of
//! the taxonomy in rfcs/0002, names where the problem is and says how to fix it. They all
//! end the command with exit status 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// Who can fix a failure, which decides how it is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// The user's input is wrong (config, arguments): say where and how to fix it.
    User,
    /// The environment is wrong (permissions, a missing folder, a port in use).
    Operator,
    /// Something transient; running the command again may succeed.
    Retryable,
    /// A bug in rfcbook.
    Bug,
}

impl ErrorClass {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::User => "user-fixable",
            ErrorClass::Operator => "operator-fixable",
            ErrorClass::Retryable => "retryable",
            ErrorClass::Bug => "bug",
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            ErrorClass::User => "the input is wrong: fix what the message names",
            ErrorClass::Operator => "the environment is wrong: a path, a permission, a port",
            ErrorClass::Retryable => "something was in flux: running the command again may succeed",
            ErrorClass::Bug => "rfcbook itself failed",
        }
    }
}

/// A code of the errors that stop a command, as `rfcbook explain` describes it: the
/// table of rfcs/0002, which [`Error::code`] and [`Error::class`] agree with (tested).
pub struct StopCode {
    pub code: &'static str,
    pub class: ErrorClass,
    pub summary: &'static str,
    pub fix: &'static str,
}

pub const STOP_CODES: &[StopCode] = &[
    StopCode {
        code: "RFC9001",
        class: ErrorClass::User,
        summary: "book.toml is invalid: a syntax error, an unknown key, a wrong type, or a value that means nothing.",
        fix: "The message names the key and its line; correct or remove it (CONTRACT §3 and rfcs/0006 list the keys).",
    },
    StopCode {
        code: "RFC9002",
        class: ErrorClass::Operator,
        summary: "book.toml exists but cannot be read.",
        fix: "Check that the file exists and that you may read it.",
    },
    StopCode {
        code: "RFC9003",
        class: ErrorClass::User,
        summary: "The command line asks for something that cannot be: a --root that is no folder, an unknown code, status or path, a bad --base ref or RFCBOOK_TODAY.",
        fix: "Follow the help line, which names what would be accepted.",
    },
    StopCode {
        code: "RFC9004",
        class: ErrorClass::User,
        summary: "A file that `init` or `new` would write already exists; nothing is overwritten.",
        fix: "Move the file away, or run the command in another folder.",
    },
    StopCode {
        code: "RFC9005",
        class: ErrorClass::User,
        summary: "A theme's template or file cannot be loaded, or a page cannot be rendered with it.",
        fix: "Fix the template named in the message; the default theme in themes/default/ shows what each template is given.",
    },
    StopCode {
        code: "RFC9101",
        class: ErrorClass::Operator,
        summary: "The source folder (`[book] src`) does not exist.",
        fix: "Create the folder, or set `[book] src` in book.toml to where the RFCs are.",
    },
    StopCode {
        code: "RFC9102",
        class: ErrorClass::Operator,
        summary: "A path could not be read or written (retryable when the system says the failure was transient).",
        fix: "Check the path and its permissions and the free space, then run again.",
    },
    StopCode {
        code: "RFC9103",
        class: ErrorClass::Retryable,
        summary: "An RFC changed while `build` was running, and its body had to be read again; nothing was published.",
        fix: "Run the command again once the file is saved.",
    },
    StopCode {
        code: "RFC9104",
        class: ErrorClass::Operator,
        summary: "`serve` cannot listen on the address: the port is in use, needs privileges, or --host is no address of this machine.",
        fix: "Stop the other program or choose another port with --port (0 picks a free one); give --host an address of this machine.",
    },
    StopCode {
        code: "RFC9105",
        class: ErrorClass::Operator,
        summary: "`serve` cannot watch the archive's folders for changes.",
        fix: "Check that the folders exist and are readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted.",
    },
    StopCode {
        code: "RFC9901",
        class: ErrorClass::Bug,
        summary: "An internal error: a bug in rfcbook.",
        fix: "Please report it with the command you ran and the message.",
    },
];

impl StopCode {
    /// `RFC9104`, `9104` or `rfc9104`.
    pub fn lookup(text: &str) -> Option<&'static StopCode> {
        let upper = text.trim().to_ascii_uppercase();
        let digits = upper.strip_prefix("RFC").unwrap_or(&upper);
        STOP_CODES.iter().find(|c| &c.code[3..] == digits)
    }

    /// The long text of `rfcbook explain RFC9xxx`.
    pub fn explanation(&self) -> String {
        format!(
            "{}: {}\n\nClass: {} ({}). The command stops with exit status 2 and publishes or writes nothing.\n\nFix: {}\n",
            self.code,
            self.summary,
            self.class.as_str(),
            self.class.meaning(),
            self.fix
        )
    }
}

/// A position in a text file other than an RFC (book.toml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    Config {
        position: Position,
        message: String,
        help: String,
    },
    #[error("cannot read {}: {source}", path.display())]
    ConfigUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the source folder {} does not exist", path.display())]
    SourceMissing { path: PathBuf },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} already exists", path.display())]
    AlreadyExists { path: PathBuf, help: String },
    #[error("{message}")]
    Usage { message: String, help: String },
    #[error("{message}")]
    Theme { message: String },
    #[error("{} changed while the site was being built", path.display())]
    Changed { path: PathBuf },
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        source: std::io::Error,
    },
    #[error("cannot watch {} for changes: {message}", path.display())]
    Watch { path: PathBuf, message: String },
    #[error("{message}")]
    Internal { message: String },
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::Config { .. } => "RFC9001",
            Error::ConfigUnreadable { .. } => "RFC9002",
            Error::Usage { .. } => "RFC9003",
            Error::AlreadyExists { .. } => "RFC9004",
            Error::Theme { .. } => "RFC9005",
            Error::SourceMissing { .. } => "RFC9101",
            Error::Io { .. } => "RFC9102",
            Error::Changed { .. } => "RFC9103",
            Error::Listen { .. } => "RFC9104",
            Error::Watch { .. } => "RFC9105",
            Error::Internal { .. } => "RFC9901",
        }
    }

    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Config { .. }
            | Error::Usage { .. }
            | Error::AlreadyExists { .. }
            | Error::Theme { .. } => ErrorClass::User,
            Error::ConfigUnreadable { .. } | Error::SourceMissing { .. } => ErrorClass::Operator,
            Error::Io { source, .. } if is_transient(source) => ErrorClass::Retryable,
            Error::Io { .. } => ErrorClass::Operator,
            Error::Changed { .. } => ErrorClass::Retryable,
            Error::Listen { .. } | Error::Watch { .. } => ErrorClass::Operator,
            Error::Internal { .. } => ErrorClass::Bug,
        }
    }

    pub fn help(&self) -> String {
        match self {
            Error::Config { help, .. }
            | Error::Usage { help, .. }
            | Error::AlreadyExists { help, .. } => help.clone(),
            Error::Theme { .. } => {
                "fix the template or theme file named above; the default theme is in themes/default/ of rfcbook's repository".into()
            }
            Error::ConfigUnreadable { .. } => {
                "check that the file exists and that you may read it".into()
            }
            Error::SourceMissing { .. } => {
                "create the folder, or set `[book] src` in book.toml to where the RFCs are".into()
            }
            Error::Io { .. } if self.class() == ErrorClass::Retryable => {
                "this looks temporary: run the command again".into()
            }
            Error::Io { .. } => "check the path and its permissions, then run again".into(),
            Error::Changed { .. } => {
                "nothing was published: run the command again once the file is saved".into()
            }
            Error::Listen { source, .. } => match source.kind() {
                std::io::ErrorKind::AddrInUse => {
                    "another program (perhaps another `rfcbook serve`) uses this port: stop it, or choose another with --port (0 picks a free one)".into()
                }
                std::io::ErrorKind::PermissionDenied => {
                    "ports below 1024 need privileges: choose a port above 1024 with --port".into()
                }
                _ => "check --host: it must be an address of this machine, such as 127.0.0.1".into(),
            },
            Error::Watch { .. } => {
                "check that the folder exists and is readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted".into()
            }
            Error::Internal { .. } => {
                "this is a bug in rfcbook: please report it with the command you ran".into()
            }
        }
    }

    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help: help.into(),
        }
    }
}

fn is_transient(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), Interrupted | WouldBlock | TimedOut)
}

/// The text printed on stderr: `error[RFC9001]: message`, where, then help.
pub struct Displayed<'a>(pub &'a Error);

impl fmt::Display for Displayed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.0;
        writeln!(f, "error[{}]: {e}", e.code())?;
        if let Error::Config { position, .. } = e {
            writeln!(
                f,
                " --> {}:{}:{}",
                position.file.display(),
                position.line,
                position.column
            )?;
        }
        write!(f, "  = help: {}", e.help())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every kind: a new variant must be added here, and so to the table.
    fn one_of_each() -> Vec<Error> {
        let path = PathBuf::from("x");
        let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        vec![
            Error::Config {
                position: Position {
                    file: path.clone(),
                    line: 1,
                    column: 1,
                },
                message: "m".into(),
                help: "h".into(),
            },
            Error::ConfigUnreadable {
                path: path.clone(),
                source: io(),
            },
            Error::SourceMissing { path: path.clone() },
            Error::io("read", &path, io()),
            Error::AlreadyExists {
                path: path.clone(),
                help: "h".into(),
            },
            Error::usage("m", "h"),
            Error::Theme {
                message: "m".into(),
            },
            Error::Changed { path: path.clone() },
            Error::Listen {
                address: "127.0.0.1:3000".into(),
                source: std::io::Error::from(std::io::ErrorKind::AddrInUse),
            },
            Error::Watch {
                path,
                message: "m".into(),
            },
            Error::Internal {
                message: "m".into(),
            },
        ]
    }

    #[test]
    fn every_error_has_its_code_and_class_in_the_table_and_every_code_is_used() {
        let errors = one_of_each();
        for e in &errors {
            let stop =
                StopCode::lookup(e.code()).unwrap_or_else(|| panic!("{} not listed", e.code()));
            assert_eq!(stop.class, e.class(), "{}", e.code());
            assert!(!e.help().is_empty());
        }
        for stop in STOP_CODES {
            assert!(
                errors.iter().any(|e| e.code() == stop.code),
                "{} is listed but no error has it",
                stop.code
            );
            assert!(stop.explanation().contains(stop.fix));
        }
        let transient = Error::io("read", Path::new("x"), std::io::ErrorKind::TimedOut.into());
        assert_eq!(transient.class(), ErrorClass::Retryable);
    }

    #[test]
    fn codes_are_found_with_or_without_their_prefix() {
        assert_eq!(StopCode::lookup("rfc9104").map(|c| c.code), Some("RFC9104"));
        assert_eq!(StopCode::lookup("9901").map(|c| c.code), Some("RFC9901"));
        assert!(StopCode::lookup("RFC9999").is_none());
        assert!(StopCode::lookup("RFC0110").is_none());
    }
}
