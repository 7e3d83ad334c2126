//! Pictures drawn at build time as inline SVG: decisions per quarter, and the relations
//! between RFCs. Deterministic, accessible (a title and a description), no script.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::sanitize::escape_attribute as esc;

/// One bar of the chart: a quarter, and how many decisions of each status it holds.
pub(crate) struct Quarter {
    pub label: String,
    pub counts: Vec<(String, usize)>,
}

/// A stacked bar chart of decisions per quarter, coloured by status: `classes[i]` is the
/// colour class of `statuses[i]`. `left_out` decisions are in quarters not drawn, which
/// the chart says.
pub(crate) fn chart(
    quarters: &[Quarter],
    left_out: usize,
    statuses: &[String],
    classes: &[String],
) -> String {
    let class_of = |status: &str| {
        statuses
            .iter()
            .position(|s| s == status)
            .and_then(|i| classes.get(i).cloned())
            .unwrap_or_else(|| super::class_name(status))
    };
    if quarters.is_empty() {
        return "<p>No decision has a <code>decided</code> date yet.</p>".into();
    }
    let max = quarters
        .iter()
        .map(|q| q.counts.iter().map(|c| c.1).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (bar, gap, height, left, bottom) = (18usize, 6usize, 160usize, 32usize, 56usize);
    let width = left + quarters.len() * (bar + gap) + 10;
    let total: usize = quarters
        .iter()
        .map(|q| q.counts.iter().map(|c| c.1).sum::<usize>())
        .sum();
    // Said as a screen reader reads it: "1 decision in 2026 Q4", not "1 decisions from
    // 2026 Q4 to 2026 Q4; the tallest quarter has 1".
    let (first, last) = (&quarters[0].label, &quarters[quarters.len() - 1].label);
    let span = if quarters.len() == 1 {
        esc(first)
    } else {
        format!("{} to {}", esc(first), esc(last))
    };
    let left_out = match left_out {
        0 => String::new(),
        1 => format!("1 decision outside {span} is not drawn."),
        n => format!("{n} decisions outside {span} are not drawn."),
    };
    let desc = format!(
        "{total} decision{}{}{}{left_out}",
        if total == 1 { "" } else { "s" },
        if quarters.len() == 1 {
            format!(" in {}.", esc(first))
        } else {
            format!(
                " from {} to {}; the tallest quarter has {max}.",
                esc(first),
                esc(last)
            )
        },
        if left_out.is_empty() { "" } else { " " }
    );
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"chart-t chart-d\" viewBox=\"0 0 {width} {}\" width=\"{width}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"chart-t\">Decisions per quarter by status</title><desc id=\"chart-d\">{desc}</desc>",
        height + bottom,
        height + bottom,
    );
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{height}\" x2=\"{width}\" y2=\"{height}\"/>"
    );
    let _ = write!(
        svg,
        "<text x=\"0\" y=\"12\">{max}</text><text x=\"0\" y=\"{height}\">0</text>"
    );
    for (i, q) in quarters.iter().enumerate() {
        let x = left + i * (bar + gap);
        let mut y = height;
        for (status, n) in &q.counts {
            if *n == 0 {
                continue;
            }
            let h = (n * height).div_ceil(max).max(1);
            y = y.saturating_sub(h);
            let class = class_of(status);
            let _ = write!(
                svg,
                "<rect class=\"bar status-{class}\" x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"currentColor\"><title>{}: {n} {}</title></rect>",
                esc(&q.label),
                esc(status)
            );
        }
        if quarters.len() <= 12 || i % (quarters.len() / 12 + 1) == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x}\" y=\"{}\" transform=\"rotate(45 {x} {})\">{}</text>",
                height + 14,
                height + 14,
                esc(&q.label)
            );
        }
    }
    svg.push_str("</svg><figcaption class=\"legend\">");
    // Only the statuses some bar shows.
    let plotted = |status: &str| {
        quarters
            .iter()
            .any(|q| q.counts.iter().any(|(s, n)| s == status && *n > 0))
    };
    for status in statuses.iter().filter(|s| plotted(s)) {
        let _ = write!(
            svg,
            "<span class=\"badge status-{}\">{}</span> ",
            class_of(status),
            esc(status)
        );
    }
    if !left_out.is_empty() {
        let _ = write!(svg, "<br>{left_out}");
    }
    svg.push_str("</figcaption></figure>");
    svg
}

