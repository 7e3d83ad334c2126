//! A tag is written the same way in every RFC: the archive's own spelling, the one most
//! of its uses have (`crate::tags`).

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::tags::Spellings;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spellings = Spellings::of(cx.archive);
    // How many times each spelling is written, exactly so, for the message.
    let mut written: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
    for tag in cx
        .archive
        .rfcs
        .iter()
        .filter_map(|r| r.front.as_ref())
        .flat_map(|f| &f.tags)
    {
        *written.entry(tag.value.as_str()).or_default() += 1;
    }
    for rfc in &cx.archive.rfcs {
        let Some(front) = &rfc.front else { continue };
        for tag in &front.tags {
            let Some(usual) = spellings.get(&tag.value) else {
                continue;
            };
            if usual.name == tag.value {
                continue;
            }
            let times = |n: usize| match n {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let own = written.get(tag.value.as_str()).copied().unwrap_or(1);
            let mut d = Diagnostic::new(
                Code::TagCase,
                cx.source(rfc),
                tag.span,
                format!(
                    "tag `{}` is written `{}` {} in the archive, and `{}` {}",
                    tag.value,
                    usual.name,
                    times(usual.uses),
                    tag.value,
                    times(own)
                ),
            )
            .help(format!(
                "write `{}`: a tag is one tag in any case, and the site lists it under the \
                 spelling most RFCs use (of two as common, the one in lower case)",
                usual.name
            ));
            let first = cx.archive.rfcs.iter().find_map(|r| {
                let t = r
                    .front
                    .as_ref()?
                    .tags
                    .iter()
                    .find(|t| t.value == usual.name)?;
                Some((r, t.span))
            });
            if let Some((other, span)) = first {
                d = d.note(cx.source(other), span, "written so here first");
            }
            out.push(d);
        }
    }
}
