//! Search for the served pages, answered by tantivy as `rfcbook search` answers it: the
//! same query language (`"phrases"`, `field:word`), ranking, snippets and suggestions,
//! and the counts that the page's status and tag filters show (rfcs/0016).
//!
//! The index is the one `rfcbook search` keeps in `.rfcbook/index/`, brought up to date
//! after every build that published, on a thread of its own: a first index of a large
//! archive takes seconds, and neither the build nor the reload waits for it. Until it is
//! ready, or while it cannot be brought up to date, the answer is 503 and the page
//! searches its static index, as it does on any host.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use serde::Serialize;

use super::http::Response;
use crate::config::{Config, Statuses};
use crate::error::{Displayed, Error};
use crate::index::SearchIndex;
use crate::index::query::{self, Counts, Filters, Results};

/// The path the search is answered at. No page of a site has it: the build's own names
/// never start with `__`.
pub(super) const PATH: &str = "/__rfcbook/search";

/// Results shown unless the page asks for more; at most [`MAX_LIMIT`].
const DEFAULT_LIMIT: usize = 10;
const MAX_LIMIT: usize = 1000;

pub(super) struct Search {
    state: Mutex<State>,
    wanted: Condvar,
}

#[derive(Default)]
struct State {
    /// The configuration of the last build that published, until the index caught up.
    wanted: Option<Config>,
    index: Option<Arc<SearchIndex>>,
    /// Why the index could not be brought up to date, if it could not.
    failure: Option<String>,
    /// The statuses of the last build that published, which a `status=` must name.
    statuses: Option<Statuses>,
}

impl Search {
    /// A search with no index yet, and the thread that will keep one up to date.
    pub(super) fn start() -> Arc<Search> {
        let search = Arc::new(Search {
            state: Mutex::new(State::default()),
            wanted: Condvar::new(),
        });
        let maintained = Arc::clone(&search);
        std::thread::spawn(move || maintained.maintain());
        search
    }

