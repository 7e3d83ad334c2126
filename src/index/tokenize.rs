//! How text becomes search terms, the same for the tantivy index behind `rfcbook search`
//! and for the static index the browser reads (its JavaScript twin is
//! `themes/default/static/search.js`, which must stay in step: rfcs/0009).
//!
//! Words are runs of letters and digits; runs of CJK characters, written without spaces,
//! become overlapping pairs so that any two-character word inside them is findable.
//! Then: lower case, accents folded to ASCII, English stop words dropped, English stems.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, StopWordFilter,
    TextAnalyzer, TextAnalyzerBuilder, Token, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in the index.
pub(crate) const ANALYZER: &str = "rfcbook";

/// Words too common to help a search. Kept short and explicit: the browser has a copy.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// A word of at most eight bytes as an integer: its bytes, little-endian, zero-padded.
/// Words hold no zero byte, so two such words are equal exactly when their integers are.
const fn pack(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// A term of [`Surfaces::for_each_term`]: a word of at most eight bytes packed (see
/// [`pack`]), which is nearly every word of an archive, or a longer word as text. One
/// word always takes the same form, so either form can be a table's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Term<'a> {
    Packed(u64),
    Text(&'a str),
}

impl<'a> Term<'a> {
    pub(crate) fn of(word: &'a str) -> Term<'a> {
        if word.len() <= 8 {
            Term::Packed(pack(word.as_bytes()))
        } else {
            Term::Text(word)
        }
    }

    /// The word as text, unpacked into `scratch` if need be.
    pub(crate) fn text<'b>(self, scratch: &'b mut [u8; 8]) -> &'b str
    where
        'a: 'b,
    {
        match self {
            Term::Text(word) => word,
            Term::Packed(key) => {
                *scratch = key.to_le_bytes();
                let len = 8 - key.leading_zeros() as usize / 8;
                // Packed from a `str` whole, so the bytes are a `str` again.
                std::str::from_utf8(&scratch[..len]).unwrap_or_default()
            }
        }
    }
}

/// [`STOP_WORDS`], packed, each at its [`stop_slot`]: the stop-word check runs for
/// nearly every word of the archive, and one comparison with the one word that can be
/// there spares comparing with all 33 (about a sixth of the tokenizer's instructions).
/// Slots no stop word takes hold 0, which no word packs to.
static STOP_TABLE: [u64; 1 << STOP_BITS] = {
    let mut table = [0; 1 << STOP_BITS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let key = pack(STOP_WORDS[i].as_bytes());
        let slot = stop_slot(key);
        assert!(
            table[slot] == 0,
            "two stop words share a slot: choose another STOP_MULTIPLIER"
        );
        table[slot] = key;
        i += 1;
    }
    table
};

/// A multiplier that gives each of [`STOP_WORDS`] a slot of its own among 128: found
/// by trying random odd numbers; the table above fails to compile if one is shared.
const STOP_MULTIPLIER: u64 = 0x0626_809c_bc99_8835;
const STOP_BITS: u32 = 7;

const fn stop_slot(key: u64) -> usize {
    (key.wrapping_mul(STOP_MULTIPLIER) >> (64 - STOP_BITS)) as usize
}

/// The length of the longest stop word: at most eight, or packing would lose bytes.
const STOP_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < STOP_WORDS.len() {
        if STOP_WORDS[i].len() > max {
            max = STOP_WORDS[i].len();
        }
        i += 1;
    }
    max
};
const _: () = assert!(
    STOP_MAX <= 8,
    "a stop word longer than eight bytes cannot be packed"
);

/// Whether a packed lower-case word of at most [`STOP_MAX`] bytes is a stop word. Every
/// key is compared, without branching, which the compiler turns into a few vector
/// comparisons.
fn is_stop_key(key: u64) -> bool {
    STOP_TABLE[stop_slot(key)] == key
}

