use super::*;
use crate::parse::fixtures::{bytes, fixture};
#[test]
fn probe() {
    for name in ["truncated-feed.rss", "hostile-feed.rss"] {
        let r = feed::read(&fixture(name), &bytes(name));
        eprintln!("== {name}: {r:#?}");
    }
    let direct = b"<rss version=\"2.0\"><channel><title>T&#27;[2J</title><item><title>A &#27;[31m &#x9b;1m B</title><description>x &#1; y</description></item></channel></rss>";
    eprintln!("== direct: {:#?}", feed::read(Path::new("d.rss"), direct));
    let atom_lang = b"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\"><title>T</title><entry><title>Hallo</title><id>x</id><content>Kurz</content></entry></feed>";
    eprintln!("== atom: {:#?}", feed::read(Path::new("a.atom"), atom_lang).map(|v| v.into_iter().map(|a| a.map(|a| a.language)).collect::<Vec<_>>()));
}