/// A node of a relations graph.
pub(crate) struct Node {
    pub id: u32,
    /// What its box says: the number, or in a series its label (`ADR019`), as listings
    /// name it.
    pub name: String,
    /// What a linked node says on hover: `RFC 0012: Title`.
    pub title: String,
    pub url: String,
    pub current: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum EdgeKind {
    Supersedes,
    Related,
}

/// What a graph's nodes are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Nodes {
    /// Links to their RFCs, titled: the archive's graph, where a node is all a reader has
    /// of its RFC.
    Linked,
    /// Drawn only: an RFC page's neighbourhood, whose lists beside it name and link every
    /// node already. Ten thousand pages repeating each title and page address in the
    /// picture cost several megabytes of the site.
    Drawn,
}

/// The width a row of groups fills before the next group starts a row below: about a
/// page's width, so that an archive of a few chains needs no scrolling.
const ROW_WIDTH: usize = 960;

/// Where a node is drawn: the middle of its box, and the line its box stands on.
#[derive(Clone, Copy)]
struct Place {
    x: usize,
    y: usize,
    /// The height its row gives to arcs above that line.
    room: usize,
}

/// An arc diagram: RFCs that are related, directly or through others, are a group, drawn
/// as a line of boxes in id order with their relations as arcs above it; groups follow
/// each other in the order of their first RFC, in rows of about a page's width.
/// Supersession arcs are solid with an arrow at the older RFC; related ones dashed.
///
/// One line for the whole archive drew an arc from RFC 3 to RFC 412 across everything
/// between them: a team's supersession chains, each a few boxes side by side, are what a
/// reader looks for. A neighbourhood is one group, one line.
pub(crate) fn arcs(
    nodes: &[Node],
    edges: &[(u32, u32, EdgeKind)],
    label: &str,
    kind: Nodes,
) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    // Boxes fit the longest name (log4brains numbers ADRs by date, 20200926): about 8
    // px a character at 12 px, never narrower than four digits need.
    let digits = nodes
        .iter()
        .map(|n| n.name.chars().count())
        .max()
        .unwrap_or(1);
    let box_width = (digits * 8 + 12).max(44);
    let half = box_width / 2;
    let step = box_width + 12;
    let (position, width, height) = layout(nodes, edges, step, half);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg role=\"{}\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">",
        // A picture is one image to assistive technology; links make it a group.
        match kind {
            Nodes::Linked => "group",
            Nodes::Drawn => "img",
        },
        esc(label)
    );
    // The arrow is defined only where an arc uses it: most neighbourhoods have none.
    if edges.iter().any(|e| e.2 == EdgeKind::Supersedes) {
        // A capital letter: an RFC's heading "Arrow" has the lower-case anchor `arrow`.
        svg.push_str("<defs><marker id=\"Arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"currentColor\"/></marker></defs>");
    }
    // Edges and nodes are grouped, so each needs no class of its own.
    svg.push_str("<g class=\"edges\">");
    for (from, to, kind) in edges {
        let (Some(a), Some(b)) = (position.get(from), position.get(to)) else {
            continue;
        };
        let (x1, x2, y) = (a.x, b.x, a.y);
        let r = x1.abs_diff(x2) / 2;
        let (class, marker) = match kind {
            EdgeKind::Supersedes => ("supersedes", " marker-end=\"url(#Arrow)\""),
            EdgeKind::Related => ("related", ""),
        };
        let sweep = usize::from(x2 > x1);
        let _ = write!(
            svg,
            "<path class=\"{class}\" d=\"M {x1} {y} A {r} {} 0 0 {sweep} {x2} {y}\"{marker}/>",
            r.min(a.room - 10).max(1)
        );
    }
    svg.push_str("</g><g class=\"nodes\">");
    for node in nodes {
        let Place { x, y, .. } = position[&node.id];
        let x = x - half;
        let shape = format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{box_width}\" height=\"22\" rx=\"4\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x + half,
            y + 15,
            esc(&node.name)
        );
        let _ = match kind {
            Nodes::Drawn if node.current => write!(svg, "<g class=\"current\">{shape}</g>"),
            Nodes::Drawn => write!(svg, "{shape}"),
            Nodes::Linked => {
                let class = if node.current {
                    " class=\"current\""
                } else {
                    ""
                };
                write!(
                    svg,
                    "<a href=\"{}\"{class}><title>{}</title>{shape}</a>",
                    esc(&node.url),
                    esc(&node.title)
                )
            }
        };
    }
    svg.push_str("</g></svg>");
    svg
}