/// Whether a lower-case ASCII word is a stop word.
fn is_stop_word(word: &[u8]) -> bool {
    word.len() <= STOP_MAX && is_stop_key(pack(word))
}

/// Words, lower case, folding and stop words: everything but the stem.
fn surfaces() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
}

/// The full analyzer: words, lower case, folding, stop words, stems.
pub(crate) fn analyzer() -> TextAnalyzer {
    surfaces().filter(Stemmer::new(Language::English)).build()
}

/// The analyzer without stemming: the surface forms the static index maps to stems, so
/// the browser needs no stemmer of its own.
pub(crate) fn surface_analyzer() -> TextAnalyzer {
    surfaces().build()
}

/// The stem of one surface form.
pub(crate) fn stem(stemmer: &mut TextAnalyzer, surface: &str) -> String {
    let mut stream = stemmer.token_stream(surface);
    let mut out = String::new();
    if stream.advance() {
        out.push_str(&stream.token().text);
    }
    out
}

/// A stemmer alone, for [`stem`].
pub(crate) fn stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Every term of `text` with its position (stop words leave gaps, which phrases keep).
pub(crate) fn positioned(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}

/// The name of the analyzer of tags and statuses in the index.
pub(crate) const LABEL_ANALYZER: &str = "rfcbook-label";

/// A tag or status as one term, in lower case: filters match it whole, in any case.
pub(crate) fn label_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The name of the surface analyzer in the index.
pub(crate) const SURFACE_ANALYZER: &str = "rfcbook-surface";

/// Every term of `text` as the index sees it.
pub(crate) fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x2FFFF) // CJK extensions B–F
}

/// The word tokenizer: see the module documentation. It streams, reusing one token, as
/// tantivy's own tokenizers do: a large archive has tens of millions of words.
#[derive(Clone, Default)]
pub(crate) struct Words {
    token: Token,
}

pub(crate) struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where scanning resumes.
    at: usize,
    /// Inside a CJK run: the start of the pair to emit next, and the run's end.
    cjk: Option<(usize, usize)>,
    token: &'a mut Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            cjk: None,
            token: &mut self.token,
        }
    }
}

