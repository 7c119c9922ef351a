use super::chars::{Class, class, is_common_letter, lowercase_common};
use super::*;

#[test]
fn folds_case_and_diacritics() {
    assert_eq!(terms("Erdoğan"), ["erdogan"]);
    assert_eq!(terms("sécurité OTAN"), ["securite", "otan"]);
    assert_eq!(terms("Straße Œuvre"), ["strasse", "oeuvre"]);
}

#[test]
fn decomposed_accents_fold_like_composed_ones() {
    assert_eq!(terms("se\u{301}curite\u{301}"), terms("sécurité"));
}

#[test]
fn lowercases_cyrillic_and_greek() {
    assert_eq!(terms("Путин ΑΘΗΝΑ"), ["путин", "αθηνα"]);
}

#[test]
fn greek_accents_and_final_sigma_fold() {
    assert_eq!(terms("Κέσσια"), terms("ΚΕΣΣΙΑ"));
    assert_eq!(terms("καταιγίδας"), ["καταιγιδασ"]);
    assert_eq!(terms("ΚΑΤΑΙΓΙΔΑΣ"), ["καταιγιδασ"]);
    assert_eq!(terms("ἀρχή"), ["αρχη"]);
    // Cyrillic letters keep their marks: й is not и.
    assert_eq!(terms("Йод"), ["йод"]);
}

#[test]
fn splits_on_punctuation_and_apostrophes() {
    assert_eq!(
        terms("l’Otan, 02.01.2022 (Russie-Otan)"),
        ["l", "otan", "02", "01", "2022", "russie", "otan"]
    );
}

#[test]
fn cjk_runs_become_overlapping_bigrams() {
    assert_eq!(terms("北京大学"), ["北京", "京大", "大学"]);
    assert_eq!(terms("東京"), ["東京"]);
    assert_eq!(terms("中"), ["中"]);
    assert_eq!(terms("在北京 News"), ["在北", "北京", "news"]);
}

#[test]
fn any_cjk_substring_is_a_run_of_indexed_bigrams() {
    let indexed = terms("中华人民共和国成立");
    for query in ["人民", "共和国", "华人民共"] {
        for term in terms(query) {
            assert!(indexed.contains(&term), "{term} of {query} not indexed");
        }
    }
}

#[test]
fn japanese_mixed_with_latin_words() {
    assert_eq!(
        terms("ソニーのPlayStation"),
        ["ソニ", "ニー", "ーの", "playstation"]
    );
}

#[test]
fn positions_and_offsets_follow_the_text() {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream("Un 北京");
    let mut seen = Vec::new();
    while let Some(t) = stream.next() {
        seen.push((t.position, t.offset_from, t.offset_to));
    }
    assert_eq!(seen, [(0, 0, 2), (1, 3, 9)]);
}

#[test]
fn common_letter_ranges_agree_with_unicode() {
    for c in (0x80..0x0530).filter_map(char::from_u32) {
        if is_common_letter(c) {
            assert!(
                c.is_alphanumeric(),
                "{c:?} ({:04X}) is not a letter",
                c as u32
            );
        }
    }
    assert_eq!(class('×'), Class::Other);
    assert_eq!(class('҂'), Class::Other);
    assert_eq!(class('\u{301}'), Class::Mark);
}

#[test]
fn quick_lowercase_agrees_with_unicode() {
    for c in (0..0x0530).filter_map(char::from_u32) {
        if let Some(lower) = lowercase_common(c) {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                lower.to_string(),
                "{c:?}"
            );
        }
    }
}

#[test]
fn lowercases_every_script_without_a_final_sigma() {
    assert_eq!(terms("ΟΔΥΣΣΕΥΣ ǅemal"), ["οδυσσευσ", "dzemal"]);
    assert_eq!(terms("ÀÉÎÕÜ"), ["aeiou"]);
}