/// Each node's place, and the picture's width and height: groups of related nodes (see
/// [`arcs`]) placed left to right, a row below when the next would pass [`ROW_WIDTH`].
fn layout(
    nodes: &[Node],
    edges: &[(u32, u32, EdgeKind)],
    step: usize,
    half: usize,
) -> (BTreeMap<u32, Place>, usize, usize) {
    let index: BTreeMap<u32, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    let mut group: Vec<usize> = (0..nodes.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    let joined: Vec<(usize, usize)> = edges
        .iter()
        .filter_map(|(a, b, _)| Some((*index.get(a)?, *index.get(b)?)))
        .collect();
    for &(a, b) in &joined {
        let (ra, rb) = (root(&mut group, a), root(&mut group, b));
        // The smaller index is the root: a group is named by its first node.
        group[ra.max(rb)] = ra.min(rb);
    }
    // Groups in the order of their first node, each node's place in its group.
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let slot: Vec<usize> = (0..nodes.len())
        .map(|i| {
            let list = members.entry(root(&mut group, i)).or_default();
            list.push(i);
            list.len() - 1
        })
        .collect();
    // The longest arc of each group, in pixels: how high its row must be.
    let mut longest: BTreeMap<usize, usize> = BTreeMap::new();
    for &(a, b) in &joined {
        let span = slot[a].abs_diff(slot[b]) * step;
        let entry = longest.entry(root(&mut group, a)).or_default();
        *entry = (*entry).max(span);
    }
    // The groups of the row being filled, each as its first node and its members.
    let mut places = BTreeMap::new();
    let (mut top, mut width) = (0, 0);
    let mut row: Vec<(usize, &Vec<usize>)> = Vec::new();
    let mut finish_row = |row: &mut Vec<(usize, &Vec<usize>)>, top: &mut usize| {
        let room = row
            .iter()
            .map(|(first, _)| (longest.get(first).copied().unwrap_or(0) / 2).clamp(30, 400) + 20)
            .max()
            .unwrap_or(50);
        let mut x = 20;
        for (_, list) in row.iter() {
            for (k, &i) in list.iter().enumerate() {
                places.insert(
                    nodes[i].id,
                    Place {
                        x: x + k * step + half,
                        y: *top + room,
                        room,
                    },
                );
            }
            x += (list.len() + 1) * step;
        }
        width = width.max(x - step + 20);
        *top += room + 40;
        row.clear();
    };
    let mut used = 20;
    for (first, list) in &members {
        let needs = list.len() * step;
        if !row.is_empty() && used + needs + 20 > ROW_WIDTH {
            finish_row(&mut row, &mut top);
            used = 20;
        }
        row.push((*first, list));
        used += needs + step;
    }
    finish_row(&mut row, &mut top);
    (places, width, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_is_accessible_and_escaped() {
        let q = vec![Quarter {
            label: "2026 Q1".into(),
            counts: vec![("accepted".into(), 3), ("<x>".into(), 1)],
        }];
        let names = ["accepted".to_string(), "rejected".to_string()];
        let svg = chart(&q, 0, &names, &names);
        assert!(svg.contains("<title id=\"chart-t\">"));
        assert!(svg.contains("&lt;x&gt;") && !svg.contains("<x>"));
        // The legend names what the bars show, not every configured status.
        let legend = &svg[svg.find("<figcaption").unwrap()..];
        assert!(
            legend.contains(">accepted<") && !legend.contains("rejected"),
            "{legend}"
        );
    }

    /// The description reads as a sentence for one decision in one quarter, and for
    /// several over several.
    #[test]
    fn chart_description_counts_in_words() {
        let quarter = |label: &str, n: usize| Quarter {
            label: label.into(),
            counts: vec![("accepted".into(), n)],
        };
        let names = ["accepted".to_string()];
        let one = chart(&[quarter("2026 Q4", 1)], 0, &names, &names);
        assert!(
            one.contains("<desc id=\"chart-d\">1 decision in 2026 Q4.</desc>"),
            "{one}"
        );
        let more = chart(
            &[quarter("2026 Q3", 2), quarter("2026 Q4", 1)],
            0,
            &names,
            &names,
        );
        assert!(
            more.contains(
                "<desc id=\"chart-d\">3 decisions from 2026 Q3 to 2026 Q4; the tallest \
                 quarter has 2.</desc>"
            ),
            "{more}"
        );
        // Decisions before the quarters drawn are counted, in the description and below.
        let cut = chart(&[quarter("2026 Q4", 1)], 2, &names, &names);
        assert!(
            cut.contains(
                "<desc id=\"chart-d\">1 decision in 2026 Q4. 2 decisions outside 2026 Q4 are \
                 not drawn.</desc>"
            ) && cut.contains("<br>2 decisions outside 2026 Q4 are not drawn.</figcaption>"),
            "{cut}"
        );
    }

    /// A node named by its number, as an archive's graph draws it.
    fn node(id: u32) -> Node {
        Node {
            id,
            name: id.to_string(),
            title: String::new(),
            url: String::new(),
            current: false,
        }
    }

    #[test]
    fn arcs_link_nodes() {
        let nodes = vec![
            Node {
                id: 1,
                name: "1".into(),
                title: "A & B".into(),
                url: "0001-a.html".into(),
                current: false,
            },
            Node {
                id: 2,
                name: "2".into(),
                title: "C".into(),
                url: "0002-c.html".into(),
                current: true,
            },
        ];
        let svg = arcs(
            &nodes,
            &[(2, 1, EdgeKind::Supersedes)],
            "Relations",
            Nodes::Linked,
        );
        assert!(svg.contains("href=\"0001-a.html\"") && svg.contains("A &amp; B"));
        assert!(svg.contains("marker-end"));
    }

    /// Related RFCs are drawn side by side whatever their numbers, each group after the
    /// last, and a group that would pass the row's width starts a row below.
    #[test]
    fn groups_of_related_rfcs_are_drawn_apart_in_rows() {
        let place = |svg: &str, id: u32| -> (usize, usize) {
            let text = format!(">{id}</text>");
            let end = svg.find(&text).unwrap();
            let rect = svg[..end].rfind("<rect x=\"").unwrap();
            let attrs: Vec<usize> = svg[rect..end]
                .split('"')
                .skip(1)
                .step_by(2)
                .take(2)
                .map(|n| n.parse().unwrap())
                .collect();
            (attrs[0], attrs[1])
        };
        // 1 and 900 relate; 2 and 3 relate: two groups, [1 900] then [2 3].
        let nodes = [node(1), node(2), node(3), node(900)];
        let edges = [(900, 1, EdgeKind::Supersedes), (2, 3, EdgeKind::Related)];
        let svg = arcs(&nodes, &edges, "Relations", Nodes::Linked);
        let (x1, y1) = place(&svg, 1);
        let (x900, _) = place(&svg, 900);
        let (x2, y2) = place(&svg, 2);
        let (x3, _) = place(&svg, 3);
        assert!(x1 < x900 && x900 < x2 && x2 < x3, "{svg}");
        assert_eq!(x900 - x1, x3 - x2, "neighbours in a group: {svg}");
        assert!(x2 - x900 > x900 - x1, "a gap between groups: {svg}");
        assert_eq!(y1, y2, "one row: {svg}");
        // Twenty pairs do not fit one row of a page's width: the last pairs go below.
        let nodes: Vec<Node> = (1..=40).map(node).collect();
        let edges: Vec<_> = (1..=20)
            .map(|k| (2 * k, 2 * k - 1, EdgeKind::Related))
            .collect();
        let svg = arcs(&nodes, &edges, "Relations", Nodes::Linked);
        let (_, first) = place(&svg, 1);
        let (x_last, last) = place(&svg, 39);
        assert!(last > first, "{svg}");
        assert!(x_last < ROW_WIDTH, "{svg}");
        let width: usize = svg
            .split("width=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(width <= ROW_WIDTH, "{width}");
    }

    /// Numbers of eight digits (ADRs numbered by date) get boxes they fit in, and boxes do
    /// not overlap: each starts after the one before it ends.
    #[test]
    fn boxes_fit_long_numbers() {
        let svg = arcs(
            &[node(20200926), node(20201016)],
            &[(20201016, 20200926, EdgeKind::Related)],
            "Relations",
            Nodes::Drawn,
        );
        let numbers = |attr: &str| -> Vec<usize> {
            svg.match_indices(&format!(" {attr}=\""))
                .map(|(at, m)| {
                    let rest = &svg[at + m.len()..];
                    rest[..rest.find('"').unwrap()].parse().unwrap()
                })
                .collect()
        };
        let (xs, widths) = (numbers("x"), numbers("width"));
        // The first width is the picture's own.
        let boxes: Vec<(usize, usize)> = xs
            .iter()
            .step_by(2)
            .copied()
            .zip(widths[1..].iter().copied())
            .collect();
        assert_eq!(boxes.len(), 2, "{svg}");
        assert!(boxes[0].1 >= 8 * 8, "{svg}");
        assert!(boxes[0].0 + boxes[0].1 < boxes[1].0, "{svg}");
    }
}
