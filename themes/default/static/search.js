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
  // Keyed by words, which may be "constructor": no prototype to collide with.
  var vocabularies = Object.create(null);
  var decoded = Object.create(null);
  // "stem doc" for each weighed document with the stem in its title (`title:word`).
  var titled = Object.create(null);
  var state = { query: "", status: "", tag: "", shown: PAGE };
  var numbers = [];
  // After "Show more", the position of the first new result, which gets the focus.
  var focusAt = null;

  var api = window.rfcbookSearch = {
    loaded: function (name, data) {
      if (typeof data === "string" && name.indexOf("t-") === 0) data = shard(data);
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

  // A word's entry in an index object: its own property only, never an inherited one
  // ("constructor" is a word too).
  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function fileKey(key) {
    var out = "";
    for (var ch of key) {
      if (/^[A-Za-z0-9]$/.test(ch)) out += ch; else out += "_" + ch.codePointAt(0).toString(16);
    }
    return out;
  }

  function load(name, done) {
    if (loaded[name] !== undefined) { done(loaded[name]); return; }
    if (waiting[name]) { waiting[name].push(done); return; }
    waiting[name] = [done];
    api.fetch(name);
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

  // The term shard whose range holds `key`: shards are ranges of sorted keys, and the
  // manifest has the first key (shortened) of each.
  function shardFor(key) {
    var bounds = manifest.bounds;
    var lo = 0;
    var hi = bounds.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (bounds[mid] <= key) lo = mid; else hi = mid - 1;
    }
    return "t-" + lo;
  }

  function vocabularyFor(word) {
    var initial = Array.from(word)[0];
    return manifest.vocabularies.indexOf(initial) === -1 ? null : "v-" + fileKey(initial);
  }

  // A term shard's entries (src/index/web/shards.rs `shard_text`) as { p: stem -> postings,
  // s: surface -> stem or the stem's length in the surface }: each entry starts with how
  // many units of the previous key it shares, then the rest of its key, then `:postings`,
  // `=length` or `;stem`; entries are separated by spaces.
  function shard(text) {
    var out = { p: Object.create(null), s: Object.create(null) };
    var previous = "";
    var read = reader(text);
    while (read.at < text.length) {
      var shared = read.number();
      var i = read.at;
      var j = i;
      while (j < text.length && ":=;".indexOf(text[j]) === -1) j++;
      var end = text.indexOf(" ", j);
      if (end === -1) end = text.length;
      var key = previous.slice(0, shared) + text.slice(i, j);
      var value = text.slice(j + 1, end);
      if (text[j] === ":") out.p[key] = value;
      else out.s[key] = text[j] === "=" ? Number(value) : value;
      previous = key;
      read.at = end + 1;
    }
    return out;
  }

  // The stem a surface form names in a shard or vocabulary: a number is a prefix length.
  function stemOf(surface, spec) {
    return typeof spec === "number" ? surface.slice(0, spec) : spec;
  }

  // A word's stem if the index has the word (as a surface form or a stem), else null.
  function known(word) {
    var shard = loaded[shardFor(word)];
    if (!shard) return null;
    if (own(shard.s, word) !== undefined) return stemOf(word, shard.s[word]);
    return own(shard.p, word) !== undefined ? word : null;
  }

  // [word, stem] pairs of a vocabulary file, the most common words first.
  function vocabulary(name) {
    var cached = vocabularies[name];
    if (cached) return cached;
    var text = loaded[name];
    var out = [];
    if (text) {
      text.split(" ").forEach(function (entry) {
        var comma = entry.indexOf(",");
        var colon = entry.indexOf(":");
        if (comma !== -1) out.push([entry.slice(0, comma), entry.slice(0, Number(entry.slice(comma + 1)))]);
        else if (colon !== -1) out.push([entry.slice(0, colon), entry.slice(colon + 1)]);
        else out.push([entry, entry]);
      });
    }
    vocabularies[name] = out;
    return out;
  }

  var MAX_CORRECTIONS = 16;
  // The weight of a word one typo away, as on the command line.
  var TYPO = 0.7;
  var MAX_EXPANSION_SHARDS = 4;

  // What a word may have meant, as the command line reads it: for the last word typed
  // (`prefix`), words it begins (at half weight); for an unknown word (`typos`) of four
  // letters or more, words one typo away (at 0.7). Candidates come from the word's own
  // shard and its vocabulary.
  function candidates(word, prefix, typos) {
    var out = [];
    var seen = Object.create(null);
    function add(stem, factor) {
      if (seen[stem] !== undefined && seen[stem] >= factor) return;
      seen[stem] = factor;
      out.push([stem, factor]);
    }
    var pairs = loadedSurfaces(word);
    var shard = loaded[shardFor(word)];
    if (shard) Object.keys(shard.p).forEach(function (w) { pairs.push([w, w]); });
    var chars = Array.from(word);
    if (prefix && chars.length >= 2) {
      pairs.forEach(function (p) { if (p[0] !== word && p[0].indexOf(word) === 0) add(p[1], 0.5); });
    }
    if (typos && chars.length >= 4) {
      var corrected = 0;
      pairs.forEach(function (p) {
        if (corrected >= MAX_CORRECTIONS) return;
        var w = Array.from(p[0]);
        if (w[0] === chars[0] && Math.abs(w.length - chars.length) <= 1 && distance(w, chars) <= 1) {
          corrected++;
          add(p[1], TYPO);
        }
      });
    }
    return out;
  }

  // A word the archive has, near one it has not (`clsurs`, `closures`), to suggest when
  // nothing matches: as the command line suggests, within one edit for a word of four
  // letters or fewer and two for a longer one, from the words already loaded (the
  // vocabulary of its first letter, most common first, and its term shard).
  function suggest(word) {
    var chars = Array.from(word);
    var most = chars.length <= 4 ? 1 : 2;
    var best = null;
    loadedSurfaces(word).forEach(function (p) {
      var w = Array.from(p[0]);
      if (p[0] === word || w[0] !== chars[0] || Math.abs(w.length - chars.length) > most) return;
      var d = distance(w, chars);
      if (d <= most && (best === null || d < best[1])) best = [p[0], d];
    });
    return best && best[0];
  }

  // [surface, stem] of the words loaded near `word`: the vocabulary of its first letter
  // (most common first) and the surfaces of its term shard.
  function loadedSurfaces(word) {
    var pairs = vocabulary(vocabularyFor(word) || "").slice();
    var shard = loaded[shardFor(word)];
    if (shard) Object.keys(shard.s).forEach(function (w) { pairs.push([w, stemOf(w, shard.s[w])]); });
    return pairs;
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

  // Decodes postings (src/index/web/shards.rs `posting_text`) into doc -> weight: numbers in
  // base 46, the digits of DIGITS' first half ending a number. First the body and title
  // document frequencies and twice the number of weighed documents (plus one if the
  // others are a bitmap); then per weighed document
  // its delta and `body + 46 * title`, the BM25 term frequency parts in steps of 1/20,
  // weighed here as `rfcbook search` does: body plus three times title, each by its own
  // idf; then the deltas of the other documents with the stem, which score as the least
  // of the weighed ones (they ranked below all of them).
  var DIGITS = "!#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
  var DIGIT = {};
  for (var di = 0; di < DIGITS.length; di++) DIGIT[DIGITS.charCodeAt(di)] = di;
  var BASE = 46;
  var STEPS = 20;
  // Reads the numbers of `text` (shards.rs `push_number`) one by one; `at` is where it is.
  function reader(text) {
    var r = { at: 0 };
    r.number = function () {
      var n = 0;
      var d;
      while ((d = DIGIT[text.charCodeAt(r.at++)]) >= BASE) n = n * BASE + d - BASE;
      return n * BASE + d;
    };
    return r;
  }
  // How many RFCs have a stem: its body or, if more, its title document frequency, the
  // first two numbers of its postings.
  function frequency(stem) {
    var shard = loaded[shardFor(stem)];
    var text = shard && own(shard.p, stem);
    if (text === undefined) return 0;
    var read = reader(text);
    return Math.max(read.number(), read.number());
  }

  // A typo is far likelier of a common word than of a rare one one edit away (`chek`:
  // `check`, not `cheek`), and the rare one's weight would put its few RFCs first: as on
  // the command line, corrections less than a tenth as common as the most common go.
  function commonCorrections(list) {
    var counts = list.map(function (c) { return c[1] === TYPO ? frequency(c[0]) : 0; });
    var most = Math.max.apply(null, [0].concat(counts));
    return list.filter(function (c, i) { return c[1] !== TYPO || counts[i] * 10 >= most; });
  }

  function idf(df) {
    var n = manifest.documents;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  function postings(text, stem) {
    var out = {};
    if (!text) return out;
    var read = reader(text);
    var number = read.number;
    var body = idf(number()) / STEPS;
    var title = 3 * idf(number()) / STEPS;
    var header = number();
    var doc = 0;
    var least = Infinity;
    for (var k = 0; k < header >> 1; k++) {
      doc += number();
      var parts = number();
      var inTitle = Math.floor(parts / BASE);
      var w = body * (parts % BASE) + title * inTitle;
      out[doc] = w;
      if (inTitle) titled[stem + " " + doc] = true;
      if (w < least) least = w;
    }
    // The other documents: a bitmap of six documents per character, or deltas.
    if (header & 1) {
      for (var cell = 0; read.at < text.length; cell++, read.at++) {
        var bits = DIGIT[text.charCodeAt(read.at)];
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) out[cell * 6 + b] = least;
      }
    } else {
      doc = 0;
      while (read.at < text.length) {
        doc += number();
        out[doc] = least;
      }
    }
    return out;
  }

  function facetsOf(doc) {
    var f = facets[doc];
    return { status: manifest.statuses[f.status], tags: f.tags.map(function (t) { return manifest.tags[t]; }) };
  }

  function unique(list) {
    return list.filter(function (x, i) { return x !== null && list.indexOf(x) === i; });
  }

  // Ranks the documents matching `query`: every word must match (a word the index has as
  // its stem; an unknown one by its candidates). Three steps, each loading only what it
  // needs: the words' shards; then the shards of their stems and, for unknown words, the
  // vocabulary; then the candidates' shards. Counts per status and tag are over the
  // matches, each ignoring its own filter.
  function rank(query, filters, finished) {
    var parsed = parse(query);
    // The RFC the query names comes first.
    var done = function (found) {
      if (parsed.number === null) { finished(found); return; }
      var named = [];
      numbers.forEach(function (n, d) { if (n === parsed.number) named.push(d); });
      named = named.filter(function (d) {
        var f = facetsOf(d);
        return (!filters.status || f.status === filters.status) && (!filters.tag || f.tags.indexOf(filters.tag) !== -1);
      });
      if (named.length) {
        found.docs = named.concat(found.docs.filter(function (d) { return named.indexOf(d) === -1; }));
        found.unknown = null;
        found.partial = false;
      }
      finished(found);
    };
    query = parsed.text;
    filters = { status: parsed.status || filters.status, tag: parsed.tag || filters.tag, titled: parsed.titled };
    var words = terms(query);
    var nothing = { words: words, stems: [], docs: [], scores: {}, counts: { status: {}, tag: {} }, parsed: parsed };
    if (!manifest) { done(nothing); return; }
    if (!words.length) {
      // `tag:database` alone, or a filter chosen without words: every RFC with the tag.
      if (filters.status || filters.tag) score([], [], filters, function (found) { found.parsed = parsed; done(found); });
      else done(nothing);
      return;
    }
    var prefixLast = !/\s$/.test(query);
    loadAll(unique(words.map(shardFor)), function () {
      var stems = words.map(known);
      var second = [];
      // The last word, unfinished, is also the start of longer words: of any it is not,
      // and of a known one from four letters on (`postgres`, for `postgresql`), as on the
      // command line, so that typing on only narrows what is found.
      var unfinished = function (w, i) {
        return prefixLast && i === words.length - 1 && (stems[i] === null || Array.from(w).length >= 4);
      };
      words.forEach(function (w, i) {
        if (stems[i] !== null) second.push(shardFor(stems[i]));
        if (stems[i] === null || unfinished(w, i)) second.push(vocabularyFor(w));
      });
      loadAll(unique(second), function () {
        var wanted = words.map(function (w, i) {
          var found = stems[i] === null ? candidates(w, unfinished(w, i), true)
            : unfinished(w, i) ? [[stems[i], 1]].concat(candidates(w, true, false)) : [[stems[i], 1]];
          // Expansions may reach many shards: keep the candidates of the first few.
          var shards = [];
          return found.filter(function (c) {
            var s = shardFor(c[0]);
            if (loaded[s] || shards.indexOf(s) !== -1) return true;
            if (shards.length >= MAX_EXPANSION_SHARDS) return false;
            shards.push(s);
            return true;
          });
        });
        var third = [];
        wanted.forEach(function (list) { list.forEach(function (c) { third.push(shardFor(c[0])); }); });
        loadAll(unique(third), function () {
          wanted = wanted.map(commonCorrections);
          score(words, wanted, filters, function (found) { found.parsed = parsed; done(found); });
        });
      });
    });
  }

  function score(words, wanted, filters, done) {
    var matched = [];
    var scores = null;
    var any = {};
    var hits = {};
    var unknown = null;
    wanted.forEach(function (list, i) {
      var found = {};
      // `title:word`: only the RFCs with that word in their title.
      var titleOnly = filters.titled && filters.titled.indexOf(words[i]) !== -1;
      list.forEach(function (c) {
        var shard = loaded[shardFor(c[0])];
        var text = shard && own(shard.p, c[0]);
        if (text === undefined) return;
        matched.push(c[0]);
        // Results update on every keystroke: decode each stem's postings once per page.
        var p = decoded[c[0]] || (decoded[c[0]] = postings(text, c[0]));
        Object.keys(p).forEach(function (d) {
          if (titleOnly && !titled[c[0] + " " + d]) return;
          found[d] = Math.max(found[d] || 0, p[d] * c[1]);
        });
      });
      if (!Object.keys(found).length && unknown === null) unknown = words[i];
      Object.keys(found).forEach(function (d) { any[d] = (any[d] || 0) + found[d]; hits[d] = (hits[d] || 0) + 1; });
      if (scores === null) { scores = found; return; }
      var next = {};
      Object.keys(scores).forEach(function (d) { if (found[d] !== undefined) next[d] = scores[d] + found[d]; });
      scores = next;
    });
    // Postings keep only each word's best documents, so an RFC with every word may be
    // missing from the intersection of common words: then rank the RFCs with the most
    // of the words, best first, rather than show nothing.
    // A word found nowhere, not even as a typo or the start of a word, leaves the other
    // words to go by (a question's "did"); alone, it matches nothing. As on the command
    // line.
    var partial = false;
    if (!wanted.length) {
      scores = {};
      facets.forEach(function (f, d) { scores[d] = 0; });
    } else if (unknown !== null && (words.length < 2 || !Object.keys(any).length)) {
      scores = {};
    } else if (words.length > 1 && Object.keys(scores).length === 0) {
      scores = {};
      partial = true;
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
    done({ words: words, stems: matched, docs: docs, scores: scores, counts: counts, partial: partial, unknown: unknown,
      suggestion: unknown === null ? null : suggest(unknown) });
  }

  // What the command line's query language says that the static index can also do:
  // `tag:name` and `status:name` are the filters (a quoted value whole), `title:word`
  // keeps the RFCs with that word (or those of `title:"a phrase"`) in their title, as on
  // the command line. The other fields (`author:`, the sections, `body:`) are not in the
  // static index: their words are searched everywhere. Any other `name:` is words, as on
  // the command line (`std::mem::take`). Quotes are dropped: a phrase is searched as its
  // words, which the page says (`phrase`).
  var FIELDS = /(^|\s)(tag|status|title|authors?|problem|approach|alternatives|rationale|body|text):("[^"]*"|\S*)/gi;
  function parse(query) {
    var out = { text: query, status: "", tag: "", titled: [], phrase: false };
    var text = query.replace(FIELDS, function (all, space, field, value) {
      value = value.replace(/^"|"$/g, "");
      field = field.toLowerCase();
      if (field === "tag" || field === "status") {
        if (manifest) out[field] = named(field === "tag" ? manifest.tags : manifest.statuses, value);
        return space;
      }
      if (/\S\s+\S/.test(value)) out.phrase = true;
      if (field === "title") out.titled = out.titled.concat(terms(value));
      return space + value;
    });
    if (/"[^"]*\S\s+\S[^"]*"/.test(text)) out.phrase = true;
    out.text = text.replace(/"/g, " ");
    // A query that names an RFC by its number ("16", "RFC 16", "#16", "ADR012"): that
    // RFC first, then what mentions the number as written, as on the command line.
    // The whole query, as the command line reads it (`title:16` is a word in titles).
    out.number = null;
    var series = manifest ? String(manifest.label || "").trim().replace(/[-_]+$/, "").toLowerCase() : "rfc";
    var bare = query.trim().toLowerCase();
    [/^#/, series ? new RegExp("^" + series.replace(/[^a-z0-9]/g, "\\$&")) : null, /^rfc/].some(function (prefix) {
      if (!prefix || !prefix.test(bare)) return false;
      // Separators only after a prefix: `-16` is no number named.
      bare = bare.replace(prefix, "").replace(/^[\s_-]+/, "");
      return true;
    });
    if (/^\d{1,10}$/.test(bare)) {
      out.number = parseInt(bare, 10);
      out.text = bare;
    }
    return out;
  }

  // The query without its `tag:` or `status:` part: a choice in that filter replaces it.
  // The rest stays as typed (a trailing space says the last word is finished).
  function withoutField(query, field) {
    return query.replace(new RegExp("(^|\\s)" + field + ':("[^"]*"|\\S*)(?=\\s|$)', "gi"), "$1")
      .replace(/\s{2,}/g, " ").replace(/^\s+/, "");
  }

  // Statuses and tags are the same in any case (rfcs/0018): a query or link may spell
  // them otherwise than the archive's names, which the filters show.
  function named(names, value) {
    var lower = value.toLowerCase();
    for (var i = 0; i < names.length; i++) if (names[i].toLowerCase() === lower) return names[i];
    return value;
  }

  // Rows [number, title, status, url, summary] of documents, in the order given.
  function withDocuments(docs, done) {
    var per = manifest.docsPerFile;
    loadAll(unique(docs.map(function (d) { return "d-" + Math.floor(d / per); })), function () {
      done(docs.map(function (d) {
        var row = loaded["d-" + Math.floor(d / per)][d % per];
        return [row[0], row[1], facetsOf(d).status, "rfcs/" + row[2] + ".html", row[3]];
      }));
    });
  }

  // Under `rfcbook serve`, the server answers with tantivy, as `rfcbook search` does
  // ("phrases", field:word, snippets of what matched); the static index is the fallback
  // while the server's index is being built, and the only engine on any other host.
  function run() {
    var serve = typeof window !== "undefined" && window.rfcbookServe;
    // A query with no word to look for is told so by the page's own words, the same
    // with a server or without (the server refuses it, as the command line does).
    var asks = terms(state.query).length || /[":]/.test(state.query) || state.status || state.tag;
    if (serve && serve.search && state.query.trim() && asks) serverRun(serve.search);
    else staticRun();
  }

  function serverRun(url) {
    var query = state.query;
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var filters = document.getElementById("search-filters");
    var params = new URLSearchParams();
    params.set("q", query);
    params.set("limit", String(state.shown));
    if (state.status) params.set("status", state.status);
    if (state.tag) params.set("tag", state.tag);
    fetch(url + "?" + params.toString(), { cache: "no-store" }).then(function (response) {
      if (response.status !== 200 && response.status !== 400) throw new Error("no server index");
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (query !== state.query) return;
      var found = answer.body;
      list.innerHTML = "";
      if (!answer.ok) {
        filters.hidden = true;
        status.textContent = found.error + (found.help ? ": " + found.help : "");
        return;
      }
      if (found.total === 0 && !terms(query).length && !/[":]/.test(query)) {
        filters.hidden = true;
        status.textContent = "Those words are too common to search for.";
        return;
      }
      renderFilters(filters, found.counts, parse(query));
      var n = found.total;
      status.textContent = n === 0
        ? "No RFC matches." + (found.suggestion ? " Did you mean \u201c" + found.suggestion + "\u201d?" : "")
        : found.partial ? "No RFC has all of these words" +
            (found.missing && found.missing.length ? " (none has \u201c" + found.missing.join("\u201d or \u201c") + "\u201d" +
              (found.suggestion ? "; did you mean \u201c" + found.suggestion + "\u201d?" : "") + ")" : "") +
            "; " + n + (n === 1 ? " has" : " have") + " some of them."
        : n + (n === 1 ? " RFC matches." : " RFCs match.");
      var words = terms(query);
      found.hits.forEach(function (hit) {
        var row = [String(hit.id).padStart(manifest.digits || 4, "0"), hit.title, hit.status, hit.url, null];
        list.appendChild(result(row, words, [], hit.snippet));
      });
      if (n > found.hits.length) list.appendChild(moreButton());
      focusNewResults(list);
    }).catch(function () {
      if (query === state.query) staticRun();
    });
  }

  function moreButton() {
    var more = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "more";
    button.textContent = "Show more";
    button.addEventListener("click", function () {
      // The new results get the focus, not the top of the page (the list is made anew).
      focusAt = state.shown;
      state.shown += PAGE;
      run();
    });
    more.appendChild(button);
    return more;
  }

  function staticRun() {
    var query = state.query;
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var filters = document.getElementById("search-filters");
    rank(query, { status: state.status, tag: state.tag }, function (found) {
      if (query !== state.query) return;
      if (!found.words.length && !(found.parsed.status || found.parsed.tag || state.status || state.tag)) {
        list.innerHTML = "";
        filters.hidden = true;
        // Punctuation alone (`"`) has no word to look for; words found nowhere but in
        // the stop list are too common; a word of 40 bytes or more is in no index.
        var text = found.parsed.text;
        status.textContent = !/[\p{L}\p{N}]/u.test(text) ? "Type to search."
          : onlyStopWords(text) ? "Those words are too common to search for." : "No RFC matches.";
        return;
      }
      renderFilters(filters, found.counts, found.parsed);
      var top = found.docs.slice(0, state.shown);
      withDocuments(top, function (rows) {
        if (query !== state.query) return;
        var n = found.docs.length;
        var count = n + (n === 1 ? " RFC" : " RFCs");
        status.textContent = (n === 0 ? "No RFC matches." + (found.unknown ? " No RFC has \u201c" + found.unknown + "\u201d" +
            (found.suggestion ? "; did you mean \u201c" + found.suggestion + "\u201d?" : ".") : "")
          : found.partial ? "No RFC has all of these words" + (found.unknown ? " (none has \u201c" + found.unknown + "\u201d" +
            (found.suggestion ? "; did you mean \u201c" + found.suggestion + "\u201d?" : "") + ")" : "") +
            "; " + count + (n === 1 ? " has" : " have") + " some of them."
          : count + (n === 1 ? " matches." : " match.")) +
          (found.parsed.phrase ? " (Here a phrase is searched as its words; rfcbook search and rfcbook serve match it whole.)" : "");
        list.innerHTML = "";
        rows.forEach(function (row) { list.appendChild(result(row, found.words, found.stems)); });
        if (n > top.length) list.appendChild(moreButton());
        focusNewResults(list);
      });
    });
  }

  function focusNewResults(list) {
    if (focusAt === null) return;
    var links = list.querySelectorAll(".result-title");
    var link = links[Math.min(focusAt, links.length - 1)];
    focusAt = null;
    if (link) link.focus();
  }

  function onlyStopWords(text) {
    var runs = text.match(/[\p{Alphabetic}\p{N}]+/gu) || [];
    return runs.length > 0 && runs.every(function (r) { return STOP.indexOf(fold(r.toLowerCase())) !== -1; });
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }

  function highlight(text, words, stems) {
    // Text in CJK scripts has no spaces: its terms are pairs of characters, marked where
    // they occur inside a run.
    var pairs = words.concat(stems).filter(function (w) { return isCjk(w.codePointAt(0)); });
    var word = function (piece) {
      var t = fold(piece.toLowerCase());
      // A word marks the words it begins (`pool` in "pooling"), once it is long enough
      // to mean something: `c` alone marks only "c", not every word starting so.
      var hit = words.some(function (w) { return t === w || (w.length > 2 && t.indexOf(w) === 0); }) ||
        stems.some(function (s) { return s.length > 2 && t.indexOf(s) === 0; });
      return hit ? "<mark>" + escapeHtml(piece) + "</mark>" : escapeHtml(piece);
    };
    return text.split(/([\p{Alphabetic}\p{N}]+)/u).map(function (piece, i) {
      if (i % 2 === 0) return escapeHtml(piece);
      if (!pairs.length) return word(piece);
      // A run may mix scripts (`PostgreSQLを使う`): each part is marked its own way.
      return piece.split(/([\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\u{20000}-\u{2FFFF}]+)/u).map(function (part, j) {
        return j % 2 === 0 ? (part ? word(part) : "") : markInside(part, pairs);
      }).join("");
    }).join("");
  }

  // `piece` with every occurrence of any of `pairs` marked, overlapping ones as one.
  function markInside(piece, pairs) {
    var marked = [];
    pairs.forEach(function (p) {
      for (var at = piece.indexOf(p); at !== -1; at = piece.indexOf(p, at + 1)) {
        for (var k = at; k < at + p.length; k++) marked[k] = true;
      }
    });
    var out = "";
    var open = false;
    for (var k = 0; k < piece.length; k++) {
      if (marked[k] && !open) { out += "<mark>"; open = true; }
      if (!marked[k] && open) { out += "</mark>"; open = false; }
      out += escapeHtml(piece.charAt(k));
    }
    return out + (open ? "</mark>" : "");
  }

  // A result: row [number, title, status, url, summary]; `snippet`, when the server gave
  // one, is HTML already escaped by it, with what matched in <b>.
  function result(row, words, stems, snippet) {
    var li = document.createElement("li");
    li.className = "search-result";
    var status = row[2];
    var text = snippet === undefined
      ? highlight(row[4], words, stems)
      : snippet.replace(/<b>/g, "<mark>").replace(/<\/b>/g, "</mark>");
    // Labelled as pages label RFCs: `RFC 0019`, or `ADR019` in an archive of ADRs.
    var label = manifest.label === undefined ? "RFC " : manifest.label;
    li.innerHTML = '<a class="result-title" href="' + escapeHtml(row[3]) + '">' + escapeHtml(label + row[0]) + ": " +
      highlight(row[1], words, stems) + "</a> " +
      '<span class="badge ' + escapeHtml(statusClasses(status)) + '">' + escapeHtml(status) + "</span>" +
      '<p class="snippet">' + text + "</p>";
    return li;
  }

  // A badge's classes, as the pages give them: the role's (its colour, rfcs/0011), then
  // the status's own name when that differs.
  function statusClasses(status) {
    var i = manifest && manifest.statusClasses ? manifest.statuses.indexOf(status) : -1;
    return i !== -1 ? manifest.statusClasses[i] : "status-" + status.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-");
  }

  // `parsed`: the query's own `tag:` and `status:`, which the filters show as chosen.
  function renderFilters(box, counts, parsed) {
    // The filters are made anew with their counts; a keyboard user choosing with the
    // arrow keys keeps the focus on the one they are in.
    var focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    box.hidden = false;
    box.innerHTML = "";
    [["status", "Status", counts.status], ["tag", "Tag", counts.tag]].forEach(function (spec) {
      var fromQuery = parsed && parsed[spec[0]];
      var chosen = fromQuery || state[spec[0]];
      // A filter with nothing to choose (an archive without tags) is not shown.
      if (!Object.keys(spec[2]).length && !chosen) return;
      var label = document.createElement("label");
      label.textContent = spec[1] + " ";
      var select = document.createElement("select");
      // Not `search-status`: that is the id of the line saying how many RFCs match.
      select.id = "search-filter-" + spec[0];
      var any = new Option("Any", "");
      select.appendChild(any);
      Object.keys(spec[2]).sort().forEach(function (name) {
        select.appendChild(new Option(name + " (" + spec[2][name] + ")", name));
      });
      if (chosen && !spec[2][chosen]) select.appendChild(new Option(chosen + " (0)", chosen));
      select.value = chosen;
      select.addEventListener("change", function () {
        // The query's own `tag:` would win over the choice: the choice replaces it.
        if (fromQuery) {
          state.query = withoutField(state.query, spec[0]);
          var input = document.getElementById("search-input");
          if (input) input.value = state.query;
        }
        state[spec[0]] = select.value;
        state.shown = PAGE;
        remember();
        run();
      });
      label.appendChild(select);
      box.appendChild(label);
    });
    var again = focused && document.getElementById(focused);
    if (again) again.focus();
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
    // Decodes the compact facets of src/index/web/mod.rs (`manifest`).
    var ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    var docTags = data.docTags.split(",");
    facets = docTags.map(function (t, i) {
      var status = typeof data.status === "string" ? ALPHABET.indexOf(data.status.charAt(i)) : data.status[i];
      var tags = data.tagCodes === "char"
        ? Array.from(t).map(function (c) { return ALPHABET.indexOf(c); })
        : (t ? t.split(".").map(function (x) { return parseInt(x, 36); }) : []);
      return { status: status, tags: tags };
    });
    // Each document's number (src/index/web/mod.rs `manifest`): runs `first.count`.
    numbers = [];
    (data.numbers || "").split(",").forEach(function (run) {
      if (!run) return;
      var parts = run.split(".");
      var count = parseInt(parts[1], 36);
      for (var k = 0; k < count; k++) numbers.push(parts[0] ? parseInt(parts[0], 36) + k : null);
    });
    var input = typeof document !== "undefined" && document.getElementById("search-input");
    if (!input) return;
    var params = new URLSearchParams(location.search);
    state.query = params.get("q") || "";
    state.status = named(data.statuses, params.get("status") || "");
    state.tag = named(data.tags, params.get("tag") || "");
    input.value = state.query;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.query = input.value; state.shown = PAGE; remember(); run(); }, 60);
    });
    // From the box, the keyboard goes to the results: Enter opens the first, the down
    // arrow moves to it; in the list, the arrows move from result to result, and the up
    // arrow from the first back to the box.
    input.addEventListener("keydown", function (event) {
      var first = document.querySelector("#search-results .result-title");
      if (!first || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.key === "Enter") { event.preventDefault(); first.click(); }
      else if (event.key === "ArrowDown") { event.preventDefault(); first.focus(); }
    });
    document.getElementById("search-results").addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(document.querySelectorAll("#search-results .result-title"));
      var at = links.indexOf(document.activeElement);
      if (at === -1) return;
      event.preventDefault();
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) input.focus();
      else if (next < links.length) links[next].focus();
    });
    // Under `rfcbook serve` the script that names the server comes after this one: run
    // once the page is parsed.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
    function start() {
      var status = document.getElementById("search-status");
      if (window.rfcbookServe && status && !state.query) {
        status.textContent = "Type to search. rfcbook serve answers like rfcbook search: " +
          "\"a phrase\", title:word, tag:name, one typo forgiven per word.";
      }
      // A link may carry only a filter (`?tag=database`): it lists that filter's RFCs.
      if (state.query || state.status || state.tag) run();
    }
  }
})();