#[test]
fn an_overlong_word_keeps_its_position() {
    let blob = "b".repeat(80);
    let mut analyzer = analyzer();
    let text = format!("un {blob} deux");
    let mut stream = analyzer.token_stream(&text);
    let mut seen = Vec::new();
    while let Some(t) = stream.next() {
        seen.push((t.text.clone(), t.position));
    }
    assert_eq!(seen, [("un".to_string(), 0), ("deux".to_string(), 2)]);
}

fn positions(text: &str) -> Vec<(String, usize)> {
    let mut analyzer = analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut seen = Vec::new();
    while let Some(t) = stream.next() {
        seen.push((t.text.clone(), t.position));
    }
    seen
}

#[test]
fn a_tagged_body_drops_its_languages_stop_words_and_keeps_their_places() {
    let french = tagged_body("fr", ["Le prix de l’énergie", "Die Welt"].into_iter());
    let kept: Vec<(String, usize)> = [("prix", 1), ("energie", 4), ("die", 5), ("welt", 6)]
        .iter()
        .map(|(t, p)| (t.to_string(), *p))
        .collect();
    assert_eq!(positions(&french), kept);
    let german = tagged_body("de", ["Die Welt"].into_iter());
    assert_eq!(positions(&german), [("welt".to_string(), 1)]);
}

#[test]
fn untagged_text_and_unknown_languages_keep_every_word() {
    assert_eq!(terms("the harbour"), ["the", "harbour"]);
    let unknown = tagged_body("xx", ["the harbour"].into_iter());
    assert_eq!(terms(&unknown), ["the", "harbour"]);
    let chinese = tagged_body("zh", ["北京的 the"].into_iter());
    assert_eq!(terms(&chinese), ["北京", "京的", "the"]);
}

#[test]
fn drops_overlong_tokens() {
    let blob = "a".repeat(200);
    assert_eq!(terms(&format!("x {blob} y")), ["x", "y"]);
}

#[test]
fn starts_are_the_first_one_and_two_characters_of_longer_words_once_each() {
    // `of` is a whole word: its own term lists it, so only its one-letter start is a start.
    assert_eq!(
        starts("Price of oil, prices rise"),
        ["p", "pr", "o", "oi", "r", "ri"]
    );
    assert_eq!(
        starts("Erdoğan Élysée"),
        ["e", "er", "el"],
        "folded as words are"
    );
    assert_eq!(starts("a I"), Vec::<String>::new(), "one-letter words");
    assert_eq!(starts("Путин"), ["п", "пу"]);
}

#[test]
fn starts_of_chinese_bigrams_are_their_first_characters() {
    // 北京 京大 大学: each bigram is its own two-character start.
    assert_eq!(starts("北京大学"), ["北", "京", "大"]);
    assert_eq!(starts("中"), Vec::<String>::new());
}

#[test]
fn starts_leave_out_what_the_words_leave_out() {
    let english = tagged_body("en", ["The theory of the state"].into_iter());
    assert_eq!(terms(&english), ["theory", "state"]);
    assert_eq!(starts(&english), ["t", "th", "s", "st"]);
    let without_theory = tagged_body("en", ["The state"].into_iter());
    assert!(!starts(&without_theory).contains(&"th".to_string()));
    let blob = "b".repeat(200);
    assert_eq!(starts(&format!("x {blob}")), Vec::<String>::new());
}

#[test]
fn every_word_start_of_two_characters_or_less_is_a_start_or_the_word() {
    let text = "Ölpreis steigt: 石油価格 les prix à Genève, υπουργός 7 km 2026";
    let (words, starts) = (terms(text), starts(text));
    for word in &words {
        for n in 1..=2 {
            let start: String = word.chars().take(n).collect();
            assert!(is_indexed_start(&start));
            assert!(
                starts.contains(&start) || words.contains(&start),
                "{start} of {word}"
            );
        }
    }
    assert!(!is_indexed_start("pri") && !is_indexed_start(""));
}
