use super::*;
use crate::app::wrap::LineKind;

/// About 100 KB: paragraphs of varied lengths and words, a heading every ten, "zebra" in a
/// few of them (the last near the end), and an empty block.
fn article() -> Vec<Block> {
    const WORDS: [&str; 12] = [
        "harbour",
        "authority",
        "said",
        "the",
        "quay",
        "would",
        "double",
        "container",
        "ships",
        "unions",
        "asked",
        "extraordinarily",
    ];
    let mut seed: u64 = 7;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut blocks = vec![Block {
        kind: LineKind::Title,
        text: String::new(),
        gap: false,
    }];
    for p in 0..160 {
        if p % 10 == 0 {
            blocks.push(Block {
                kind: LineKind::Heading,
                text: format!("Part {}", p / 10 + 1),
                gap: true,
            });
        }
        let count = 10 + next(200) as usize;
        let mut text: Vec<&str> = (0..count).map(|_| WORDS[next(12) as usize]).collect();
        if p % 37 == 5 || p == 157 {
            text.push("zebra");
        }
        blocks.push(Block {
            kind: LineKind::Body,
            text: text.join(" "),
            gap: true,
        });
    }
    blocks
}

fn options(width: u16, justify: bool, hyphenate: bool) -> WrapOptions {
    WrapOptions {
        width,
        justify,
        hyphenate,
    }
}

/// Every block wrapped in order: what the reader showed before wrapping became lazy.
fn full(blocks: &[Block], options: WrapOptions) -> Vec<WrappedLine> {
    let mut wrapped = Wrapped::new(options, blocks.len());
    (0..blocks.len())
        .flat_map(|i| wrapped.block(blocks, i).to_vec())
        .collect()
}

/// The index in the full wrap of the line at `at`.
fn index(blocks: &[Block], options: WrapOptions, at: Anchor) -> usize {
    let mut wrapped = Wrapped::new(options, blocks.len());
    wrapped.start(blocks, at.block) + at.line
}

const WIDTHS: [(u16, bool, bool); 4] = [
    (20, false, false),
    (47, true, false),
    (80, false, true),
    (133, true, true),
];

#[test]
fn the_article_has_a_head_and_a_tail() {
    let text = Text::new(article(), options(80, false, false));
    assert!(text.head > 1 && text.head < text.blocks.len());
}

#[test]
fn lines_walked_lazily_down_or_up_are_those_of_a_full_wrap() {
    let blocks = article();
    for (width, justify, hyphenate) in WIDTHS {
        let options = options(width, justify, hyphenate);
        let expected = full(&blocks, options);
        let mut down = Vec::new();
        let mut text = Text::new(blocks.clone(), options);
        let mut at = Some(text.first());
        while let Some(a) = at {
            down.extend(text.line(a).cloned());
            at = text.next(a);
        }
        assert_eq!(down, expected, "down at {width} columns");
        let mut up = Vec::new();
        let mut text = Text::new(blocks.clone(), options);
        let mut at = Some(text.last());
        while let Some(a) = at {
            up.extend(text.line(a).cloned());
            at = text.prev(a);
        }
        up.reverse();
        assert_eq!(up, expected, "up at {width} columns");
    }
}

#[test]
fn the_end_is_the_last_screen_of_a_full_wrap_and_wraps_only_it() {
    let blocks = article();
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    for (width, justify, hyphenate) in WIDTHS {
        let options = options(width, justify, hyphenate);
        let expected = full(&blocks, options);
        let mut text = Text::new(blocks.clone(), options);
        let last = text.last();
        let mut at = text.step(last, 39, false);
        let mut screen = Vec::new();
        for _ in 0..40 {
            screen.extend(text.line(at).cloned());
            at = text.next(at).unwrap_or(at);
        }
        assert_eq!(
            screen,
            expected[expected.len() - 40..],
            "at {width} columns"
        );
        let wrapped = text.wrapped.wrapped_bytes();
        assert!(wrapped < total / 10, "{wrapped} of {total} bytes wrapped");
    }
}

#[test]
fn numbers_are_exact_in_the_head_increasing_after_and_find_their_line_again() {
    let blocks = article();
    for (width, justify, hyphenate) in WIDTHS {
        let options = options(width, justify, hyphenate);
        let mut text = Text::new(blocks.clone(), options);
        let mut at = Some(text.first());
        let mut previous = None;
        while let Some(a) = at {
            let number = text.number(a);
            if a.block < text.head {
                assert_eq!(number, index(&blocks, options, a), "{a:?}");
            }
            assert!(previous < Some(number), "{a:?} numbered {number}");
            assert_eq!(text.locate(number), a);
            previous = Some(number);
            at = text.next(a);
        }
    }
}

#[test]
fn a_number_between_lines_finds_the_line_before_it() {
    let mut text = Text::new(article(), options(80, false, false));
    let last = text.last();
    let line = text.step(last, 30, false);
    let block_start = Anchor { line: 0, ..line };
    let previous = text.prev(block_start).unwrap();
    assert!(previous.block >= text.head);
    let gap = text.number(block_start) - 1;
    assert!(
        gap > text.number(previous),
        "the slot leaves numbers unused"
    );
    assert_eq!(text.locate(gap), previous);
}

