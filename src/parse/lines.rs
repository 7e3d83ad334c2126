//! Markdown read line by line, where a parser's events would not do: `new` fills a
//! template as text, and the facts of adr-tools records (`Date:`, `## Status`) and a
//! heading written without its space (`##Problem`) are lines, not events.

/// Which lines are inside a fenced code block or an HTML comment (those that open and
/// close one included): a `# …` there is no heading and a `Date:` no fact, as on GitHub.
#[derive(Default)]
pub(crate) struct Hidden {
    comment: bool,
    /// The open fence's character and length (three or more backticks or tildes).
    fence: Option<(char, usize)>,
}

impl Hidden {
    /// Whether `line`, the next line without its line ending, is hidden; notes what it
    /// opens or closes.
    pub(crate) fn covers(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start();
        if let Some((mark, length)) = self.fence {
            // Closed by a run of the same character at least as long, and nothing else.
            let run = trimmed.chars().take_while(|&c| c == mark).count();
            if run >= length && trimmed[run..].trim().is_empty() {
                self.fence = None;
            }
            return true;
        }
        if self.comment {
            if let Some(end) = line.find("-->") {
                // Closed, unless `--> <!--` opens another.
                self.comment = opens_comment(&line[end + 3..]);
            }
            return true;
        }
        for mark in ['`', '~'] {
            let run = trimmed.chars().take_while(|&c| c == mark).count();
            if run >= 3 && line.len() - trimmed.len() < 4 {
                self.fence = Some((mark, run));
                return true;
            }
        }
        // A comment closed on its own line (`- Status: … <!-- optional -->`) hides
        // nothing: the line is read as it is.
        self.comment = opens_comment(line);
        self.comment
    }
}

/// Whether `text` opens an HTML comment that it does not close.
fn opens_comment(text: &str) -> bool {
    text.rfind("<!--")
        .is_some_and(|start| !text[start + 4..].contains("-->"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        let mut hidden = Hidden::default();
        text.lines().filter(|l| !hidden.covers(l)).collect()
    }

    #[test]
    fn fences_and_comments_hide_their_lines() {
        assert_eq!(
            shown(
                "a\n````md\n```\n# in code\n````\nb\n~~~\nc\n~~~~\nd\n\
                 <!--\n# note\n--> <!-- again\ne\n-->\nf <!-- closed -->\n    ```\ng"
            ),
            ["a", "b", "d", "f <!-- closed -->", "    ```", "g"]
        );
    }
}
