//! Paragraphs and sub-headings recovered from the scraper's glue.
//!
//! The scraper joined the page's blocks without a separator, so a paragraph end shows up as a
//! sentence end directly followed by a capital (`vœux.Deuxième`), and a sub-heading as a short
//! unpunctuated run glued to the capitalised first word of the next paragraph
//! (`en un moisVladimir`).
//!
//! - `glue`: paragraph ends glued to a capital;
//! - `unspaced`: paragraph ends in scripts without capitals (Chinese, Japanese, Thai…);
//! - `heading`: sub-headings, standing alone or run into their paragraph, and the list
//!   items, results and table rows that look like them;
//! - `names`: the article's evidence that `HealthSouth` is a name and not a seam.
//!
//! Everything is a forward pass with bounded look-back, plus at most one count of the
//! article's capitalised words, so a 30 MB body costs about what reading it does.

mod glue;
mod heading;
mod names;
mod unspaced;

use crate::article::Paragraph;
use crate::sanitize::sanitize;

use names::Names;

/// Splits each line of the body into paragraphs and headings. Real line breaks are paragraph
/// breaks too. The lines come sanitised (the glue is looked for in what the reader will see),
/// and pieces of clean text are clean: they are not sanitised a second time. `elsewhere` is
/// the rest of the article (title, lede), read for how it writes names; `language` gives the
/// article's language, when known, and is asked only where a seam depends on it.
pub(super) fn paragraphs(
    lines: &[&str],
    elsewhere: &[&str],
    language: &dyn Fn() -> Option<&'static str>,
) -> Vec<Paragraph> {
    let pieces: Vec<&str> = lines
        .iter()
        .flat_map(|line| glue::split_glue(line))
        .flat_map(unspaced::split_sentences)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let names = Names::new(elsewhere.iter().chain(lines).copied().collect(), language);
    let seams: Vec<Option<heading::Seam>> =
        pieces.iter().map(|p| heading::run_in(p, &names)).collect();
    // A short line among short lines is an item of a list or a table, not a heading.
    let short = |j: usize| pieces.get(j).is_some_and(|p| heading::is_short_line(p));
    let mut out = Vec::with_capacity(pieces.len() + 4);
    for (i, &piece) in pieces.iter().enumerate() {
        let after_short = i > 0 && short(i - 1);
        let heading_next = seams.get(i + 1).is_some_and(Option::is_some) || short(i + 1);
        // The last line is a signature or a credit, and a heading has a paragraph after it.
        let paragraph_next = i + 1 < pieces.len() && !heading_next;
        if paragraph_next && !after_short && heading::is_standalone(piece) {
            out.push(Paragraph::Heading(clean(piece)));
            continue;
        }
        match seams.get(i).copied().flatten() {
            Some(seam) => {
                let (head, text) = piece.split_at(seam.at);
                let head = clean(head.trim_end());
                out.push(if seam.heading && !after_short {
                    Paragraph::Heading(head)
                } else {
                    Paragraph::Text(head)
                });
                out.push(Paragraph::Text(clean(text)));
            }
            None => out.push(Paragraph::Text(clean(piece))),
        }
    }
    out
}

fn clean(s: &str) -> String {
    debug_assert!(
        matches!(sanitize(s), std::borrow::Cow::Borrowed(_)),
        "body lines are sanitised before they are split: {s:?}"
    );
    s.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_line_breaks_are_paragraph_breaks_and_short_lines_headings() {
        let got = paragraphs(
            &[
                "Le port a rouvert vendredi.",
                "Ce que dit l'accord",
                "Les salaires augmentent.Les horaires aussi.",
                "Signature",
            ],
            &[],
            &|| Some("fr"),
        );
        assert_eq!(
            got,
            [
                Paragraph::Text("Le port a rouvert vendredi.".into()),
                Paragraph::Heading("Ce que dit l'accord".into()),
                Paragraph::Text("Les salaires augmentent.".into()),
                Paragraph::Text("Les horaires aussi.".into()),
                Paragraph::Text("Signature".into()),
            ]
        );
    }

    #[test]
    fn cjk_sentences_are_not_split() {
        let cjk = "北京举行会谈。第二次会谈将在上海举行！双方表示满意？是的。";
        assert_eq!(
            paragraphs(&[cjk], &[], &|| None),
            [Paragraph::Text(cjk.into())]
        );
    }
}