impl WordStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        true
    }

    /// The next pair of a CJK run (or its only character), if any is left.
    fn next_pair(&mut self) -> Option<(usize, usize)> {
        let (start, end) = self.cjk?;
        let mut chars = self.text[start..end].char_indices();
        let (_, first) = chars.next()?;
        match chars.next() {
            Some((i, second)) => {
                let next = start + i;
                self.cjk = if next + second.len_utf8() < end {
                    Some((next, end))
                } else {
                    None
                };
                Some((start, next + second.len_utf8()))
            }
            None => {
                self.cjk = None;
                Some((start, start + first.len_utf8()))
            }
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some((from, to)) = self.next_pair() {
            return self.emit(from, to);
        }
        let rest = &self.text[self.at..];
        let Some((skip, first)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.at = self.text.len();
            return false;
        };
        let start = self.at + skip;
        let cjk = is_cjk(first);
        let len: usize = self.text[start..]
            .chars()
            .take_while(|&c| c.is_alphanumeric() && is_cjk(c) == cjk)
            .map(char::len_utf8)
            .sum();
        let end = start + len;
        self.at = end;
        if cjk {
            self.cjk = Some((start, end));
            return match self.next_pair() {
                Some((from, to)) => self.emit(from, to),
                None => self.advance(),
            };
        }
        self.emit(start, end)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Calls `each` with every term of `text`, without allocating per term.
pub(crate) fn for_each_term(analyzer: &mut TextAnalyzer, text: &str, mut each: impl FnMut(&str)) {
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        each(&stream.token().text);
    }
}

/// The surface analyzer's terms of a text, fast: the static index analyzes every word of
/// the archive (tens of millions at ten thousand RFCs), and most words are plain ASCII,
/// for which lower-casing and a stop-word check are all the analyzer does. Words with any
/// other character go through the analyzer itself, one word at a time, which gives the
/// same terms (a property test compares the two).
pub(crate) struct Surfaces {
    fallback: TextAnalyzer,
    word: String,
}

impl Surfaces {
    pub(crate) fn new() -> Self {
        Surfaces {
            fallback: surface_analyzer(),
            word: String::with_capacity(40),
        }
    }

    /// Calls `each` with every term of `text`, as [`surface_analyzer`] would give them.
    #[cfg(test)]
    pub(crate) fn for_each(&mut self, text: &str, mut each: impl FnMut(&str)) {
        let mut scratch = [0; 8];
        self.for_each_term(text, |term| each(term.text(&mut scratch)));
    }

    /// [`Self::for_each`], with each term as a [`Term`]: the static index counts every
    /// word of the archive, and a short word's key is at hand here without a copy.
    pub(crate) fn for_each_term(&mut self, text: &str, mut each: impl FnMut(Term<'_>)) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let class = CLASS[usize::from(bytes[at])];
            if class == SEPARATOR {
                at += 1;
                continue;
            }
            if class == WIDE && word_char_at(text, at).is_none() {
                at += char_at(text, at).len_utf8();
                continue;
            }
            // The common case whole: a short ASCII word followed by a separator, within
            // the next eight bytes. It is the only kind a stop word can be.
            if let Some(eight) = bytes.get(at..at + 8) {
                let prefix = AsciiPrefix::of(eight);
                let end = at + prefix.run;
                if prefix.run < 8 && CLASS[usize::from(bytes[end])] == SEPARATOR {
                    let key = prefix.lower_case();
                    if !(prefix.run <= STOP_MAX && is_stop_key(key)) {
                        each(Term::Packed(key));
                    }
                    at = end + 1;
                    continue;
                }
            }
            // The run of letters and digits, and which kinds of bytes it holds: ASCII
            // eight bytes at a time, then byte by byte from the first other byte.
            let start = at;
            let mut seen = 0;
            while let Some(eight) = bytes.get(at..at + 8) {
                let prefix = AsciiPrefix::of(eight);
                at += prefix.run;
                if prefix.upper != 0 {
                    seen |= UPPER;
                }
                if prefix.run < 8 {
                    break;
                }
            }
            while at < bytes.len() {
                let class = CLASS[usize::from(bytes[at])];
                if class & (LOWER | UPPER) != 0 {
                    seen |= class;
                    at += 1;
                } else if class == WIDE
                    && let Some(c) = word_char_at(text, at)
                {
                    seen |= WIDE;
                    at += c.len_utf8();
                } else {
                    break;
                }
            }
            let word = &text[start..at];
            if seen & WIDE != 0 {
                for_each_term(&mut self.fallback, word, |t| each(Term::of(t)));
                continue;
            }
            if word.len() >= 40 {
                continue;
            }
            let word = lower_case(&mut self.word, word, seen & UPPER != 0);
            if is_stop_word(word.as_bytes()) {
                continue;
            }
            each(Term::of(word));
        }
    }
}

/// An ASCII word in lower case: itself, or (when it has upper-case letters) its copy in
/// `scratch`, which every word reuses.
fn lower_case<'a>(scratch: &'a mut String, word: &'a str, has_upper: bool) -> &'a str {
    if !has_upper {
        return word;
    }
    scratch.clear();
    scratch.push_str(word);
    scratch.make_ascii_lowercase();
    scratch
}

/// The ASCII letters and digits that eight bytes start with, classified at once:
/// branch-free arithmetic on the eight bytes as one integer. A byte-by-byte loop
/// mispredicts at the end of nearly every word, and the words of a large archive are
/// counted in tens of millions.
struct AsciiPrefix {
    /// The eight bytes, little-endian.
    bytes: u64,
    /// How many bytes, from the first, are ASCII letters and digits.
    run: usize,
    /// The high bit of each of those bytes that is an upper-case letter.
    upper: u64,
}

impl AsciiPrefix {
    fn of(eight: &[u8]) -> AsciiPrefix {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let x = u64::from_le_bytes(eight.try_into().unwrap_or([0; 8]));
        // The high bit of each byte of the result: whether that byte is in lo..=hi.
        // Valid for ASCII bytes; a carry out of a non-ASCII byte can only reach later
        // bytes, which no longer count once a non-ASCII byte has ended the run.
        let within = |lo: u8, hi: u8| {
            let at_least = x.wrapping_add(ONES * u64::from(0x80 - lo));
            let above = x.wrapping_add(ONES * u64::from(0x7f - hi));
            at_least & !above & !x & HIGH
        };
        let upper = within(b'A', b'Z');
        let word = within(b'a', b'z') | upper | within(b'0', b'9');
        let run = (!word & HIGH).trailing_zeros() as usize / 8;
        AsciiPrefix {
            bytes: x,
            run,
            upper: upper & Self::first(run),
        }
    }

    /// A mask of the first `n` bytes.
    fn first(n: usize) -> u64 {
        if n >= 8 {
            u64::MAX
        } else {
            (1u64 << (n * 8)) - 1
        }
    }

    /// The run in lower case, packed as [`pack`] packs a word.
    fn lower_case(&self) -> u64 {
        (self.bytes | (self.upper >> 2)) & Self::first(self.run)
    }
}

/// Byte classes for [`Surfaces::for_each`]: one table lookup per byte instead of a chain
/// of range checks, for the tens of millions of bytes a large archive's text holds.
const SEPARATOR: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
/// A byte of a non-ASCII character (a word character or not: the character decides).
const WIDE: u8 = 4;
static CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'0'..=b'9' => LOWER,
            b'A'..=b'Z' => UPPER,
            0x80.. => WIDE,
            _ => SEPARATOR,
        };
        b += 1;
    }
    table
};

