//! One bit per document of a segment, with its count kept as bits are set.

use tantivy::DocId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    max_doc: u32,
    len: u32,
}

impl Bits {
    /// Room for documents `0..max_doc`, none set.
    pub fn with_max_doc(max_doc: u32) -> Bits {
        Bits {
            words: vec![0; (max_doc as usize).div_ceil(64)],
            max_doc,
            len: 0,
        }
    }

    /// Sets these documents; ids at or above `max_doc` are ignored.
    pub fn insert_all(&mut self, docs: &[DocId]) {
        for &doc in docs {
            if let Some(word) = self.words.get_mut(doc as usize / 64)
                && doc < self.max_doc
            {
                let bit = 1u64 << (doc % 64);
                self.len += u32::from(*word & bit == 0);
                *word |= bit;
            }
        }
    }

    pub fn contains(&self, doc: DocId) -> bool {
        self.words
            .get(doc as usize / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// How many documents are set.
    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every document of the segment is set.
    pub fn is_full(&self) -> bool {
        self.len == self.max_doc
    }

    /// The first document set at or after `from`.
    pub fn next_from(&self, from: DocId) -> Option<DocId> {
        let mut index = from as usize / 64;
        let mut word = self.words.get(index)? & (u64::MAX << (from % 64));
        loop {
            if word != 0 {
                return Some(index as u32 * 64 + word.trailing_zeros());
            }
            index += 1;
            word = *self.words.get(index)?;
        }
    }

    /// The documents set, in order.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        let mut next = self.next_from(0);
        std::iter::from_fn(move || {
            let doc = next?;
            next = doc.checked_add(1).and_then(|d| self.next_from(d));
            Some(doc)
        })
    }

    /// Bytes held, for the cache's budget.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_what_was_set_and_counts_each_document_once() {
        let mut bits = Bits::with_max_doc(200);
        bits.insert_all(&[3, 64, 3, 199, 500]);
        assert_eq!(bits.len(), 3);
        assert_eq!(bits.iter().collect::<Vec<_>>(), [3, 64, 199]);
        assert_eq!(bits.next_from(4), Some(64));
        assert_eq!(bits.next_from(65), Some(199));
        assert_eq!(bits.next_from(200), None);
        assert!(bits.contains(64) && !bits.contains(65));
        assert!(!bits.is_full());
    }

    #[test]
    fn full_when_every_document_is_set() {
        let mut bits = Bits::with_max_doc(3);
        bits.insert_all(&[0, 1]);
        assert!(!bits.is_full());
        bits.insert_all(&[2]);
        assert!(bits.is_full());
        assert!(Bits::with_max_doc(0).is_full(), "an empty segment");
    }
}
