// rfcbook static search: queries the index under search/ that `rfcbook build` wrote.
// Files are loaded with <script> tags, so search works from file:// too. The tokenizer
// below mirrors src/index/tokenize.rs (words, CJK pairs, lower case, Latin accents folded,
// the same stop words); stems come from the index itself, so no stemmer is needed here.
(function () {
  "use strict";
  var STOP = ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
    "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
    "these", "they", "this", "to", "was", "will", "with"];
  var PAGE = 10;
  var loaded = {};
  var waiting = {};
  var manifest = null;
  var facets = null;
  var state = { query: "", status: "", tag: "", shown: PAGE };

  var api = window.rfcbookSearch = {
    loaded: function (name, data) {
      loaded[name] = data;
      var callbacks = waiting[name] || [];
      delete waiting[name];
      callbacks.forEach(function (cb) { cb(data); });
      if (name === "manifest") init(data);
    },
    tokenize: terms,
    // How index files are fetched: a <script> tag (works from file://). Tests may replace it.
    fetch: function (file) {
      var script = document.createElement("script");
      script.src = "search/" + file + ".js";
      script.onerror = function () { api.loaded(file, null); };
      document.head.appendChild(script);
    },
    // The engine without the page: ranked documents for a query, then `done(result)`.
    query: function (text, filters, done) { rank(text, filters || {}, done); },
    documents: function (docs, done) { withDocuments(docs, done); }
  };

  function fileKey(key) {
    var out = "";
    for (var ch of key) {
      if (/^[A-Za-z0-9]$/.test(ch)) out += ch; else out += "_" + ch.codePointAt(0).toString(16);
    }
    return out;
  }

  function load(name, done) {
    if (loaded[name]) { done(loaded[name]); return; }
    if (waiting[name]) { waiting[name].push(done); return; }
    waiting[name] = [done];
    api.fetch(name.charAt(0) === "t" ? "t-" + fileKey(name.slice(2)) : name);
  }

  function loadAll(names, done) {
    var left = names.length;
    if (left === 0) { done(); return; }
    names.forEach(function (n) { load(n, function () { if (--left === 0) done(); }); });
  }

  function isCjk(cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
  }

  var SPECIAL = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ð": "d", "ı": "i" };
  function fold(word) {
    var out = "";
    for (var ch of word) {
      var cp = ch.codePointAt(0);
      if (SPECIAL[ch]) out += SPECIAL[ch];
      else if ((cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)) out += ch.normalize("NFD").replace(/\p{M}/gu, "");
      else out += ch;
    }
    return out;
  }

  // The surface terms of a text, as the index saw them.
  function terms(text) {
    var out = [];
    var runs = text.match(/[\p{Alphabetic}\p{N}]+/gu) || [];
    runs.forEach(function (run) {
      var chars = Array.from(run);
      var i = 0;
      while (i < chars.length) {
        var cjk = isCjk(chars[i].codePointAt(0));
        var j = i;
        while (j < chars.length && isCjk(chars[j].codePointAt(0)) === cjk) j++;
        var piece = chars.slice(i, j);
        if (cjk) {
          if (piece.length === 1) out.push(piece[0]);
          for (var k = 0; k + 1 < piece.length; k++) out.push(piece[k] + piece[k + 1]);
        } else {
          out.push(piece.join(""));
        }
        i = j;
      }
    });
    return out
      .filter(function (t) { return new TextEncoder().encode(t).length < 40; })
      .map(function (t) { return fold(t.toLowerCase()); })
      .filter(function (t) { return STOP.indexOf(t) === -1; });
  }

  function shardFor(term) {
    var best = null;
    manifest.shards.forEach(function (key) {
      if (term.indexOf(key) === 0 && (best === null || key.length > best.length)) best = key;
    });
    return best;
  }

  function distance(a, b) {
    var d = [];
    for (var i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (var j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }

  function postings(text) {
    var out = {};
    if (!text) return out;
    var doc = 0;
    text.split(",").forEach(function (pair) {
      var parts = pair.split(".");
      doc += parseInt(parts[0], 36);
      out[doc] = parseInt(parts[1], 36);
    });
    return out;
  }

  // doc -> weight for one query term; `stems` collects what matched, for highlighting.
  function match(term, prefix, stems) {
    var key = shardFor(term);
    var shard = key === null ? null : loaded["t-" + key];
    var found = {};
    if (!shard) return found;
    function add(stem, factor) {
      var p = postings(shard.p[stem]);
      stems.push(stem);
      Object.keys(p).forEach(function (d) { found[d] = Math.max(found[d] || 0, p[d] * factor); });
    }
    var exact = shard.s[term] || (shard.p[term] !== undefined ? term : null);
    if (exact) add(exact, 1);
    var candidates = Object.keys(shard.s).concat(Object.keys(shard.p));
    if (prefix && term.length >= 2) {
      candidates.forEach(function (c) {
        if (c !== term && c.indexOf(term) === 0) add(shard.s[c] || c, 0.5);
      });
    }
    if (!exact && term.length >= 4) {
      candidates.forEach(function (c) {
        if (Math.abs(c.length - term.length) <= 1 && distance(c, term) <= 1) add(shard.s[c] || c, 0.3);
      });
    }
    return found;
  }

  function facetsOf(doc) {
    var f = facets[doc];
    return { status: manifest.statuses[f.status], tags: f.tags.map(function (t) { return manifest.tags[t]; }) };
  }

  // Ranks the documents matching `query`: every word must match (its stems, the last word
  // also as a prefix, a one-letter typo at a lower weight). Counts per status and tag are
  // over the matches, each ignoring its own filter.
  function rank(query, filters, done) {
    var words = terms(query);
    if (!words.length || !manifest) { done({ words: words, stems: [], docs: [], scores: {}, counts: { status: {}, tag: {} } }); return; }
    var prefixLast = !/\s$/.test(query);
    var keys = [];
    words.forEach(function (w) { var k = shardFor(w); if (k !== null && keys.indexOf("t-" + k) === -1) keys.push("t-" + k); });
    loadAll(keys, function () {
      var stems = [];
      var scores = null;
      var any = {};
      var hits = {};
      words.forEach(function (w, i) {
        var found = match(w, prefixLast && i === words.length - 1, stems);
        Object.keys(found).forEach(function (d) { any[d] = (any[d] || 0) + found[d]; hits[d] = (hits[d] || 0) + 1; });
        if (scores === null) { scores = found; return; }
        var next = {};
        Object.keys(scores).forEach(function (d) { if (found[d] !== undefined) next[d] = scores[d] + found[d]; });
        scores = next;
      });
      // Postings keep only each word's best documents, so an RFC with every word may be
      // missing from the intersection of common words: then rank the RFCs with the most
      // of the words, best first, rather than show nothing.
      if (words.length > 1 && Object.keys(scores).length === 0) {
        scores = {};
        Object.keys(any).forEach(function (d) { scores[d] = any[d] + 1000 * hits[d]; });
      }
      var counts = { status: {}, tag: {} };
      var docs = Object.keys(scores).map(Number).filter(function (d) {
        var f = facetsOf(d);
        var statusOk = !filters.status || f.status === filters.status;
        var tagOk = !filters.tag || f.tags.indexOf(filters.tag) !== -1;
        if (tagOk) counts.status[f.status] = (counts.status[f.status] || 0) + 1;
        if (statusOk) f.tags.forEach(function (t) { counts.tag[t] = (counts.tag[t] || 0) + 1; });
        return statusOk && tagOk;
      });
      docs.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      done({ words: words, stems: stems, docs: docs, scores: scores, counts: counts });
    });
  }

  // Rows [number, title, status, url, summary] of documents, in the order given.
  function withDocuments(docs, done) {
    var files = [];
    docs.forEach(function (d) { var n = "d-" + Math.floor(d / manifest.docsPerFile); if (files.indexOf(n) === -1) files.push(n); });
    loadAll(files, function () {
      done(docs.map(function (d) { return loaded["d-" + Math.floor(d / manifest.docsPerFile)][d % manifest.docsPerFile]; }));
    });
  }

  function run() {
    var query = state.query;
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var filters = document.getElementById("search-filters");
    rank(query, { status: state.status, tag: state.tag }, function (found) {
      if (query !== state.query) return;
      if (!found.words.length) {
        list.innerHTML = "";
        filters.hidden = true;
        status.textContent = query.trim() ? "Those words are too common to search for." : "Type to search.";
        return;
      }
      renderFilters(filters, found.counts);
      var top = found.docs.slice(0, state.shown);
      withDocuments(top, function (rows) {
        if (query !== state.query) return;
        var n = found.docs.length;
        status.textContent = n === 0 ? "No RFC matches." : n + (n === 1 ? " RFC matches." : " RFCs match.");
        list.innerHTML = "";
        rows.forEach(function (row) { list.appendChild(result(row, found.words, found.stems)); });
        if (n > top.length) {
          var more = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.className = "more";
          button.textContent = "Show more";
          button.addEventListener("click", function () { state.shown += PAGE; run(); });
          more.appendChild(button);
          list.appendChild(more);
        }
      });
    });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  function highlight(text, words, stems) {
    return text.split(/([\p{Alphabetic}\p{N}]+)/u).map(function (piece, i) {
      if (i % 2 === 0) return escapeHtml(piece);
      var t = fold(piece.toLowerCase());
      var hit = words.some(function (w) { return t.indexOf(w) === 0; }) || stems.some(function (s) { return s.length > 2 && t.indexOf(s) === 0; });
      return hit ? "<mark>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece);
    }).join("");
  }

  function result(row, words, stems) {
    var li = document.createElement("li");
    li.className = "search-result";
    var status = row[2];
    li.innerHTML = '<a class="result-title" href="' + escapeHtml(row[3]) + '">RFC ' + escapeHtml(row[0]) + ": " +
      highlight(row[1], words, stems) + "</a> " +
      '<span class="badge status-' + escapeHtml(status.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-")) + '">' + escapeHtml(status) + "</span>" +
      '<p class="snippet">' + highlight(row[4], words, stems) + "</p>";
    return li;
  }

  function renderFilters(box, counts) {
    box.hidden = false;
    box.innerHTML = "";
    [["status", "Status", counts.status], ["tag", "Tag", counts.tag]].forEach(function (spec) {
      var label = document.createElement("label");
      label.textContent = spec[1] + " ";
      var select = document.createElement("select");
      select.id = "search-" + spec[0];
      var any = new Option("Any", "");
      select.appendChild(any);
      Object.keys(spec[2]).sort().forEach(function (name) {
        select.appendChild(new Option(name + " (" + spec[2][name] + ")", name));
      });
      if (state[spec[0]] && !spec[2][state[spec[0]]]) select.appendChild(new Option(state[spec[0]] + " (0)", state[spec[0]]));
      select.value = state[spec[0]];
      select.addEventListener("change", function () { state[spec[0]] = select.value; state.shown = PAGE; remember(); run(); });
      label.appendChild(select);
      box.appendChild(label);
    });
  }

  function remember() {
    var params = new URLSearchParams();
    if (state.query) params.set("q", state.query);
    if (state.status) params.set("status", state.status);
    if (state.tag) params.set("tag", state.tag);
    var search = params.toString();
    try { history.replaceState(null, "", search ? "?" + search : location.pathname); } catch (e) { /* file:// in some browsers */ }
  }

  function init(data) {
    manifest = data;
    // Decodes the compact facets of src/index/web.rs (`manifest`).
    var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    var docTags = data.docTags.split(",");
    facets = docTags.map(function (t, i) {
      var status = typeof data.status === "string" ? ALPHABET.indexOf(data.status.charAt(i)) : data.status[i];
      var tags = data.tagCodes === "char"
        ? Array.from(t).map(function (c) { return ALPHABET.indexOf(c); })
        : (t ? t.split(".").map(function (x) { return parseInt(x, 36); }) : []);
      return { status: status, tags: tags };
    });
    var input = typeof document !== "undefined" && document.getElementById("search-input");
    if (!input) return;
    var params = new URLSearchParams(location.search);
    state.query = params.get("q") || "";
    state.status = params.get("status") || "";
    state.tag = params.get("tag") || "";
    input.value = state.query;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = input.value; state.shown = PAGE; remember(); run(); }, 60);
    });
    document.addEventListener("keydown", function (e) {
      var typing = e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if (e.key === "/" && !typing) { e.preventDefault(); input.focus(); }
    });
    if (state.query) run();
  }
})();
