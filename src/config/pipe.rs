//! The pipe: a command of the user's that folio runs on an article (`[pipe]` in the config
//! file), its arguments filled in from the article. It runs without a shell: each word is one
//! argument, whatever the article's title holds; a user who wants a shell writes
//! `["sh", "-c", "...", "sh", "{url}"]` and the filled values are its `$1`...

use serde::Deserialize;

/// The words a command may hold in braces, replaced by the article's own.
pub const PLACEHOLDERS: [&str; 6] = ["url", "title", "date", "path", "source", "id"];

/// Seconds a command may run before it is stopped.
const DEFAULT_TIMEOUT: u64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pipe {
    /// The program and its arguments; empty when none is set.
    pub command: Vec<String>,
    pub timeout_seconds: u64,
}

impl Default for Pipe {
    fn default() -> Self {
        Pipe {
            command: Vec::new(),
            timeout_seconds: DEFAULT_TIMEOUT,
        }
    }
}

/// What fills the placeholders, for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    pub url: String,
    pub title: String,
    pub date: String,
    pub path: String,
    pub source: String,
    pub id: String,
}

impl Pipe {
    /// Checks a user's `[pipe]`: a program, known placeholders, a timeout.
    pub fn check(&self) -> Result<(), String> {
        if self.command.first().is_none_or(|p| p.trim().is_empty()) {
            return Err("pipe.command must name a program, e.g. [\"xdg-open\", \"{url}\"]".into());
        }
        if self.timeout_seconds == 0 {
            return Err("pipe.timeout_seconds must be at least 1".into());
        }
        for word in &self.command {
            for name in placeholders(word) {
                if !PLACEHOLDERS.contains(&name) {
                    return Err(format!(
                        "pipe.command has {{{name}}}, which folio does not fill; it fills {}",
                        PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ")
                    ));
                }
            }
        }
        Ok(())
    }

    /// The command's words with the placeholders filled: one argument per word, never split
    /// or re-read, so a title with spaces, quotes or `$(...)` is just text.
    pub fn argv(&self, values: &Values) -> Vec<String> {
        self.command.iter().map(|w| fill(w, values)).collect()
    }

    /// The program's name, for messages.
    pub fn program(&self) -> &str {
        self.command.first().map_or("", String::as_str)
    }
}

/// The names between braces in `word` (`{url}` gives "url"); a brace without its pair is text.
fn placeholders(word: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

fn fill(word: &str, v: &Values) -> String {
    let mut out = word.to_string();
    for (name, value) in [
        ("url", &v.url),
        ("title", &v.title),
        ("date", &v.date),
        ("path", &v.path),
        ("source", &v.source),
        ("id", &v.id),
    ] {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipe(words: &[&str]) -> Pipe {
        Pipe {
            command: words.iter().map(|w| w.to_string()).collect(),
            ..Pipe::default()
        }
    }

    #[test]
    fn each_word_is_one_argument_whatever_the_values_hold() {
        let values = Values {
            url: "https://x.example/a?b=1&c=2".into(),
            title: "Title; rm -rf ~ $(touch pwned) \"quoted\"".into(),
            date: "2022-01-02".into(),
            ..Values::default()
        };
        let argv = pipe(&["notify", "--title={title}", "{date}: {url}", "{literal"]).argv(&values);
        assert_eq!(
            argv,
            [
                "notify",
                "--title=Title; rm -rf ~ $(touch pwned) \"quoted\"",
                "2022-01-02: https://x.example/a?b=1&c=2",
                "{literal",
            ]
        );
    }

    #[test]
    fn unknown_placeholders_and_empty_commands_are_refused() {
        assert!(pipe(&["xdg-open", "{url}"]).check().is_ok());
        let err = pipe(&["echo", "{author}"]).check().unwrap_err();
        assert!(err.contains("{author}") && err.contains("{url}"), "{err}");
        assert!(pipe(&[]).check().is_err());
        assert!(pipe(&[" "]).check().is_err());
    }
}
