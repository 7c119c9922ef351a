//! The language the chrome writes dates in: the user's, not each article's. It comes from
//! `locale` in config.toml, else from the environment the way POSIX programs read it for
//! dates (`LC_ALL`, then `LC_TIME`, then `LANG`), else English.

/// The language of dates for a locale name such as `fr_FR.UTF-8`, `de_DE@euro` or `es`;
/// `None` for the C and POSIX locales and for names that are not a locale.
pub fn language_of(locale: &str) -> Option<String> {
    let language: String = locale
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_code =
        (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_lowercase());
    (is_code && language != "c").then_some(language)
}

/// The language of dates from the environment, read with `var`: the first of `LC_ALL`,
/// `LC_TIME` and `LANG` that is set and not empty decides, as in `setlocale`.
pub fn from_env(var: impl Fn(&str) -> Option<String>) -> String {
    ["LC_ALL", "LC_TIME", "LANG"]
        .into_iter()
        .filter_map(|name| var(name).filter(|v| !v.is_empty()))
        .next()
        .and_then(|locale| language_of(&locale))
        .unwrap_or_else(|| "en".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_their_language() {
        assert_eq!(language_of("fr_FR.UTF-8").as_deref(), Some("fr"));
        assert_eq!(language_of("de_DE@euro").as_deref(), Some("de"));
        assert_eq!(language_of("es").as_deref(), Some("es"));
        assert_eq!(language_of("en-GB").as_deref(), Some("en"));
        assert_eq!(language_of("C.UTF-8"), None);
        assert_eq!(language_of("POSIX"), None);
        assert_eq!(language_of(""), None);
    }

    #[test]
    fn lc_all_overrides_lc_time_which_overrides_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_env(env(&[("LANG", "de_DE.UTF-8")])), "de");
        assert_eq!(
            from_env(env(&[("LANG", "de_DE.UTF-8"), ("LC_TIME", "fr_FR.UTF-8")])),
            "fr"
        );
        assert_eq!(
            from_env(env(&[("LC_ALL", "es_ES"), ("LC_TIME", "fr_FR")])),
            "es"
        );
        assert_eq!(from_env(env(&[("LC_ALL", ""), ("LANG", "fr_FR")])), "fr");
        assert_eq!(from_env(env(&[("LANG", "C.UTF-8")])), "en");
        assert_eq!(from_env(env(&[])), "en");
    }
}
