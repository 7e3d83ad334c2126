//! Search: the tantivy index behind `rfcbook search` (kept in a cache folder beside the
//! archive and refreshed incrementally), the query language, and the compact static index
//! the published site searches in the browser (rfcs/0009).

pub(crate) mod document;
pub(crate) mod query;
mod store;
pub(crate) mod tokenize;
pub(crate) mod web;

pub use store::panic_is_expected;
pub(crate) use store::{SearchIndex, survived};
