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