/// The character that starts at byte `at`, a character boundary inside `text`.
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or(' ')
}

/// The character at `at` if it is a letter or digit: part of a word.
fn word_char_at(text: &str, at: usize) -> Option<char> {
    Some(char_at(text, at)).filter(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each stop word is found in its slot, and words beside them (a prefix, a longer
    /// word, another case) are not stop words.
    #[test]
    fn stop_words_and_only_they_are_found() {
        for word in STOP_WORDS {
            assert!(is_stop_word(word.as_bytes()), "{word}");
        }
        for word in [
            "th", "thes", "andy", "tho", "ok", "i", "thereby", "z", "rfc",
        ] {
            assert!(!is_stop_word(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn words_are_folded_stemmed_and_filtered() {
        let mut a = analyzer();
        assert_eq!(
            terms(&mut a, "The Indexing of Café résumés"),
            ["index", "cafe", "resum"]
        );
        assert_eq!(
            terms(&mut a, "PgBouncer's pooling"),
            ["pgbouncer", "s", "pool"]
        );
    }

    #[test]
    fn positions_count_every_word() {
        let mut a = analyzer();
        let positions: Vec<usize> = positioned(&mut a, "paths in the iterator")
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(positions, [0, 3]);
        let mut w = TextAnalyzer::from(Words::default());
        assert_eq!(
            terms(&mut w, "ab 検索索引 c 木"),
            ["ab", "検索", "索索", "索引", "c", "木"]
        );
        assert_eq!(terms(&mut w, ""), Vec::<String>::new());
        assert_eq!(terms(&mut w, "  ,.;"), Vec::<String>::new());
    }

    #[test]
    fn other_scripts_are_findable() {
        let mut a = analyzer();
        assert_eq!(terms(&mut a, "検索索引"), ["検索", "索索", "索引"]);
        assert_eq!(terms(&mut a, "Москва"), ["москва"]);
        assert_eq!(terms(&mut a, "a 木 b"), ["木", "b"]);
    }

    #[test]
    fn surfaces_map_to_stems() {
        let mut surface = surface_analyzer();
        let mut s = stemmer();
        let words = terms(&mut surface, "Indexing decisions");
        assert_eq!(words, ["indexing", "decisions"]);
        assert_eq!(stem(&mut s, "indexing"), "index");
        assert_eq!(stem(&mut s, "decisions"), "decis");
    }

    #[test]
    fn stop_words_are_sorted_and_known() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w.as_bytes())));
        // Near misses of every stop word are words like any other.
        for w in STOP_WORDS {
            for near in [format!("{w}x"), format!("x{w}"), w[1..].to_string()] {
                assert_eq!(
                    is_stop_word(near.as_bytes()),
                    STOP_WORDS.contains(&near.as_str()),
                    "{near}"
                );
            }
        }
    }

    #[test]
    fn eight_bytes_are_classified_as_one_at_a_time() {
        let check = |eight: &[u8; 8]| {
            let run = eight
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let prefix = AsciiPrefix::of(eight);
            assert_eq!(prefix.run, run, "{eight:?}");
            assert_eq!(
                prefix.upper != 0,
                eight[..run].iter().any(u8::is_ascii_uppercase),
                "{eight:?}"
            );
            assert_eq!(
                prefix.lower_case(),
                pack(&eight[..run].to_ascii_lowercase()),
                "{eight:?}"
            );
        };
        for eight in [
            b"abcdefgh",
            b"Abc def.",
            b"zZ09az{`",
            b"@[`{/:AZ",
            b"ab\xc3\xa9cdef",
            b"\xffZZZZZZZ",
            b"abcdefgZ",
            b"       a",
            b"THEIR, x",
        ] {
            check(eight);
        }
        for b in 0..=255u8 {
            for at in [0, 3, 7] {
                let mut eight = *b"xXxxxxxx";
                eight[at] = b;
                check(&eight);
            }
        }
    }

    #[test]
    fn terms_of_up_to_eight_bytes_are_packed_and_unpack_whole() {
        let mut scratch = [0; 8];
        for word in ["x", "café", "abcdefgh", "検索", "ǅemal"] {
            let term = Term::of(word);
            assert!(matches!(term, Term::Packed(_)), "{word}");
            assert_eq!(term.text(&mut scratch), word);
        }
        assert_eq!(Term::of("abcdefghi"), Term::Text("abcdefghi"));
        // A prefix never packs like the whole word.
        assert_ne!(Term::of("abc"), Term::of("abcd"));
    }

    #[test]
    fn stop_words_are_dropped_in_any_case_and_position() {
        let text = "The THE tHe theme. AND then, there: Their theirs x a an";
        assert_eq!(fast(text), ["theme", "theirs", "x"]);
        assert_eq!(fast(text), terms(&mut surface_analyzer(), text));
    }

    fn fast(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        Surfaces::new().for_each(text, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn fast_surfaces_match_the_analyzer_on_examples() {
        let mut a = surface_analyzer();
        for text in [
            "The Indexing of Café résumés",
            "PgBouncer's pooling, AND 2024-05-01!",
            "ab検索索引 c 木 Москва naïve x",
            "straße ÆON İstanbul ǅemal",
            "",
            "a-very-long-wordwordwordwordwordwordwordwordword and THIS",
        ] {
            assert_eq!(fast(text), terms(&mut a, text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_surfaces_match_the_analyzer(text in "([a-zA-Z0-9 ,.'-]{0,12}|[éÉßæœøİı検索Мо木０１½ǅ]{0,3}){0,12}") {
            let mut a = surface_analyzer();
            proptest::prop_assert_eq!(fast(&text), terms(&mut a, &text));
        }

        #[test]
        fn fast_surfaces_match_the_analyzer_on_any_text(text in "\\PC{0,60}") {
            let mut a = surface_analyzer();
            proptest::prop_assert_eq!(fast(&text), terms(&mut a, &text));
        }
    }
}
