//! Which char of a block's text each char of its wrapped lines shows, so notes and the
//! selection (char offsets in the article's note text) are drawn on whatever wrapping the
//! reader has: justification adds spaces, hyphenation adds a hyphen, and neither moves them.

use crate::app::wrap::WrappedLine;

/// For each line of a block, for each char of the line: its char offset in the block's
/// `text`, or `None` for a char the wrapping added. A space the wrapping widened counts as
/// the text's space between the words around it.
pub fn line_map(text: &str, lines: &[WrappedLine]) -> Vec<Vec<Option<usize>>> {
    let source: Vec<char> = text.chars().collect();
    let mut cursor = 0;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut map: Vec<Option<usize>> = Vec::with_capacity(line.text.len());
        for c in line.text.chars() {
            if c.is_whitespace() {
                map.push(None);
                continue;
            }
            let mut at = cursor;
            while source.get(at).is_some_and(|s| s.is_whitespace()) {
                at += 1;
            }
            if source.get(at) == Some(&c) {
                map.push(Some(at));
                cursor = at + 1;
            } else {
                map.push(None);
            }
        }
        fill_spaces(&mut map);
        out.push(map);
    }
    out
}

/// A gap between two mapped chars that are not adjacent in the text is the text's space.
fn fill_spaces(map: &mut [Option<usize>]) {
    let mut i = 0;
    while i < map.len() {
        if map.get(i).is_some_and(Option::is_none) {
            let before = i.checked_sub(1).and_then(|b| map.get(b).copied().flatten());
            let end = (i..map.len())
                .find(|&j| map.get(j).is_some_and(Option::is_some))
                .unwrap_or(map.len());
            let after = map.get(end).copied().flatten();
            if let (Some(b), Some(a)) = (before, after)
                && a > b + 1
            {
                for slot in map.get_mut(i..end).unwrap_or_default() {
                    *slot = Some(b + 1);
                }
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::wrap::LineKind;

    fn line(text: &str) -> WrappedLine {
        WrappedLine {
            kind: LineKind::Body,
            text: text.into(),
            block: 0,
        }
    }

    #[test]
    fn justified_and_hyphenated_lines_map_back_to_the_text() {
        let text = "a bridge closed";
        let lines = [line("a   brid-"), line("ge closed"), line("")];
        let map = line_map(text, &lines);
        assert_eq!(map[0][0], Some(0));
        assert_eq!(
            map[0][1..4],
            [Some(1), Some(1), Some(1)],
            "the widened space"
        );
        assert_eq!(map[0][4], Some(2), "b");
        assert_eq!(map[0][8], None, "the added hyphen");
        assert_eq!(map[1][0], Some(6), "g");
        assert_eq!(map[1][2], Some(8), "the space");
        assert_eq!(map[1][8], Some(14));
        assert!(map[2].is_empty());
    }
}
