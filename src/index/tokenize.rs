//! How text becomes search terms, the same for the tantivy index behind `rfcbook search`
//! and for the static index the browser reads (its JavaScript twin is
//! `themes/default/static/search.js`, which must stay in step: rfcs/0009).
//!
//! Words are runs of letters and digits; runs of CJK characters, written without spaces,
//! become overlapping pairs so that any two-character word inside them is findable.
//! Then: lower case, accents folded to ASCII, English stop words dropped, English stems.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, Stemmer, StopWordFilter,
    TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// The name the analyzer is registered under in the index.
pub(crate) const ANALYZER: &str = "rfcbook";

/// Words too common to help a search. Kept short and explicit: the browser has a copy.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// The full analyzer: words, lower case, folding, stop words, stems.
pub(crate) fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The analyzer without stemming: the surface forms the static index maps to stems, so
/// the browser needs no stemmer of its own.
pub(crate) fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::remove(
            STOP_WORDS.iter().map(|w| w.to_string()),
        ))
        .build()
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

/// The word tokenizer: see the module documentation.
#[derive(Clone, Default)]
pub(crate) struct Words {
    tokens: Vec<Token>,
}

pub(crate) struct WordStream<'a> {
    tokens: &'a mut Vec<Token>,
    next: usize,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.tokens.clear();
        split(text, &mut self.tokens);
        WordStream {
            tokens: &mut self.tokens,
            next: 0,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn split(text: &str, out: &mut Vec<Token>) {
    let mut chars = text.char_indices().peekable();
    let mut position = 0;
    let mut push = |out: &mut Vec<Token>, from: usize, to: usize| {
        out.push(Token {
            offset_from: from,
            offset_to: to,
            position,
            text: text[from..to].to_string(),
            position_length: 1,
        });
        position += 1;
    };
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        if is_cjk(c) {
            let mut run = vec![(start, c)];
            while let Some(&(i, d)) = chars.peek() {
                if !is_cjk(d) {
                    break;
                }
                run.push((i, d));
                chars.next();
            }
            if run.len() == 1 {
                push(out, start, start + c.len_utf8());
            }
            for pair in run.windows(2) {
                let end = pair[1].0 + pair[1].1.len_utf8();
                push(out, pair[0].0, end);
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if !d.is_alphanumeric() || is_cjk(d) {
                break;
            }
            end = i + d.len_utf8();
            chars.next();
        }
        push(out, start, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
