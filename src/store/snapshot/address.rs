//! What the index puts in a [`DocRef`]: the segment ordinal in the high half, the document
//! id in the low half. Packing both into one integer keeps a timeline entry as small as the
//! pair was and its order the same (segment, then document), and reading them back is two
//! shifts, cheap enough for the passes over every entry of a million-article timeline.

use tantivy::DocAddress;

use crate::catalog::DocRef;

/// The address of a document found in this snapshot's searcher.
#[inline]
pub fn doc_ref(address: DocAddress) -> DocRef {
    DocRef::from_raw((u64::from(address.segment_ord) << 32) | u64::from(address.doc_id))
}

/// The searcher's address of a [`DocRef`] made by [`doc_ref`].
#[inline]
pub fn doc_address(doc: DocRef) -> DocAddress {
    let raw = doc.raw();
    DocAddress::new((raw >> 32) as u32, raw as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_round_trip_and_keep_their_order() {
        let pairs = [(0, 0), (0, u32::MAX), (1, 0), (7, 12), (u32::MAX, u32::MAX)];
        for (segment, doc) in pairs {
            let address = DocAddress::new(segment, doc);
            assert_eq!(doc_address(doc_ref(address)), address);
        }
        for pair in pairs.windows(2) {
            let [a, b] = [pair[0], pair[1]].map(|(s, d)| doc_ref(DocAddress::new(s, d)));
            assert!(a < b, "{a:?} < {b:?}");
        }
    }
}
