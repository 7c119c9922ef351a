//! What an article's URL says about where it came from.

use super::language;

/// The host of an `http(s)://` URL, lowercased, without user info or port.
pub(crate) fn host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit('@').next()?;
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host_port,
    };
    let host = host.trim_end_matches('.');
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// A source name from a host, used when the lede names none: the registrable part, without
/// a `www.`/`m.` prefix or a language subdomain, so that every edition of an outlet groups
/// together: `fr.sputniknews.com` -> `sputniknews.com`, `www.lemonde.fr` -> `lemonde.fr`.
pub(crate) fn source_from_host(host: &str) -> String {
    match host.split_once('.') {
        Some((first, rest))
            if rest.contains('.')
                && (matches!(first, "www" | "m" | "mobile" | "amp")
                    || language::from_host(host).is_some()) =>
        {
            rest.to_owned()
        }
        _ => host.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let seed = "https://fr.sputniknews.com/20220102/x.html";
        assert_eq!(host(seed).as_deref(), Some("fr.sputniknews.com"));
        assert_eq!(
            host("http://u:p@Example.ORG:8080?q").as_deref(),
            Some("example.org")
        );
        assert_eq!(host("https:///path"), None);
        assert_eq!(host("no scheme"), None);
    }

    #[test]
    fn sources_group_editions() {
        assert_eq!(source_from_host("fr.sputniknews.com"), "sputniknews.com");
        assert_eq!(source_from_host("www.lemonde.fr"), "lemonde.fr");
        assert_eq!(source_from_host("news.bbc.co.uk"), "news.bbc.co.uk");
        assert_eq!(source_from_host("rt.com"), "rt.com");
    }
}
