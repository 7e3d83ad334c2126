//! The integration suite: every test drives the real `rfcbook` binary on real files.

mod harness;

mod build;
mod check;
mod commands;
mod config;
mod corpora;
mod own_archive;
mod relevance;
mod rules;
mod search;
mod serve;
