//! Syntax highlighting at build time, so readers' browsers download no highlighter.
//!
//! A small lexer that knows what matters in the code of design documents (comments,
//! strings, numbers and keywords) for the languages they use most, at the speed of a
//! single pass: a 10,000-RFC archive has tens of thousands of code blocks (rfcs/0008).

use super::sanitize::escape_attribute as escape;

struct Language {
    keywords: &'static [&'static str],
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    /// The quotes that open a string: in HTML's text an apostrophe is a letter (`don't`).
    quotes: &'static [u8],
    /// Markup: its keywords are element names, keywords only just after `<` or `</`
    /// (`<a>` is an element, the `a` of "a cat" a word).
    markup: bool,
}

const QUOTES: &[u8] = b"\"'`";

const C_LIKE: Option<(&str, &str)> = Some(("/*", "*/"));

fn language(name: &str) -> Option<Language> {
    let l = |keywords, line_comments, block_comment| {
        Some(Language {
            keywords,
            line_comments,
            block_comment,
            quotes: QUOTES,
            markup: false,
        })
    };
    match name {
        "ruby" | "rb" => l(
            &[
                "alias", "and", "begin", "break", "case", "class", "def", "do", "else", "elsif",
                "end", "ensure", "false", "for", "if", "in", "module", "next", "nil", "not", "or",
                "redo", "require", "rescue", "retry", "return", "self", "super", "then", "true",
                "undef", "unless", "until", "when", "while", "yield",
            ],
            &["#"],
            None,
        ),
        // A prime is part of a name (`x'`), so only `"` opens a string.
        "haskell" | "hs" => Some(Language {
            quotes: b"\"",
            ..l(
                &[
                    "case", "class", "data", "deriving", "do", "else", "if", "import", "in",
                    "instance", "let", "module", "newtype", "of", "then", "type", "where",
                ],
                &["--"],
                Some(("{-", "-}")),
            )?
        }),
        // Element names as keywords; attribute values in double quotes as strings.
        "html" | "xml" | "svg" | "xhtml" => Some(Language {
            keywords: &[
                "a", "body", "button", "code", "div", "form", "h1", "h2", "h3", "head", "html",
                "iframe", "img", "input", "li", "link", "meta", "ol", "p", "pre", "script",
                "section", "span", "style", "svg", "table", "td", "template", "th", "title", "tr",
                "ul",
            ],
            line_comments: &[],
            block_comment: Some(("<!--", "-->")),
            quotes: b"\"",
            markup: true,
        }),
        "rust" | "rs" => l(
            &[
                "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else",
                "enum", "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match",
                "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
                "super", "trait", "true", "type", "unsafe", "use", "where", "while",
            ],
            &["//"],
            C_LIKE,
        ),
        "go" => l(
            &[
                "break",
                "case",
                "chan",
                "const",
                "continue",
                "default",
                "defer",
                "else",
                "false",
                "for",
                "func",
                "go",
                "if",
                "import",
                "interface",
                "map",
                "nil",
                "package",
                "range",
                "return",
                "select",
                "struct",
                "switch",
                "true",
                "type",
                "var",
            ],
            &["//"],
            C_LIKE,
        ),
        "js" | "javascript" | "ts" | "typescript" | "jsx" | "tsx" => l(
            &[
                "async",
                "await",
                "break",
                "case",
                "catch",
                "class",
                "const",
                "continue",
                "default",
                "delete",
                "else",
                "export",
                "extends",
                "false",
                "finally",
                "for",
                "function",
                "if",
                "import",
                "in",
                "instanceof",
                "interface",
                "let",
                "new",
                "null",
                "return",
                "switch",
                "this",
                "throw",
                "true",
                "try",
                "type",
                "typeof",
                "undefined",
                "var",
                "while",
            ],
            &["//"],
            C_LIKE,
        ),
        "java" | "kotlin" | "c" | "cpp" | "c++" | "csharp" | "cs" | "swift" | "scala" => l(
            &[
                "break",
                "case",
                "catch",
                "class",
                "const",
                "continue",
                "default",
                "do",
                "else",
                "enum",
                "extends",
                "false",
                "final",
                "for",
                "fun",
                "func",
                "if",
                "import",
                "int",
                "interface",
                "let",
                "new",
                "null",
                "override",
                "package",
                "private",
                "protected",
                "public",
                "return",
                "static",
                "struct",
                "switch",
                "this",
                "throw",
                "true",
                "try",
                "val",
                "var",
                "void",
                "while",
            ],
            &["//"],
            C_LIKE,
        ),
        "python" | "py" => l(
            &[
                "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
                "del", "elif", "else", "except", "False", "finally", "for", "from", "if", "import",
                "in", "is", "lambda", "None", "not", "or", "pass", "raise", "return", "True",
                "try", "while", "with", "yield",
            ],
            &["#"],
            None,
        ),
        "sh" | "bash" | "shell" | "zsh" | "console" => l(
            &[
                "case", "do", "done", "elif", "else", "esac", "export", "fi", "for", "function",
                "if", "in", "local", "return", "then", "until", "while",
            ],
            &["#"],
            None,
        ),
        "sql" => l(
            &[
                "ALTER", "AND", "AS", "BY", "CREATE", "DELETE", "DROP", "FROM", "GROUP", "INDEX",
                "INSERT", "INTO", "JOIN", "KEY", "LEFT", "LIMIT", "NOT", "NULL", "ON", "OR",
                "ORDER", "PRIMARY", "SELECT", "SET", "TABLE", "UPDATE", "VALUES", "WHERE",
                "select", "from", "where", "insert", "update", "delete", "create", "table", "join",
                "and", "or", "not", "null", "order", "by", "group", "limit", "into", "values",
                "set",
            ],
            &["--"],
            C_LIKE,
        ),
        // The language of the EIP and ERC archives' code.
        "solidity" | "sol" => l(
            &[
                "address",
                "bool",
                "break",
                "bytes",
                "bytes32",
                "constant",
                "constructor",
                "continue",
                "contract",
                "else",
                "emit",
                "enum",
                "error",
                "event",
                "external",
                "false",
                "for",
                "function",
                "if",
                "immutable",
                "import",
                "indexed",
                "interface",
                "internal",
                "library",
                "mapping",
                "memory",
                "modifier",
                "new",
                "override",
                "payable",
                "pragma",
                "private",
                "public",
                "pure",
                "require",
                "return",
                "returns",
                "revert",
                "storage",
                "string",
                "struct",
                "true",
                "uint",
                "uint256",
                "uint8",
                "int",
                "int256",
                "using",
                "view",
                "virtual",
                "while",
            ],
            &["//"],
            C_LIKE,
        ),
        "toml" | "ini" => l(&["true", "false"], &["#"], None),
        "yaml" | "yml" => l(&["true", "false", "null"], &["#"], None),
        "json" => l(&["true", "false", "null"], &[], None),
        _ => None,
    }
}

