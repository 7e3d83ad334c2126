#!/usr/bin/env node
// The bytes a browser fetches to answer a query with rfcbook's static search index.
//
// Usage: node bench/static-search-bytes.js OUT QUERIES
//        node bench/static-search-bytes.js --sizes PATH...
//   OUT      a site written by `rfcbook build` (OUT/static/search.js, OUT/search/*.js)
//   QUERIES  a file with one query per line; a line "kind<TAB>query" gives the query a
//            kind (one-word, three-word, ...), copied to the output
//   --sizes  instead, one JSON line {file, raw, gzip} per file (folders walked), with the
//            same gzip as the queries, so that bench/run's totals and per-query figures
//            agree (other gzip implementations differ by a few per cent on the same file)
//
// For each query, in a fresh context (a cold page: nothing cached), it loads
// OUT/static/search.js in a `vm` context with a minimal fake window/document/location/
// history, replaces `rfcbookSearch.fetch` with a synchronous loader that reads
// OUT/search/<file>.js, evaluates it in the context and records its size (raw, and
// gzip level 6 via zlib), then does what search.html does: loads the manifest (its
// <script> tag), runs `query(text)` and `documents(top 10)`. It prints one JSON object
// per line: {query, kind, files, raw_bytes, gzip_bytes, hits, shown, top, missing, by_kind},
// where `files` lists [file, raw, gzip] in fetch order and `by_kind` splits the bytes
// into manifest, term shards (t-*), vocabularies (v-*) and document files (d-*), and
// `top` lists the RFC numbers of the first ten results (to compare with the CLI's).
// static/search.js itself (the engine's code, the same for every query) is not counted;
// its size is printed once on stderr.
//
// No npm packages: node's vm, fs, path and zlib only.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");
const zlib = require("zlib");

const TOP = 10;

function usage(message) {
  process.stderr.write(`static-search-bytes: ${message}\n` +
    "usage: node bench/static-search-bytes.js OUT QUERIES\n" +
    "       node bench/static-search-bytes.js --sizes PATH...\n");
  process.exit(2);
}

function gzipSize(bytes) {
  return zlib.gzipSync(bytes, { level: 6 }).length;
}

function kindOf(file) {
  if (file === "manifest") return "manifest";
  if (file.startsWith("t-")) return "terms";
  if (file.startsWith("d-")) return "docs";
  if (file.startsWith("v-")) return "vocabulary";
  return "other";
}

// --sizes: every file under the paths given, with its raw and gzip size.
function sizesOf(paths) {
  const walk = (p) => {
    if (fs.statSync(p).isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
      return;
    }
    const bytes = fs.readFileSync(p);
    process.stdout.write(JSON.stringify({ file: p, raw: bytes.length, gzip: gzipSize(bytes) }) + "\n");
  };
  paths.forEach(walk);
}

// A cold page: a new context with the engine evaluated in it, whose fetches are
// recorded. `engine` is the compiled static/search.js.
function page(out, engine, gzipCache) {
  const fetched = [];
  const missing = [];
  const noop = () => {};
  const element = () => ({ style: {}, setAttribute: noop, appendChild: noop, addEventListener: noop });
  const context = {
    console,
    TextEncoder,
    TextDecoder,
    URLSearchParams,
    setTimeout,
    clearTimeout,
    document: {
      head: { appendChild: noop },
      body: { appendChild: noop },
      getElementById: () => null,
      querySelector: () => null,
      createElement: element,
      addEventListener: noop,
    },
    location: { search: "", pathname: "/search.html", hash: "", href: "file:///search.html" },
    history: { replaceState: noop, pushState: noop },
  };
  vm.createContext(context);
  context.window = context;
  engine.runInContext(context);
  const api = context.rfcbookSearch;
  if (!api || typeof api.query !== "function") usage("static/search.js did not define window.rfcbookSearch.query");
  // Synchronous: the file's `rfcbookSearch.loaded(name, data)` runs before fetch returns.
  api.fetch = function (file) {
    const full = path.join(out, "search", file + ".js");
    let bytes;
    try {
      bytes = fs.readFileSync(full);
    } catch (e) {
      missing.push(file);
      api.loaded(file, null);
      return;
    }
    if (!gzipCache.has(file)) gzipCache.set(file, gzipSize(bytes));
    fetched.push([file, bytes.length, gzipCache.get(file)]);
    vm.runInContext(bytes.toString("utf8"), context, { filename: full });
  };
  return { api, fetched, missing };
}

// One query from a cold page: the manifest, the query, the documents of the top 10.
function measure(out, engine, gzipCache, kind, text) {
  const { api, fetched, missing } = page(out, engine, gzipCache);
  api.fetch("manifest"); // search.html's <script src="search/manifest.js">
  let found = null;
  let rows = null;
  api.query(text, {}, (result) => { found = result; });
  if (!found) throw new Error(`query "${text}" did not answer synchronously`);
  api.documents(found.docs.slice(0, TOP), (r) => { rows = r; });
  if (!rows) throw new Error(`documents() for "${text}" did not answer synchronously`);
  const byKind = {};
  let raw = 0;
  let gzip = 0;
  for (const [file, r, g] of fetched) {
    const k = kindOf(file);
    byKind[k] = byKind[k] || { files: 0, raw_bytes: 0, gzip_bytes: 0 };
    byKind[k].files += 1;
    byKind[k].raw_bytes += r;
    byKind[k].gzip_bytes += g;
    raw += r;
    gzip += g;
  }
  return {
    query: text,
    kind,
    files: fetched,
    raw_bytes: raw,
    gzip_bytes: gzip,
    hits: found.docs.length,
    shown: rows.filter((row) => row).length,
    top: rows.filter((row) => row).map((row) => Number(row[0])),
    missing,
    by_kind: byKind,
  };
}

function queries(out, queriesFile) {
  if (!out || !queriesFile) usage("OUT and QUERIES are required");
  const engineFile = path.join(out, "static", "search.js");
  if (!fs.existsSync(engineFile)) usage(`no ${engineFile}: is OUT a site written by rfcbook build?`);
  if (!fs.existsSync(path.join(out, "search", "manifest.js"))) usage(`no ${path.join(out, "search", "manifest.js")}`);
  const source = fs.readFileSync(engineFile);
  const engine = new vm.Script(source.toString("utf8"), { filename: engineFile });
  process.stderr.write(`static/search.js: ${source.length} bytes raw, ${gzipSize(source)} gzip (not counted per query)\n`);
  const gzipCache = new Map();
  const lines = fs.readFileSync(queriesFile, "utf8").split("\n").filter((l) => l.trim() !== "");
  for (const line of lines) {
    const tab = line.indexOf("\t");
    const kind = tab >= 0 ? line.slice(0, tab) : "";
    const text = tab >= 0 ? line.slice(tab + 1) : line;
    process.stdout.write(JSON.stringify(measure(out, engine, gzipCache, kind, text)) + "\n");
  }
}

if (process.argv[2] === "--sizes") {
  if (process.argv.length < 4) usage("--sizes needs at least one path");
  sizesOf(process.argv.slice(3));
} else {
  queries(process.argv[2], process.argv[3]);
}
