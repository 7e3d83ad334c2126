//! Source files as read from disk, and the one place that turns byte offsets into the
//! 1-based line and column every diagnostic shows.
//!
//! A UTF-8 byte-order mark is removed when the file is read, so offsets, columns and the
//! snippet shown to the user all agree; CRLF line endings stay in the text (a link or a
//! heading keeps its true offset) and are stripped only when a line is displayed.

use std::io::Read;
use std::path::PathBuf;
use std::sync::OnceLock;

use crate::stamp::Stamp;

/// A half-open byte range into [`SourceFile::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `offset`, for problems that sit between characters (a missing key).
    pub fn point(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start + by, self.end + by)
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A 1-based line and column; the column counts characters, as rustc and editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// One file of the archive, read once and shared by every stage.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the archive root with `/` separators: what users see in reports.
    pub rel: String,
    pub path: PathBuf,
    /// Whether the file started with a UTF-8 byte-order mark (removed from the text).
    pub had_bom: bool,
    /// The text. Once released (see [`SourceFile::release_text`]) it is read again from
    /// `path` when something asks for it, and is `None` if the file changed meanwhile.
    text: OnceLock<Option<String>>,
    /// The file's size and modification time when it was read: a text read again must
    /// come from the same file.
    stamp: Option<Stamp>,
    /// Where lines start, made on the first [`SourceFile::location`]: only files with a
    /// diagnostic need one.
    places: OnceLock<Places>,
}

/// What [`SourceFile::location`] and [`SourceFile::line_at`] look offsets up in.
#[derive(Debug)]
struct Places {
    /// The offset each line starts at.
    line_starts: Vec<usize>,
    checkpoints: Vec<Checkpoint>,
}

/// A byte offset whose line and column are known: every line's start, and a point every
/// [`CHECKPOINT_BYTES`] within a longer line.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    line: usize,
    column: usize,
}

/// At most this many bytes are counted per location. Counting from the line's start made
/// a megabyte-long line with tens of thousands of diagnostics quadratic (seconds).
const CHECKPOINT_BYTES: usize = 4096;

fn places(text: &str) -> Places {
    let mut places = Vec::new();
    let mut line_starts = Vec::new();
    let mut line_start = 0;
    for (line, line_end) in memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|i| i + 1)
        .chain(std::iter::once(text.len() + 1))
        .enumerate()
    {
        let end = line_end.min(text.len());
        let mut at = Checkpoint {
            offset: line_start,
            line: line + 1,
            column: 1,
        };
        line_starts.push(line_start);
        places.push(at);
        while end - at.offset > CHECKPOINT_BYTES {
            let next = floor_char_boundary(text, at.offset + CHECKPOINT_BYTES);
            at.column += text[at.offset..next].chars().count();
            at.offset = next;
            places.push(at);
        }
        line_start = line_end;
    }
    Places {
        line_starts,
        checkpoints: places,
    }
}

impl SourceFile {
    pub fn new(rel: String, path: PathBuf, text: String) -> Self {
        let (text, had_bom) = without_bom(text);
        SourceFile {
            rel,
            path,
            had_bom,
            text: OnceLock::from(Some(text)),
            stamp: None,
            places: OnceLock::new(),
        }
    }

    /// Records the stamp the file had when its text was read.
    pub fn stamped(self, stamp: Stamp) -> Self {
        SourceFile {
            stamp: Some(stamp),
            ..self
        }
    }

    /// The text; empty if it was released and the file has changed since (see
    /// [`SourceFile::text_as_read`]).
    pub fn text(&self) -> &str {
        self.text_as_read().unwrap_or("")
    }

    /// The text as it was read, or `None` if it was released and cannot be had again:
    /// the file changed or went away after it was read.
    pub fn text_as_read(&self) -> Option<&str> {
        self.text.get_or_init(|| self.read_again()).as_deref()
    }

    /// Frees the text: `build` does so as soon as a file's page body is made, so that the
    /// texts of a large archive are never all held at once (rfcs/0015). A report on the
    /// file afterwards (a warning, an error, a body rendered again) reads it again.
    pub fn release_text(&mut self) {
        self.text.take();
        self.places.take();
    }

