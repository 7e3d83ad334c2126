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

/// The code of an error that stops a command (RFC9xxx): one per kind of [`Error`], with
/// the class and the words `rfcbook explain` gives it (the table of rfcs/0002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopCode {
    Config,
    ConfigUnreadable,
    Usage,
    AlreadyExists,
    Theme,
    SourceMissing,
    Io,
    Changed,
    Listen,
    Watch,
    Internal,
}

impl StopCode {
    pub const ALL: [StopCode; 11] = [
        StopCode::Config,
        StopCode::ConfigUnreadable,
        StopCode::Usage,
        StopCode::AlreadyExists,
        StopCode::Theme,
        StopCode::SourceMissing,
        StopCode::Io,
        StopCode::Changed,
        StopCode::Listen,
        StopCode::Watch,
        StopCode::Internal,
    ];

    /// `RFC9001` and so on: stable, never renumbered or reused.
    pub fn as_str(self) -> &'static str {
        match self {
            StopCode::Config => "RFC9001",
            StopCode::ConfigUnreadable => "RFC9002",
            StopCode::Usage => "RFC9003",
            StopCode::AlreadyExists => "RFC9004",
            StopCode::Theme => "RFC9005",
            StopCode::SourceMissing => "RFC9101",
            StopCode::Io => "RFC9102",
            StopCode::Changed => "RFC9103",
            StopCode::Listen => "RFC9104",
            StopCode::Watch => "RFC9105",
            StopCode::Internal => "RFC9901",
        }
    }

    /// A name for `rfcbook explain`, as every diagnostic code has one.
    pub fn name(self) -> &'static str {
        match self {
            StopCode::Config => "invalid-config",
            StopCode::ConfigUnreadable => "unreadable-config",
            StopCode::Usage => "usage",
            StopCode::AlreadyExists => "already-exists",
            StopCode::Theme => "theme",
            StopCode::SourceMissing => "missing-source-folder",
            StopCode::Io => "io",
            StopCode::Changed => "changed-while-building",
            StopCode::Listen => "cannot-listen",
            StopCode::Watch => "cannot-watch",
            StopCode::Internal => "internal",
        }
    }

    /// Who can fix it. An I/O error the system calls transient is retryable instead
    /// ([`Error::class`]).
    pub fn class(self) -> ErrorClass {
        match self {
            StopCode::Config | StopCode::Usage | StopCode::AlreadyExists | StopCode::Theme => {
                ErrorClass::User
            }
            StopCode::ConfigUnreadable
            | StopCode::SourceMissing
            | StopCode::Io
            | StopCode::Listen
            | StopCode::Watch => ErrorClass::Operator,
            StopCode::Changed => ErrorClass::Retryable,
            StopCode::Internal => ErrorClass::Bug,
        }
    }

    pub fn summary(self) -> &'static str {
        match self {
            StopCode::Config => {
                "book.toml is invalid: a syntax error, an unknown key, a wrong type, or a value that means nothing."
            }
            StopCode::ConfigUnreadable => "book.toml exists but cannot be read.",
            StopCode::Usage => {
                "The command line asks for something that cannot be: a --root that is no folder, an unknown code, status or path, a bad --base ref or RFCBOOK_TODAY."
            }
            StopCode::AlreadyExists => {
                "A file that `init` or `new` would write already exists; nothing is overwritten."
            }
            StopCode::Theme => {
                "A theme's template or file cannot be loaded, or a page cannot be rendered with it."
            }
            StopCode::SourceMissing => "The source folder (`[book] src`) does not exist.",
            StopCode::Io => {
                "A path could not be read or written (retryable when the system says the failure was transient)."
            }
            StopCode::Changed => {
                "An RFC changed while `build` was running, and its body had to be read again; nothing was published."
            }
            StopCode::Listen => {
                "`serve` cannot listen on the address: the port is in use, needs privileges, or --host is no address of this machine."
            }
            StopCode::Watch => "`serve` cannot watch the archive's folders for changes.",
            StopCode::Internal => "An internal error: a bug in rfcbook.",
        }
    }

    pub fn fix(self) -> &'static str {
        match self {
            StopCode::Config => {
                "The message names the key and its line: correct its spelling or its value (the message lists the keys the table takes, or the type the key wants), or remove it."
            }
            StopCode::ConfigUnreadable => "Check that the file exists and that you may read it.",
            StopCode::Usage => "Follow the help line, which names what would be accepted.",
            StopCode::AlreadyExists => "Move the file away, or run the command in another folder.",
            StopCode::Theme => {
                "Fix the template or theme file named in the message. `rfcbook init --theme` writes the embedded default theme into themes/custom/: it shows what each template is given and which blocks base.html must define."
            }
            StopCode::SourceMissing => {
                "Create the folder, or set `[book] src` in book.toml to where the RFCs are."
            }
            StopCode::Io => {
                "Check the path and its permissions and the free space, then run again."
            }
            StopCode::Changed => "Run the command again once the file is saved.",
            StopCode::Listen => {
                "Stop the other program or choose another port with --port (0 picks a free one); give --host an address of this machine."
            }
            StopCode::Watch => {
                "Check that the folders exist and are readable; on Linux, raise fs.inotify.max_user_watches if it is exhausted."
            }
            StopCode::Internal => "Please report it with the command you ran and the message.",
        }
    }

    /// `RFC9104`, `9104` or `rfc9104`.
    pub fn lookup(text: &str) -> Option<StopCode> {
        let upper = text.trim().to_ascii_uppercase();
        let digits = upper.strip_prefix("RFC").unwrap_or(&upper);
        StopCode::ALL
            .into_iter()
            .find(|c| &c.as_str()[3..] == digits || c.name() == text.trim())
    }

    /// The long text of `rfcbook explain RFC9xxx`.
    pub fn explanation(self) -> String {
        let class = self.class();
        format!(
            "{}: {}\n\nClass: {} ({}). The command stops with exit status 2 and publishes or writes nothing.\n\nFix: {}\n",
            self.as_str(),
            self.summary(),
            class.as_str(),
            class.meaning(),
            self.fix()
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
    #[error(
        "the source folder {} {}",
        path.display(),
        if path.exists() { "is not a folder" } else { "does not exist" }
    )]
    SourceMissing {
        path: PathBuf,
        /// Where book.toml names it, when it does.
        at: Option<Position>,
    },
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
    Theme {
        message: String,
        help: String,
        /// The user's theme file the error is in, and the line and column of the mistake
        /// in a template when tera gives them (the message shows them with the line; CI
        /// formats need them as fields).
        place: Option<Position>,
    },
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
    pub fn stop_code(&self) -> StopCode {
        match self {
            Error::Config { .. } => StopCode::Config,
            Error::ConfigUnreadable { .. } => StopCode::ConfigUnreadable,
            Error::Usage { .. } => StopCode::Usage,
            Error::AlreadyExists { .. } => StopCode::AlreadyExists,
            Error::Theme { .. } => StopCode::Theme,
            Error::SourceMissing { .. } => StopCode::SourceMissing,
            Error::Io { .. } => StopCode::Io,
            Error::Changed { .. } => StopCode::Changed,
            Error::Listen { .. } => StopCode::Listen,
            Error::Watch { .. } => StopCode::Watch,
            Error::Internal { .. } => StopCode::Internal,
        }
    }

    pub fn code(&self) -> &'static str {
        self.stop_code().as_str()
    }

    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Io { source, .. } if is_transient(source) => ErrorClass::Retryable,
            other => other.stop_code().class(),
        }
    }

    pub fn help(&self) -> String {
        match self {
            Error::Config { help, .. }
            | Error::Usage { help, .. }
            | Error::AlreadyExists { help, .. }
            | Error::Theme { help, .. } => help.clone(),
            Error::ConfigUnreadable { .. } => {
                "check that the file exists and that you may read it".into()
            }
            Error::SourceMissing { .. } => {
                "create the folder, or set `[book] src` in book.toml to where the RFCs are".into()
            }
            Error::Io { .. } if self.class() == ErrorClass::Retryable => {
                "this looks temporary: run the command again".into()
            }
            // Said of a folder that is there: a file system that makes no files (/proc).
            Error::Io { source, path, .. }
                if source.kind() == std::io::ErrorKind::NotFound && path.is_dir() =>
            {
                format!(
                    "{} is there, but its file system accepts no new files: build elsewhere with --out",
                    path.display()
                )
            }
            Error::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::StorageFull => {
                    "the disk is full: free some space (or build elsewhere with --out), then run again".into()
                }
                std::io::ErrorKind::ReadOnlyFilesystem => {
                    "the file system is read-only: build elsewhere with --out".into()
                }
                std::io::ErrorKind::InvalidFilename => {
                    "the file name is too long or not allowed here: shorten the name it comes from".into()
                }
                _ => "check the path and its permissions, then run again".into(),
            },
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

    /// The file the error is about, if it is about one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Error::Config { position, .. } => Some(&position.file),
            Error::ConfigUnreadable { path, .. }
            | Error::SourceMissing { path, .. }
            | Error::Io { path, .. }
            | Error::AlreadyExists { path, .. }
            | Error::Changed { path }
            | Error::Watch { path, .. } => Some(path),
            Error::Usage { .. }
            | Error::Theme { .. }
            | Error::Listen { .. }
            | Error::Internal { .. } => None,
        }
    }

    /// Where in its file the error is, when it has a place there (a bad book.toml).
    pub fn position(&self) -> Option<&Position> {
        match self {
            Error::Config { position, .. } => Some(position),
            Error::SourceMissing { at, .. } => at.as_ref(),
            _ => None,
        }
    }

    /// Where in the user's theme the error is: not a [`Self::position`], whose line the
    /// human output would draw again, as tera's message already shows it.
    pub fn theme_place(&self) -> Option<&Position> {
        match self {
            Error::Theme { place, .. } => place.as_ref(),
            _ => None,
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
        // Anyone's text (a path, a value from book.toml) may be in it: control characters
        // are shown, not obeyed, line by line, since a message may span lines of its own
        // (a template error's source line and caret). A path is one line, whatever it
        // holds: where the command line puts one in a message, it is cleaned there.
        use crate::terminal::{clean, clean_lines};
        let e = self.0;
        writeln!(f, "error[{}]: {}", e.code(), clean_lines(&e.to_string()))?;
        if let Error::Config { position, .. } = e {
            writeln!(
                f,
                " --> {}:{}:{}",
                clean(&position.file.display().to_string()),
                position.line,
                position.column
            )?;
        }
        write!(f, "  = help: {}", clean_lines(&e.help()))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One error of every kind: a new variant must be added here (and given its code).
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
            Error::SourceMissing {
                path: path.clone(),
                at: None,
            },
            Error::io("read", &path, io()),
            Error::AlreadyExists {
                path: path.clone(),
                help: "h".into(),
            },
            Error::usage("m", "h"),
            Error::Theme {
                message: "m".into(),
                help: "h".into(),
                place: None,
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
    fn every_code_is_some_errors_and_codes_are_unique() {
        let errors = one_of_each();
        for e in &errors {
            assert_eq!(e.class(), e.stop_code().class(), "{}", e.code());
            assert!(!e.help().is_empty());
        }
        for stop in StopCode::ALL {
            assert!(
                errors.iter().any(|e| e.stop_code() == stop),
                "no error has {}",
                stop.as_str()
            );
            assert_eq!(StopCode::lookup(stop.as_str()), Some(stop));
            assert!(stop.explanation().contains(stop.fix()));
            assert!(stop.as_str().starts_with("RFC9") && stop.as_str().len() == 7);
        }
        let transient = Error::io("read", Path::new("x"), std::io::ErrorKind::TimedOut.into());
        assert_eq!(transient.class(), ErrorClass::Retryable);
    }

    /// A full disk is not a matter of permissions.
    #[test]
    fn io_help_names_what_is_wrong() {
        let io =
            |kind: std::io::ErrorKind| Error::io("write", Path::new("site/x.html"), kind.into());
        assert!(
            io(std::io::ErrorKind::StorageFull)
                .help()
                .starts_with("the disk is full")
        );
        assert!(
            io(std::io::ErrorKind::ReadOnlyFilesystem)
                .help()
                .contains("read-only")
        );
        assert!(
            io(std::io::ErrorKind::PermissionDenied)
                .help()
                .contains("permissions")
        );
    }

    #[test]
    fn codes_are_found_with_or_without_their_prefix() {
        assert_eq!(StopCode::lookup("rfc9104"), Some(StopCode::Listen));
        assert_eq!(StopCode::lookup("9901"), Some(StopCode::Internal));
        assert!(StopCode::lookup("RFC9999").is_none());
        assert!(StopCode::lookup("RFC0110").is_none());
    }
}
