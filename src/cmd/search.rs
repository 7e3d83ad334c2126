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
    // Asked wrongly, a search is told so, not answered "no RFC matches". On the command
    // line even filters want a word: `rfcbook list` is the command that lists.
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
    let filters = Filters {
        statuses: search.statuses.clone(),
        tags: search.tags.clone(),
        authors: search.authors.clone(),
    };
    query::refused(&query, &filters, &config.rfc.statuses).map_err(|e| match e {
        Error::Usage { message, help } if !query::has_terms(&query) => Error::Usage {
            message,
            help: format!("{help}; rfcbook list lists every RFC"),
        },
        e => e,
    })?;
    let started = std::time::Instant::now();
    let (index, refreshed) = SearchIndex::open(&config, args.quiet)?;
    terminal::timing("open or refresh the index", started);
    if refreshed > 0 && search.format == SearchFormat::Human {
        terminal::note(
            args.quiet,
            &format!("indexed {}", terminal::plural(refreshed, "RFC")),
        );
    }
    let started = std::time::Instant::now();
    let ask = |index: &SearchIndex| {
        crate::index::survived(|| {
            query::search(
                index,
                &query,
                &filters,
                search.limit,
                &crate::render::page_url,
            )
        })
    };
    // The index is a cache: one whose files were damaged (a disk error, a copy cut short)
    // is thrown away and made again, never trusted and never reported as a bug.
    let (results, index) = match ask(&index) {
        Some(Ok(results)) => (results, index),
        // A question asked wrongly (`titel:x`) is the user's to fix, not the index's.
        Some(Err(e)) if e.stop_code() != crate::error::StopCode::Io => return Err(e),
        _ => {
            drop(index);
            let (index, refreshed) = SearchIndex::rebuild(&config, args.quiet)?;
            terminal::note(
                args.quiet,
                &format!(
                    "the search index was damaged: indexed {} again",
                    terminal::plural(refreshed, "RFC")
                ),
            );
            let results = ask(&index).unwrap_or_else(|| {
                Err(Error::Internal {
                    message: "the search index failed again after it was rebuilt".into(),
                })
            })?;
            (results, index)
        }
    };
    terminal::timing("query", started);
    let text = match search.format {
        SearchFormat::Json => {
            let mut json = serde_json::to_string(&results).unwrap_or_default();
            json.push('\n');
            json
        }
        SearchFormat::Human => {
            let color = terminal::color_enabled(args.color, terminal::Stream::Stdout);
            let unknown = if results.hits.is_empty() {
                query::unknown_labels(&index, &query, &filters)
            } else {
                Vec::new()
            };
            human(
                &query,
                &results,
                &filters,
                &unknown,
                &config.rfc.file_name,
                color,
            )
        }
    };
    terminal::print(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn human(
    query: &str,
    results: &Results,
    filters: &Filters,
    unknown: &[(&str, String, Option<String>)],
    names: &crate::naming::FileNamePattern,
    color: bool,
) -> String {
    use terminal::clean;
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
        // Filters that left nothing are named: the words alone may match.
        let among = super::filters_named(&filters.statuses, &filters.tags, &filters.authors);
        let among = if among.is_empty() {
            String::new()
        } else {
            format!(" among RFCs with {among}")
        };
        let mut out = format!(
            "no RFC matches {}{}{hint}\n",
            quoted_query(query),
            clean(&among)
        );
        for (what, value, near) in unknown {
            let near = near
                .as_ref()
                .map(|n| format!("; did you mean `{}`?", clean(n)))
                .unwrap_or_default();
            out.push_str(&format!(
                "note: no RFC has the {what} `{}`{near}\n",
                clean(value)
            ));
        }
        return out;
    }
    let mut out = if results.partial {
        let near = results
            .suggestion
            .as_ref()
            .map(|n| format!("; did you mean `{}`?", clean(n)))
            .unwrap_or_default();
        let missing = match results.missing.as_slice() {
            [] => String::new(),
            words => format!(
                " (none has {}{near})",
                words
                    .iter()
                    .map(|w| format!("`{}`", clean(w)))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        format!(
            "no RFC has every word of `{}`{missing}; {} of {} with some of them, the most first\n\n",
            clean(query),
            results.hits.len(),
            terminal::plural(results.total, "RFC")
        )
    } else {
        format!(
            "{} of {} for `{}`\n\n",
            results.hits.len(),
            terminal::plural(results.total, "result"),
            clean(query)
        )
    };
    for hit in &results.hits {
        // Records are named in their archive's series (`EIP-7999`, `ADR012`), as pages name them.
        let label = u32::try_from(hit.id).map_or_else(
            |_| format!("RFC {}", hit.id),
            |id| names.label(crate::model::RfcId(id)),
        );
        out.push_str(&format!(
            "{bold}{label}{plain} [{}] {bold}{}{plain}\n  {}  (score {:.2})\n",
            clean(&hit.status),
            clean(&hit.title),
            clean(&hit.path),
            hit.score,
        ));
        // A body without words has no snippet: no line of spaces for it.
        let snippet = highlight(&clean(&hit.snippet), bold, plain);
        if !snippet.trim().is_empty() {
            out.push_str(&format!("  {snippet}\n"));
        }
        out.push('\n');
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

/// The query as a message repeats it, quoted: whole up to a line's worth, else its start
/// and how long it was (a pasted paragraph was echoed back whole, 10 KB of it).
fn quoted_query(query: &str) -> String {
    const SHOWN: usize = 80;
    match query.char_indices().nth(SHOWN) {
        None => format!("`{}`", terminal::clean(query)),
        Some((end, _)) => format!(
            "`{}…` ({} characters)",
            terminal::clean(&query[..end]),
            query.chars().count()
        ),
    }
}