/// The language a fence's info string names: its first word, as GitHub reads it. The
/// Rust RFCs write `rust,ignore` and `rust,edition2021,compile_fail` (rustdoc's
/// attributes), and pandoc `{.rust}`.
pub(crate) fn language_of(info: &str) -> &str {
    info.trim_start_matches(['{', '.', ' '])
        .split([',', ' ', '\t', '{', '}'])
        .next()
        .unwrap_or("")
}

/// The code as HTML: escaped, with `<span class="hl-…">` around recognised tokens.
pub(crate) fn code(lang: &str, text: &str) -> String {
    let lang = language_of(lang).to_ascii_lowercase();
    if matches!(lang.as_str(), "diff" | "patch") {
        return diff(text);
    }
    let Some(language) = language(&lang) else {
        return escape(text);
    };
    // Rust's `'a` and `'static` are lifetimes, not the start of a string to the line's end.
    let lifetimes = matches!(lang.as_str(), "rust" | "rs");
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut plain_start = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let token = if language.line_comments.iter().any(|p| rest.starts_with(p)) {
            Some(("c", rest.find('\n').unwrap_or(rest.len())))
        } else if let Some((open, close)) =
            language.block_comment.filter(|(o, _)| rest.starts_with(o))
        {
            Some((
                "c",
                rest[open.len()..]
                    .find(close)
                    .map_or(rest.len(), |e| e + open.len() + close.len()),
            ))
        } else if let Some(len) = lifetimes.then(|| lifetime_len(rest)).flatten() {
            i += len;
            continue;
        } else if language.quotes.contains(&bytes[i]) {
            Some(("s", string_len(rest)))
        } else if bytes[i].is_ascii_digit() && (i == 0 || !is_word(bytes[i - 1])) {
            Some((
                "n",
                rest.bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_')
                    .count(),
            ))
        } else if is_word(bytes[i]) && (i == 0 || !is_word(bytes[i - 1])) {
            let len = rest.bytes().take_while(|b| is_word(*b)).count();
            let tag = !language.markup || text[..i].ends_with('<') || text[..i].ends_with("</");
            if tag && language.keywords.contains(&&rest[..len]) {
                Some(("k", len))
            } else {
                i += len;
                continue;
            }
        } else {
            None
        };
        match token {
            Some((class, len)) => {
                let len = len.max(1);
                let end = (i + len).min(bytes.len());
                let end = (end..=bytes.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(bytes.len());
                out.push_str(&escape(&text[plain_start..i]));
                out.push_str("<span class=\"hl-");
                out.push_str(class);
                out.push_str("\">");
                out.push_str(&escape(&text[i..end]));
                out.push_str("</span>");
                i = end;
                plain_start = end;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out.push_str(&escape(&text[plain_start.min(text.len())..]));
    out
}

/// A diff line by line: added lines (`hl-i`), removed ones (`hl-d`), hunk headers
/// (`hl-k`) and file headers (`hl-c`), each without its line break.
fn diff(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // Inside a hunk, a line's first character alone says what it is: `--- old` is a
    // removed line that starts with two dashes, not a file header.
    let mut in_hunk = false;
    for line in text.split_inclusive('\n') {
        let (content, end) = line
            .strip_suffix('\n')
            .map_or((line, ""), |content| (content, "\n"));
        let header = ["+++", "---", "diff ", "index "];
        if content.starts_with("diff ") {
            in_hunk = false;
        }
        let class = if !in_hunk && header.iter().any(|h| content.starts_with(h)) {
            Some("c")
        } else if content.starts_with("@@") {
            in_hunk = true;
            Some("k")
        } else if content.starts_with('+') {
            Some("i")
        } else if content.starts_with('-') {
            Some("d")
        } else {
            None
        };
        match class {
            Some(class) if !content.is_empty() => {
                out.push_str("<span class=\"hl-");
                out.push_str(class);
                out.push_str("\">");
                out.push_str(&escape(content));
                out.push_str("</span>");
            }
            _ => out.push_str(&escape(content)),
        }
        out.push_str(end);
    }
    out
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The length of a Rust lifetime or loop label at the start of `rest` (`'a`, `'static`,
/// `'_`), or `None` for a character literal (`'a'`, `'\n'`) or any other quote.
fn lifetime_len(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix('\'')?;
    let first = after.chars().next()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    if after[first.len_utf8()..].starts_with('\'') {
        return None;
    }
    let name = after
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(after.len(), |(at, _)| at);
    Some(1 + name)
}

/// A quoted string up to its closing quote on the same line, backslash escapes honoured.
fn string_len(rest: &str) -> usize {
    let quote = rest.as_bytes()[0];
    let mut escaped = false;
    for (i, b) in rest.bytes().enumerate().skip(1) {
        match b {
            b'\\' if !escaped => escaped = true,
            b'\n' => return i,
            b if b == quote && !escaped => return i + 1,
            _ => escaped = false,
        }
    }
    rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_classified() {
        assert_eq!(
            code("rust", "let x = \"a<b\"; // done"),
            "<span class=\"hl-k\">let</span> x = <span class=\"hl-s\">&quot;a&lt;b&quot;</span>; <span class=\"hl-c\">// done</span>"
        );
        assert_eq!(
            code("sh", "echo 42 # n"),
            "echo <span class=\"hl-n\">42</span> <span class=\"hl-c\"># n</span>"
        );
        assert_eq!(code("unknown", "<b>"), "&lt;b&gt;");
        // Lifetimes and labels are not strings; character literals are.
        assert_eq!(
            code(
                "rust",
                "impl<'a> Foo<'a> { fn f(x: &'static str) -> char { 'x' } }"
            ),
            "<span class=\"hl-k\">impl</span>&lt;&#39;a&gt; Foo&lt;&#39;a&gt; { \
             <span class=\"hl-k\">fn</span> f(x: &amp;&#39;static str) -&gt; char { \
             <span class=\"hl-s\">&#39;x&#39;</span> } }"
        );
        assert_eq!(
            code("rust", "'outer: loop { '\\n' }"),
            "&#39;outer: <span class=\"hl-k\">loop</span> { <span class=\"hl-s\">&#39;\\n&#39;</span> }"
        );
    }

    #[test]
    fn more_languages_are_highlighted() {
        assert_eq!(
            code("ruby", "def f # x"),
            "<span class=\"hl-k\">def</span> f <span class=\"hl-c\"># x</span>"
        );
        assert_eq!(
            code("haskell", "{- a -} let x = 1 -- b"),
            "<span class=\"hl-c\">{- a -}</span> <span class=\"hl-k\">let</span> x = \
             <span class=\"hl-n\">1</span> <span class=\"hl-c\">-- b</span>"
        );
        // An apostrophe in HTML's text is a letter, not a string to the line's end.
        assert_eq!(
            code("html", "<p class=\"x\">don't, a p</p><!-- c -->"),
            "&lt;<span class=\"hl-k\">p</span> class=<span class=\"hl-s\">&quot;x&quot;</span>&gt;\
             don&#39;t, a p&lt;/<span class=\"hl-k\">p</span>&gt;<span class=\"hl-c\">&lt;!-- c --&gt;</span>"
        );
        assert_eq!(
            code(
                "diff",
                "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n--- c\n+++i;\n"
            ),
            "<span class=\"hl-c\">--- a/x</span>\n<span class=\"hl-c\">+++ b/x</span>\n\
             <span class=\"hl-k\">@@ -1 +1 @@</span>\n<span class=\"hl-d\">-old</span>\n\
             <span class=\"hl-i\">+new</span>\n same\n<span class=\"hl-d\">--- c</span>\n\
             <span class=\"hl-i\">+++i;</span>\n"
        );
        assert_eq!(code("haskell", "f x' = x'"), "f x&#39; = x&#39;");
    }

    #[test]
    fn highlighting_only_adds_spans() {
        for text in [
            "\"unterminated",
            "/* open",
            "é\"ü",
            "'",
            "0xé",
            "",
            "a<b>&c // x\ny",
            "&'a str",
            "'é",
            "'_'",
            "'ü'x",
        ] {
            for lang in [
                "rust", "sh", "sql", "python", "ruby", "haskell", "html", "diff",
            ] {
                let html = code(lang, text);
                let mut stripped = html.replace("</span>", "");
                for class in ["c", "s", "n", "k", "i", "d"] {
                    stripped = stripped.replace(&format!("<span class=\"hl-{class}\">"), "");
                }
                assert_eq!(stripped, escape(text), "{lang}: {text:?}");
            }
        }
    }
}
