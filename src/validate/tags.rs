//! A tag is written the same way in every RFC: the archive's own spelling, the one most
//! of its uses have (`crate::tags`).

use super::Context;
use crate::diagnostic::{Code, Diagnostic};
use crate::tags::Spellings;

pub(super) fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let spellings = Spellings::of(cx.archive);
    for rfc in &cx.archive.rfcs {
        let Some(front) = &rfc.front else { continue };
        for tag in &front.tags {
            let Some(usual) = spellings.get(&tag.value) else {
                continue;
            };
            if usual.name == tag.value {
                continue;
            }
            let times = match usual.uses {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            let mut d = Diagnostic::new(
                Code::TagCase,
                cx.source(rfc),
                tag.span,
                format!(
                    "tag `{}` is written `{}` {times} in the archive",
                    tag.value, usual.name
                ),
            )
            .help(format!(
                "write `{}`: a tag is one tag in any case, and the site lists it under the \
                 spelling most RFCs use",
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
