//! The complete items of a feed whose XML breaks off (a download cut short) or goes wrong
//! part way (a bad character reference in one item): feed-rs refuses the whole file then, and
//! the items before the damage would be lost with it.
//!
//! One pass of quick-xml over the file finds where it goes wrong and the last `</item>` or
//! `</entry>` before that; the file up to there, closed with the end tags of the elements
//! still open, is a well-formed feed of the complete items.

use quick_xml::Reader;
use quick_xml::events::Event;

/// A well-formed prefix of a broken feed.
pub(super) struct Salvage {
    pub bytes: Vec<u8>,
    /// How many complete items it holds.
    pub items: usize,
    /// What is wrong after them, as quick-xml says it.
    pub error: String,
}

/// The complete items before the first error in the XML of `bytes`; `None` when the XML has
/// no error, or none before its first complete item.
pub(super) fn complete_items(bytes: &[u8]) -> Option<Salvage> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut items = 0;
    // Where the last complete item ends, and the elements open there.
    let mut last: Option<(u64, Vec<String>)> = None;
    let error = loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(start)) => open.push(start.name().as_ref().to_owned()),
            Ok(Event::End(end)) => {
                open.pop();
                if matches!(end.local_name().as_ref(), "item" | "entry") {
                    items += 1;
                    last = Some((reader.buffer_position(), open.clone()));
                }
            }
            // feed-rs resolves character references and fails on a bad one, so it is damage.
            Ok(Event::GeneralRef(reference)) => {
                if let Err(e) = reference.resolve_char_ref() {
                    break e.to_string();
                }
            }
            Ok(Event::Eof) => match open.last() {
                Some(name) => {
                    break format!("the file ends inside <{name}>");
                }
                None => return None,
            },
            Err(e) => break e.to_string(),
            Ok(_) => {}
        }
        buf.clear();
    };
    let (end, still_open) = last?;
    let mut prefix = bytes.get(..usize::try_from(end).ok()?)?.to_vec();
    for name in still_open.iter().rev() {
        prefix.extend_from_slice(b"</");
        prefix.extend_from_slice(name.as_bytes());
        prefix.push(b'>');
    }
    Some(Salvage {
        bytes: prefix,
        items,
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_feed_is_closed_after_its_last_complete_item() {
        let cut = b"<rss><channel><title>T</title><item><title>A</title></item><item><title>B</ti";
        let salvage = complete_items(cut).expect("one item is complete");
        assert_eq!(
            salvage.bytes,
            b"<rss><channel><title>T</title><item><title>A</title></item></channel></rss>"
        );
        assert_eq!(salvage.items, 1);
        assert!(!salvage.error.is_empty());
    }

    #[test]
    fn damage_in_a_later_item_keeps_the_earlier_ones() {
        let bad = b"<feed><entry><id>1</id></entry><entry><id>&#0;</id></entry><entry/></feed>";
        let salvage = complete_items(bad).expect("one entry before the damage");
        assert_eq!(salvage.bytes, b"<feed><entry><id>1</id></entry></feed>");
        assert_eq!(salvage.items, 1);
    }

    #[test]
    fn nothing_to_salvage() {
        assert!(complete_items(b"<rss><channel><item>").is_none());
        assert!(complete_items(b"<rss><channel></channel></rss>").is_none());
    }
}