#[test]
fn a_saved_position_is_found_again_at_its_width_and_near_it_at_another() {
    let blocks = article();
    let mut text = Text::new(blocks.clone(), options(80, false, false));
    let last = text.last();
    for at in [Anchor { block: 2, line: 1 }, text.step(last, 100, false)] {
        let number = text.number(at);
        let mut same = Text::new(blocks.clone(), options(80, false, false));
        assert_eq!(same.restore(number, 80, 80), at);
        let mut narrow = Text::new(blocks.clone(), options(40, false, false));
        let there = narrow.restore(number, 80, 40);
        assert!(
            there.block.abs_diff(at.block) <= 1,
            "{at:?} at 80 columns is {there:?} at 40"
        );
    }
}

/// A find of "zebra" run to its end, however often its budget pauses it, and the blocks
/// where it paused.
fn find_through(
    text: &mut Text,
    start: Anchor,
    down: bool,
    budget: usize,
) -> (Option<Anchor>, Vec<usize>) {
    let hit = |t: &str| t.contains("zebra");
    let mut pauses = Vec::new();
    let mut step = text.find(start, down, &hit, budget);
    loop {
        match step {
            Step::Found(at) => return (Some(at), pauses),
            Step::Missing => return (None, pauses),
            Step::Paused(block) => {
                pauses.push(block);
                step = text.find_past(block, down, &hit, budget);
            }
        }
    }
}

#[test]
fn find_visits_the_hits_of_a_full_wrap_in_order_both_ways_whatever_its_budget() {
    let blocks = article();
    let options = options(60, false, false);
    let lines = full(&blocks, options);
    let expected: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].text.contains("zebra"))
        .collect();
    assert!(expected.len() > 3);

    for budget in [usize::MAX, 2048, 1] {
        let mut text = Text::new(blocks.clone(), options);
        let (mut found, mut paused) = (Vec::new(), 0);
        let mut start = Some(text.first());
        while let Some(s) = start {
            let (at, pauses) = find_through(&mut text, s, true, budget);
            assert!(pauses.is_sorted_by(|a, b| a < b), "{pauses:?} go down");
            paused += pauses.len();
            let Some(at) = at else { break };
            found.push(index(&blocks, options, at));
            start = text.next(at);
        }
        assert_eq!(found, expected, "down, {budget} bytes a turn");
        assert_eq!(paused > 0, budget < 4096, "down, {budget} bytes a turn");

        let mut text = Text::new(blocks.clone(), options);
        let mut found = Vec::new();
        let mut start = Some(text.last());
        while let Some(s) = start {
            let (at, pauses) = find_through(&mut text, s, false, budget);
            assert!(pauses.is_sorted_by(|a, b| a > b), "{pauses:?} go up");
            let Some(at) = at else { break };
            found.push(index(&blocks, options, at));
            start = text.prev(at);
        }
        found.reverse();
        assert_eq!(found, expected, "up, {budget} bytes a turn");
    }
}

#[test]
fn a_paused_find_searched_its_budget_and_at_most_a_block_more() {
    let blocks = article();
    let largest = blocks
        .iter()
        .map(|b| b.text.len())
        .max()
        .unwrap_or_default();
    let mut text = Text::new(blocks, options(60, false, false));
    let budget = 8 * 1024;
    let start = text.first();
    let (found, pauses) = find_through(&mut text, start, true, budget);
    // The first "zebra" is close: found in the first turn.
    assert!(found.is_some_and(|a| a.block < 10) && pauses.is_empty());
    let hit = |t: &str| t.contains("no such word");
    let mut edge = start.block;
    let mut turns = 0;
    let mut step = text.find(start, true, &hit, budget);
    while let Step::Paused(block) = step {
        let searched = text.bytes(edge + 1, block + 1);
        assert!(
            (budget..budget + largest).contains(&searched),
            "a turn searched {searched} bytes"
        );
        (edge, turns) = (block, turns + 1);
        step = text.find_past(block, true, &hit, budget);
    }
    assert_eq!(step, Step::Missing);
    let total = text.bytes(0, text.blocks.len());
    assert!(
        turns + 1 >= total / (budget + largest) && turns <= total / budget,
        "{turns} turns"
    );
}

#[test]
fn finding_a_hit_far_away_wraps_only_the_blocks_with_hits() {
    let blocks = article();
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let mut text = Text::new(blocks, options(60, false, true));
    let first = text.first();
    let last = text.last();
    let (near_end, _) = find_through(&mut text, last, false, usize::MAX);
    let near_end = near_end.unwrap();
    assert!(near_end.block > text.blocks.len() - 10);
    let mut text = Text::new(article(), options(60, false, true));
    let (mut at, _) = find_through(&mut text, first, true, usize::MAX);
    while let Some(a) = at.filter(|a| a.block < near_end.block) {
        at = text
            .next(a)
            .and_then(|n| find_through(&mut text, n, true, usize::MAX).0);
    }
    assert_eq!(at, Some(near_end));
    let wrapped = text.wrapped.wrapped_bytes();
    assert!(wrapped < total / 10, "{wrapped} of {total} bytes wrapped");
}