    /// Asks for the index to be brought up to date with the archive of `config`, which a
    /// build has just published. Several builds while one update runs make one update.
    pub(super) fn refresh(&self, config: &Config) {
        let mut state = self.lock();
        state.wanted = Some(config.clone());
        state.statuses = Some(config.rfc.statuses.clone());
        self.wanted.notify_one();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn maintain(&self) {
        loop {
            let config = {
                let mut state = self.lock();
                loop {
                    if let Some(config) = state.wanted.take() {
                        break config;
                    }
                    state = self
                        .wanted
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            };
            // Quiet: waiting for a `search` in another terminal is no news to print.
            let result = SearchIndex::open(&config, true);
            let mut state = self.lock();
            match result {
                Ok((index, _)) => {
                    state.index = Some(Arc::new(index));
                    state.failure = None;
                }
                Err(e) => {
                    let text = Displayed(&e).to_string();
                    if state.failure.as_deref() != Some(&text) {
                        crate::terminal::note(
                            false,
                            &format!(
                                "warning: served pages search their static index: the search index cannot be updated\n{}",
                                text.trim_end()
                            ),
                        );
                    }
                    state.failure = Some(text);
                }
            }
        }
    }

    /// The answer to `target` (`/__rfcbook/search?q=…&status=…&tag=…&author=…&limit=…`):
    /// what `rfcbook search --format json` prints for the query, with the counts of the
    /// filters; 400 for a query that cannot be run, 503 while there is no index.
    pub(super) fn answer(&self, target: &str) -> Response {
        let question = match Question::parse(target) {
            Ok(question) => question,
            Err(message) => return failure(400, &message, Some(Question::HELP)),
        };
        let (index, failure_text, statuses) = {
            let state = self.lock();
            (
                state.index.clone(),
                state.failure.clone(),
                state.statuses.clone(),
            )
        };
        if let Some(statuses) = &statuses
            && let Err(e) = query::refused(&question.query, &question.filters, statuses)
        {
            return failure(400, &e.to_string(), Some(&e.help()));
        }
        let Some(index) = index else {
            let message = failure_text
                .unwrap_or_else(|| "the search index is being built; try again shortly".into());
            return failure(503, &message, None);
        };
        let answer = query::search_with_counts(
            &index,
            &question.query,
            &question.filters,
            question.limit,
            &crate::render::page_url,
        )
        .map(|(results, counts)| Answer { results, counts });
        match answer {
            Ok(answer) => json(200, &answer),
            Err(e @ Error::Usage { .. }) => failure(400, &e.to_string(), Some(&e.help())),
            Err(e) => failure(500, Displayed(&e).to_string().trim_end(), None),
        }
    }
}

#[derive(Serialize)]
struct Answer {
    #[serde(flatten)]
    results: Results,
    counts: Counts,
}

#[derive(Serialize)]
struct Failure<'a> {
    error: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

fn failure(status: u16, error: &str, help: Option<&str>) -> Response {
    json(status, &Failure { error, help })
}

fn json(status: u16, value: &impl Serialize) -> Response {
    let mut body = serde_json::to_vec(value).unwrap_or_default();
    body.push(b'\n');
    Response::new(status, "application/json", body)
}

/// A search as the page asks for it.
#[derive(Debug)]
struct Question {
    query: String,
    filters: Filters,
    limit: usize,
}

impl Question {
    const HELP: &str = "ask for ?q=words, with status=, tag= and author= any number of times \
                        and limit= at most once";

    /// From a target's query string, decoded as a form (`+` is a space): `q` once,
    /// `status`, `tag` and `author` any number of times, `limit` at most once.
    fn parse(target: &str) -> Result<Question, String> {
        let mut query = None;
        let mut filters = Filters::default();
        let mut limit = DEFAULT_LIMIT;
        let string = target.split_once('?').map_or("", |(_, q)| q);
        for pair in string.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = crate::link::percent_decode(&value.replace('+', " "));
            match key {
                "q" => query = Some(value),
                "status" if !value.is_empty() => filters.statuses.push(value),
                "tag" if !value.is_empty() => filters.tags.push(value),
                "author" if !value.is_empty() => filters.authors.push(value),
                "status" | "tag" | "author" => {}
                "limit" => {
                    limit = value
                        .parse::<usize>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| format!("limit must be a positive number, not `{value}`"))?
                        .min(MAX_LIMIT);
                }
                other => return Err(format!("unknown parameter `{other}`")),
            }
        }
        let query = query.ok_or("the query is missing: ask for ?q=words")?;
        Ok(Question {
            query,
            filters,
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_read_as_forms() {
        let q = Question::parse(
            "/__rfcbook/search?q=%22connection+pool%22+title%3Apg&status=accepted&tag=db&tag=&limit=20",
        )
        .unwrap();
        assert_eq!(q.query, "\"connection pool\" title:pg");
        assert_eq!(q.filters.statuses, ["accepted"]);
        assert_eq!(q.filters.tags, ["db"]);
        assert!(q.filters.authors.is_empty());
        assert_eq!(q.limit, 20);
        assert_eq!(
            Question::parse("/__rfcbook/search?q=x").unwrap().limit,
            DEFAULT_LIMIT
        );
        assert_eq!(
            Question::parse("/__rfcbook/search?q=x&limit=99999")
                .unwrap()
                .limit,
            MAX_LIMIT
        );
        for bad in [
            "/__rfcbook/search",
            "/__rfcbook/search?limit=3",
            "/__rfcbook/search?q=x&limit=0",
            "/__rfcbook/search?q=x&limit=many",
            "/__rfcbook/search?q=x&sort=date",
        ] {
            assert!(Question::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn without_an_index_the_page_is_told_to_search_its_own() {
        let search = Search::start();
        let response = search.answer("/__rfcbook/search?q=x");
        assert_eq!(response.status, 503);
        let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        assert!(
            body["error"].as_str().unwrap().contains("being built"),
            "{body}"
        );
        assert_eq!(search.answer("/__rfcbook/search").status, 400);
    }
}