    /// The text of a released file, read again if the file is unchanged since it was
    /// first read. Otherwise there is none: a report then points at the file's start and
    /// shows no line, rather than a line of a text that was never checked.
    fn read_again(&self) -> Option<String> {
        READ_AGAIN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut file = std::fs::File::open(&self.path).ok()?;
        if Some(crate::stamp::of(file.metadata().ok().as_ref())) != self.stamp {
            return None;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        String::from_utf8(bytes).ok().map(|t| without_bom(t).0)
    }

    /// The location of a byte offset. Offsets past the end or inside a character are
    /// clamped, so a diagnostic can never make rendering fail.
    ///
    /// The line table is made on the first call rather than up front: only files with a
    /// diagnostic need a location, and a table for every file of a large archive would
    /// cost more than the files' few reports.
    pub fn location(&self, offset: usize) -> Location {
        let text = self.text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (_, at) = self.checkpoint(text, offset);
        Location {
            line: at.line,
            column: at.column + text[at.offset..offset].chars().count(),
        }
    }

    /// The file's line table, and its last checkpoint at or before `offset` (a char
    /// boundary within `text`).
    fn checkpoint(&self, text: &str, offset: usize) -> (&Places, Checkpoint) {
        let places = self.places.get_or_init(|| places(text));
        let points = &places.checkpoints;
        (
            places,
            points[points.partition_point(|p| p.offset <= offset) - 1],
        )
    }

    /// The byte range of the line that holds byte `offset` (clamped as [`Self::location`]
    /// clamps it), without its line ending. Looked up in the line table, as locations
    /// are: counting lines from the start, or searching for the line's ends, made a file
    /// with tens of thousands of diagnostics (on many lines, or on one megabyte-long line)
    /// take seconds.
    pub fn line_at(&self, offset: usize) -> Span {
        let text = self.text();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let (places, at) = self.checkpoint(text, offset);
        let starts = &places.line_starts;
        let line = at.line;
        let start = starts[line - 1];
        // The next line's start is just past this line's `\n`.
        let end = starts.get(line).map_or(text.len(), |next| next - 1);
        let content = &text[start..end];
        Span::new(start, start + content.trim_end_matches('\r').len())
    }

    /// Lines as editors count them: a final newline does not open another line, except
    /// that it is still a position a diagnostic may point at.
    pub fn line_count(&self) -> usize {
        memchr::memchr_iter(b'\n', self.text().as_bytes()).count() + 1
    }
}

/// How many released texts were read again: a build of an archive without reports reads
/// none, and `RFCBOOK_TIMINGS` shows the count so that a rule that reads every file's
/// text is noticed.
static READ_AGAIN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The number of texts read again since the last time it was asked (see
/// [`SourceFile::release_text`]): per build, also when `serve` builds again and again.
pub(crate) fn read_again_count() -> usize {
    READ_AGAIN.swap(0, std::sync::atomic::Ordering::Relaxed)
}

fn without_bom(mut text: String) -> (String, bool) {
    let had_bom = text.starts_with('\u{feff}');
    if had_bom {
        text.drain(..'\u{feff}'.len_utf8());
    }
    (text, had_bom)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based line and column of a byte offset into bytes that are not valid UTF-8:
/// used to point at the first invalid byte of a file.
pub(crate) fn location_in_bytes(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("x.md".into(), PathBuf::from("x.md"), text.into())
    }

    #[test]
    fn a_released_text_is_read_again_only_from_the_unchanged_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("0001-x.md");
        std::fs::write(&path, "\u{feff}---\ntitle: x\n---\n").unwrap();
        let stamp = crate::stamp::file(&path);
        let read = |text: &str| {
            SourceFile::new("rfcs/0001-x.md".into(), path.clone(), text.into()).stamped(stamp)
        };
        let mut f = read(&std::fs::read_to_string(&path).unwrap());
        assert!(f.had_bom);
        f.release_text();
        assert_eq!(f.text(), "---\ntitle: x\n---\n");
        let mut f = read(&std::fs::read_to_string(&path).unwrap());
        f.release_text();
        std::fs::write(&path, "changed since it was read, and longer than before\n").unwrap();
        assert_eq!(
            f.text_as_read(),
            None,
            "a changed file is not taken for the one read"
        );
        assert_eq!(f.text(), "");
        assert_eq!(f.location(9), Location { line: 1, column: 1 });
    }

    #[test]
    fn locations_are_one_based_and_count_characters() {
        let f = file("ab\nçd\n");
        assert_eq!(f.location(0), Location { line: 1, column: 1 });
        assert_eq!(f.location(3), Location { line: 2, column: 1 });
        // 'ç' is two bytes: the 'd' after it is the second character.
        assert_eq!(f.location(5), Location { line: 2, column: 2 });
    }

    #[test]
    fn bom_is_removed_and_does_not_shift_columns() {
        let f = file("\u{feff}title\n");
        assert!(f.had_bom);
        assert_eq!(f.text(), "title\n");
        assert_eq!(f.location(0), Location { line: 1, column: 1 });
    }

    #[test]
    fn crlf_lines_are_displayed_without_carriage_return() {
        let f = file("a\r\nbc\r\n");
        assert_eq!(f.location(3), Location { line: 2, column: 1 });
        let range = f.line_at(3);
        assert_eq!(&f.text()[range.start..range.end], "bc");
        // At a line's end (a missing value) and past the end of the text.
        let range = f.line_at(5);
        assert_eq!(&f.text()[range.start..range.end], "bc");
        let range = f.line_at(99);
        assert_eq!(range.start..range.end, 7..7);
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_are_clamped() {
        let f = file("é");
        assert_eq!(f.location(1), Location { line: 1, column: 1 });
        assert_eq!(f.location(99), Location { line: 1, column: 2 });
    }

    /// Far into a long line, and on lines after it, locations are what counting from the
    /// start gives.
    #[test]
    fn locations_in_and_after_a_long_line_count_every_character() {
        let long = "é".repeat(3 * CHECKPOINT_BYTES) + "x";
        let text = format!("a\n{long}\nb\n");
        let f = file(&text);
        let naive = |offset: usize| {
            let before = &text[..offset];
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            Location {
                line: before.matches('\n').count() + 1,
                column: before[start..].chars().count() + 1,
            }
        };
        for offset in (0..text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert_eq!(f.location(offset), naive(offset), "offset {offset}");
        }
        assert_eq!(
            f.location(2 + 6 * CHECKPOINT_BYTES),
            Location {
                line: 2,
                column: 3 * CHECKPOINT_BYTES + 1
            }
        );
    }

    #[test]
    fn invalid_bytes_are_located_by_line() {
        let bytes = b"ok\nab\xff";
        assert_eq!(location_in_bytes(bytes, 5), Location { line: 2, column: 3 });
    }
}
