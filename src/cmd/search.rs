//! `rfcbook search`: ranked full-text search over the archive, through the tantivy index
//! kept in `.rfcbook/index/` (built or refreshed on the way when files changed).

use std::process::ExitCode;

use crate::cli::{Args, SearchArgs, SearchFormat};
use crate::error::{Error, Result};
use crate::index::SearchIndex;
use crate::index::query::{self, Filters, Results};
use crate::terminal;

pub(super) fn run(args: &Args, search: &SearchArgs) -> Result<ExitCode> {
    let config = super::load_config(args)?;
    let query = search.query();
    // Asked wrongly, a search is told so, not answered "no RFC matches".
    if query.trim().is_empty() {
        return Err(Error::usage(
            "the query is empty",
            "give words to search for, e.g. rfcbook search connection pooling; rfcbook list lists every RFC",
        ));
    }
    if search.limit == 0 {
        return Err(Error::usage(
            "--limit 0 would show no result",
            "give --limit 1 or more (10 when left out)",
        ));
    }
    for status in &search.statuses {
        super::list::parse_status(&config, status)?;
    }
    let started = std::time::Instant::now();
    let (index, refreshed) = SearchIndex::open(&config, args.quiet)?;
    terminal::timing("open or refresh the index", started);
    if refreshed > 0 && search.format == SearchFormat::Human {
        terminal::note(
            args.quiet,
            &format!("indexed {}", terminal::plural(refreshed, "RFC")),
        );
    }
    let filters = Filters {
        statuses: search.statuses.clone(),
        tags: search.tags.clone(),
        authors: search.authors.clone(),
    };
    let started = std::time::Instant::now();
    let results = query::search(
        &index,
        &query,
        &filters,
        search.limit,
        &crate::render::page_url,
    )?;
    terminal::timing("query", started);
    let text = match search.format {
        SearchFormat::Json => {
            let mut json = serde_json::to_string(&results).unwrap_or_default();
            json.push('\n');
            json
        }
        SearchFormat::Human => {
            let color = terminal::color_enabled(args.color, terminal::Stream::Stdout);
            human(&query, &results, color)
        }
    };
    terminal::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn human(query: &str, results: &Results, color: bool) -> String {
    let (bold, plain) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    if results.hits.is_empty() {
        let hint = results
            .suggestion
            .as_ref()
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return format!("no RFC matches `{query}`{hint}\n");
    }
    let mut out = format!(
        "{} of {} result{} for `{query}`\n\n",
        results.hits.len(),
        results.total,
        if results.total == 1 { "" } else { "s" }
    );
    for hit in &results.hits {
        out.push_str(&format!(
            "{bold}RFC {:04}{plain} [{}] {bold}{}{plain}\n  {}  (score {:.2})\n  {}\n\n",
            hit.id,
            hit.status,
            hit.title,
            hit.path,
            hit.score,
            highlight(&hit.snippet, bold, plain)
        ));
    }
    out
}

/// A snippet's `<b>` marks as terminal emphasis, its entities decoded.
fn highlight(snippet: &str, bold: &str, plain: &str) -> String {
    snippet
        .replace("<b>", bold)
        .replace("</b>", plain)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
