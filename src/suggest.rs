//! "Did you mean" suggestions for misspelt keys, statuses and codes.

/// The candidate closest to `input`, if it is close enough to be a plausible typo:
/// at most a third of the input's length in edits (and at least one), compared
/// case-insensitively with `_` and `-` treated alike.
pub(crate) fn closest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let normal = normalise(input);
    let length = normal.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let other = normalise(c);
            // The distance is at least the difference in length: most candidates of a long
            // list (every heading of a file) end here, without the quadratic comparison.
            if other.chars().count().abs_diff(length) > limit {
                return None;
            }
            Some((edit_distance(&normal, &other), c))
        })
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace('_', "-")
}

/// Damerau-Levenshtein distance (optimal string alignment): a swap of two neighbouring
/// letters, the commonest typo (`stauts`), costs one edit.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(edit_distance("stauts", "status"), 1);
        assert_eq!(closest("stauts", ["status", "title"]), Some("status"));
    }

    #[test]
    fn snake_case_matches_kebab_case() {
        assert_eq!(
            closest("superseded_by", ["superseded-by", "supersedes"]),
            Some("superseded-by")
        );
    }

    #[test]
    fn distant_words_are_not_suggested() {
        assert_eq!(closest("banana", ["accepted", "draft"]), None);
    }
}
