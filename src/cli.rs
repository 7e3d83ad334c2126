//! The command line as clap sees it: raw flags only. Commands turn these into settings.

use std::path::PathBuf;

use clap::{Args as ClapArgs, Parser, Subcommand, ValueEnum};

use crate::diagnostic::Format;

#[derive(Debug, Parser)]
#[command(
    name = "rfcbook",
    version,
    about = "Turns a folder of RFCs in git into a validated, searchable decision knowledge base",
    long_about = None,
    after_help = "Exit status: 0 success, 1 the archive has errors, 2 usage, config or environment error."
)]
pub(crate) struct Args {
    /// The archive root (the folder holding book.toml); default: nearest upward from here
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print only problems, no summaries or progress
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to color output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create book.toml, a template, a first RFC and a CI workflow
    Init(InitArgs),
    /// Write the next-numbered RFC from the template
    New(NewArgs),
    /// Validate front matter, sections, statuses and cross-references
    Check(CheckArgs),
    /// Validate, then write the static site
    Build(BuildArgs),
    /// Full-text search with snippets
    Search(SearchArgs),
    /// Build, serve on localhost, rebuild on every change and reload the browser
    Serve(ServeArgs),
    /// List the RFCs, one line each
    List(ListArgs),
    /// Explain a diagnostic code, with an example and the fix
    Explain(ExplainArgs),
}

#[derive(Debug, ClapArgs)]
pub(crate) struct InitArgs {
    /// Where to create the archive (default: the current folder)
    pub dir: Option<PathBuf>,
    /// Also write the default theme into themes/custom/ to edit; in an existing archive,
    /// write only the theme
    #[arg(long)]
    pub theme: bool,
    /// Also write a GitHub Actions workflow that publishes the site on GitHub Pages when
    /// the current branch changes; in an existing archive, write only the workflow
    #[arg(long)]
    pub github_pages: bool,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct NewArgs {
    /// The decision's title, e.g. "Put PgBouncer in front of every Postgres primary"
    pub title: String,
    /// Initial status (default: draft)
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// A tag; repeat for more
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// An author, "Name <email>"; repeat for more (default: from git config)
    #[arg(long = "author", value_name = "A")]
    pub authors: Vec<String>,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct CheckArgs {
    /// Report only on these files or folders (references still resolve across the archive)
    pub paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Report on the files changed since this git ref, and on what the change broke in
    /// others (for pull requests)
    #[arg(long, value_name = "GIT-REF")]
    pub base: Option<String>,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct BuildArgs {
    /// Where to write the site (default: `[build] build-dir`, "site")
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The address the site is served under, for the 404 page, feed.xml and sitemap.xml
    /// (default: `[output.html] site-url`); a CI job passes the one its host gives
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// Open the site's home page in the default browser once it is built
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ServeArgs {
    /// The address to listen on; anything but a loopback address shows the site to the network
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub host: String,
    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 3000, value_name = "PORT")]
    pub port: u16,
    /// Open the site in the default browser once it is built
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct SearchArgs {
    /// Words, "a phrase", field:word (title, problem, approach, alternatives, rationale, body, author, tag, status)
    // Several arguments are one query (`search async closures`), as a search box reads
    // them; quotes are needed only around a phrase.
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub words: Vec<String>,
    /// Only RFCs with this status; repeat for several
    #[arg(long = "status", value_name = "S")]
    pub statuses: Vec<String>,
    /// Only RFCs with this tag; repeat for several (any of them)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Only RFCs by this author (whole words of the name or email); repeat: all must match
    #[arg(long = "author", value_name = "A")]
    pub authors: Vec<String>,
    /// How many results to show
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = SearchFormat::Human)]
    pub format: SearchFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SearchFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ListArgs {
    /// Only RFCs with this status; repeat for several
    #[arg(long = "status", value_name = "S")]
    pub statuses: Vec<String>,
    /// Only RFCs with this tag; repeat for several (any of them)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, ClapArgs)]
pub(crate) struct ExplainArgs {
    /// A code such as RFC0110, or a rule name such as unknown-status; omit to list all
    pub code: Option<String>,
}

impl SearchArgs {
    /// The query: the words given, as one text.
    pub(crate) fn query(&self) -> String {
        self.words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Args::command().debug_assert();
    }
}
