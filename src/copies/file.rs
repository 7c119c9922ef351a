//! The groups kept beside the index (`copies.bin` in the archive's cache folder), so that a
//! warm open shows them without regrouping, and the fingerprints of the articles they were
//! made from, so that the next sync regroups only what changed (`regroup`): a magic line, the
//! counts, then the group starts, the members and the fingerprints as little-endian integers.
//! A file that does not read back whole is ignored (the next sync groups the whole archive
//! and writes it again), never trusted in part.

use std::io::Write;
use std::path::Path;

use super::groups::Groups;
use super::regroup::Grouping;

/// 2: the fingerprints follow the groups (a file of version 1 reads as no file).
const MAGIC: &[u8; 8] = b"FOLIOCP2";

/// The groups saved at `path`, or none when the file is missing or unreadable.
pub fn load(path: &Path) -> Groups {
    load_grouping(path).groups
}

/// The grouping saved at `path`, or an empty one when the file is missing or unreadable.
pub fn load_grouping(path: &Path) -> Grouping {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| decode(&bytes))
        .unwrap_or_default()
}

/// Saves the grouping at `path`, through a temporary file renamed over it, so that a kill
/// mid-write leaves the old file or the new one.
pub fn save(path: &Path, grouping: &Grouping) -> std::io::Result<()> {
    let (members, starts) = grouping.groups.parts();
    let seen = &grouping.seen;
    let mut bytes = Vec::with_capacity(32 + starts.len() * 4 + members.len() * 8 + seen.len() * 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&(starts.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&(members.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&(seen.len() as u64).to_le_bytes());
    for s in starts {
        bytes.extend_from_slice(&s.to_le_bytes());
    }
    for m in members {
        bytes.extend_from_slice(&m.to_le_bytes());
    }
    for (id, fingerprint) in seen {
        bytes.extend_from_slice(&id.to_le_bytes());
        bytes.extend_from_slice(&fingerprint.to_le_bytes());
    }
    let temporary = path.with_extension("bin.tmp");
    let mut file = std::fs::File::create(&temporary)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

fn decode(bytes: &[u8]) -> Option<Grouping> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (starts_len, rest) = take_u64(rest)?;
    let (members_len, rest) = take_u64(rest)?;
    let (seen_len, mut rest) = take_u64(rest)?;
    let starts_len = usize::try_from(starts_len).ok()?;
    let members_len = usize::try_from(members_len).ok()?;
    let seen_len = usize::try_from(seen_len).ok()?;
    if rest.len()
        != starts_len
            .checked_mul(4)?
            .checked_add(members_len.checked_mul(8)?)?
            .checked_add(seen_len.checked_mul(16)?)?
    {
        return None;
    }
    let mut starts = Vec::with_capacity(starts_len);
    for _ in 0..starts_len {
        let (word, after) = rest.split_first_chunk::<4>()?;
        starts.push(u32::from_le_bytes(*word) as usize);
        rest = after;
    }
    let mut members = Vec::with_capacity(members_len);
    for _ in 0..members_len {
        let (word, after) = rest.split_first_chunk::<8>()?;
        members.push(u64::from_le_bytes(*word));
        rest = after;
    }
    let mut groups = Vec::with_capacity(starts_len.saturating_sub(1));
    for pair in starts.windows(2) {
        groups.push(members.get(pair[0]..pair[1])?.to_vec());
    }
    let mut seen = Vec::with_capacity(seen_len);
    for _ in 0..seen_len {
        let (id, after) = take_u64(rest)?;
        let (fingerprint, after) = take_u64(after)?;
        seen.push((id, fingerprint));
        rest = after;
    }
    Some(Grouping {
        groups: Groups::new(groups),
        seen,
        incremental: false,
    })
}

fn take_u64(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (word, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*word), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_round_trip_and_a_damaged_file_reads_as_none() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("copies.bin");
        let grouping = Grouping {
            groups: Groups::new(vec![vec![3, 1, 2], vec![7, 8]]),
            seen: vec![(1, 10), (2, 20), (3, 30), (7, 70), (8, 80), (9, 90)],
            incremental: false,
        };
        save(&path, &grouping).expect("saved");
        assert_eq!(load_grouping(&path), grouping);
        assert_eq!(load(&path), grouping.groups);
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 3]).expect("written");
        assert!(load(&path).is_empty());
        assert!(load(&dir.path().join("missing.bin")).is_empty());
    }
}
