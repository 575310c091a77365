//! The README and the guides are read in two places: as Markdown files (GitHub, a checkout) and as
//! rustdoc pages (the crate's front page and its `guide` modules, on docs.rs and from `cargo doc`).
//! Every link must lead somewhere in both, and every `cargo install` they show must keep to the lock
//! file. rustdoc reads a page as the files its doc attributes include, in order; this reads them
//! the same way, with the Markdown parser rustdoc uses.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Where docs.rs shows a file of the published package.
const DOCS_RS_SOURCE: &str = concat!(
    "https://docs.rs/crate/",
    env!("CARGO_PKG_NAME"),
    "/latest/source/"
);

fn read(path: &Path) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    fs::read_to_string(&full).unwrap_or_else(|error| panic!("{}: {error}", full.display()))
}

/// `path` with its `..` and `.` components folded away, relative to the repository.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A rustdoc page: its intra-doc path and the files its doc attributes include, in order.
struct Page {
    path: String,
    includes: Vec<PathBuf>,
}

impl Page {
    /// The file the page shows; the ones before it only add link reference definitions.
    fn file(&self) -> Option<&PathBuf> {
        self.includes.last()
    }

    /// The Markdown rustdoc renders: the included fragments joined by line breaks.
    fn markdown(&self) -> String {
        let fragments: Vec<String> = self.includes.iter().map(|file| read(file)).collect();
        fragments.join("\n")
    }
}

/// The guides: the Markdown files of `docs/` (beside them, `docs/images/` holds what they show).
fn guides() -> Vec<PathBuf> {
    fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"))
        .unwrap()
        .map(|entry| Path::new("docs").join(entry.unwrap().file_name()))
        .filter(|file| file.extension().is_some_and(|extension| extension == "md"))
        .collect()
}

/// The file a `#![doc = include_str!("…")]` or `#[doc = include_str!("…")]` line of `source`
/// includes, relative to the repository.
fn included(source: &Path, line: &str) -> Option<PathBuf> {
    let line = line.trim();
    let rest = line
        .strip_prefix("#![doc = include_str!(\"")
        .or_else(|| line.strip_prefix("#[doc = include_str!(\""))?;
    let file = rest.strip_suffix("\")]")?;
    Some(normalize(&source.parent()?.join(file)))
}

/// The crate's front page (src/lib.rs) and the guides (src/guide.rs).
fn pages() -> Vec<Page> {
    let lib = Path::new("src/lib.rs");
    let mut pages = vec![Page {
        path: "crate".to_owned(),
        includes: read(lib)
            .lines()
            .filter_map(|line| included(lib, line))
            .collect(),
    }];
    let guide = Path::new("src/guide.rs");
    let mut includes = Vec::new();
    for line in read(guide).lines() {
        if let Some(file) = included(guide, line) {
            includes.push(file);
        } else if let Some(module) = line.trim().strip_prefix("pub mod ") {
            let name = module.trim_end_matches(['{', '}', ';', ' ']);
            pages.push(Page {
                path: format!("crate::guide::{name}"),
                includes: std::mem::take(&mut includes),
            });
        }
    }
    pages
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The destinations of every link and image in `markdown`, in order.
fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// The anchors of `markdown`'s headings, as GitHub and rustdoc both derive them.
fn anchors(markdown: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(text) = heading.take() {
                    anchors.insert(
                        text.to_lowercase()
                            .chars()
                            .filter_map(|c| match c {
                                ' ' => Some('-'),
                                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                                _ => None,
                            })
                            .collect(),
                    );
                }
            }
            _ => {}
        }
    }
    anchors
}

/// Whether `file` lies in a package of its own below the root (as `python/` does), which
/// `cargo package` leaves out of this crate's package.
fn in_another_package(file: &Path) -> bool {
    file.ancestors()
        .skip(1)
        .filter(|dir| !dir.as_os_str().is_empty())
        .any(|dir| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(dir)
                .join("Cargo.toml")
                .exists()
        })
}

/// Why the link `markdown` of `file`, which rustdoc renders as `rustdoc`, leads nowhere in one of
/// the two places.
fn check(file: &Path, markdown: &str, rustdoc: &str, pages: &[Page]) -> Result<(), String> {
    if markdown.starts_with("https://") {
        return if rustdoc == markdown {
            Ok(())
        } else {
            Err("rustdoc leads elsewhere".to_owned())
        };
    }
    let (path, fragment) = markdown.split_once('#').unwrap_or((markdown, ""));
    let target = normalize(&file.parent().unwrap_or(Path::new("")).join(path));
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(&target);
    if !full.is_file() {
        return Err(format!("no file {}", target.display()));
    }
    if !fragment.is_empty() && !anchors(&read(&target)).contains(fragment) {
        return Err(format!("no heading #{fragment} in {}", target.display()));
    }
    if rustdoc.starts_with("crate") {
        let (item, section) = rustdoc.split_once('#').unwrap_or((rustdoc, ""));
        let Some(page) = pages.iter().find(|page| page.path == item) else {
            return Err(format!("rustdoc has no page {item}"));
        };
        if !section.is_empty() && !anchors(&page.markdown()).contains(section) {
            return Err(format!("no heading #{section} on {item}"));
        }
        if page.file() == Some(&target) {
            return if section == fragment {
                Ok(())
            } else {
                Err("the two lead to different sections".to_owned())
            };
        }
        if pages.iter().any(|page| page.file() == Some(&target)) {
            return Err(format!("{} is a rustdoc page of its own", target.display()));
        }
        // A file rustdoc does not show may lead to the section of a page that says where it is.
        return if section.is_empty() {
            Err(format!(
                "rustdoc shows neither {} nor a section about it",
                target.display()
            ))
        } else {
            Ok(())
        };
    }
    if let Some(source) = rustdoc.strip_prefix(DOCS_RS_SOURCE) {
        return if Path::new(source) != target {
            Err("docs.rs shows another file".to_owned())
        } else if in_another_package(&target) {
            Err("outside the crate's package, so not on docs.rs".to_owned())
        } else {
            Ok(())
        };
    }
    Err("rustdoc takes it relative to the HTML page, where there is no such file".to_owned())
}

#[test]
fn every_link_leads_somewhere_as_a_file_and_in_rustdoc() {
    let pages = pages();
    let mut broken = Vec::new();
    for page in &pages {
        let Some(file) = page.file() else { continue };
        let own = links(&read(file));
        let rendered = links(&page.markdown());
        if own.len() != rendered.len() {
            broken.push(format!(
                "{}: {} links as a file, {} in rustdoc",
                file.display(),
                own.len(),
                rendered.len()
            ));
            continue;
        }
        for (markdown, rustdoc) in own.iter().zip(&rendered) {
            if let Err(why) = check(file, markdown, rustdoc, &pages) {
                broken.push(format!(
                    "{}: ({markdown}), in rustdoc ({rustdoc}): {why}",
                    file.display()
                ));
            }
        }
    }
    let shown: BTreeSet<&PathBuf> = pages.iter().filter_map(Page::file).collect();
    assert!(
        shown.contains(&PathBuf::from("README.md")),
        "the front page is not the README"
    );
    for guide in guides() {
        if !shown.contains(&guide) {
            broken.push(format!("{}: no page of the guide module", guide.display()));
        }
    }
    assert!(
        broken.is_empty(),
        "links that lead nowhere:\n{}",
        broken.join("\n")
    );
}

/// Without `--locked`, `cargo install` resolves the dependencies afresh, ignoring the lock file, and
/// builds versions the tests never ran.
#[test]
fn every_cargo_install_shown_keeps_to_the_lock_file() {
    let mut files = vec![
        PathBuf::from("README.md"),
        PathBuf::from("python/README.md"),
        PathBuf::from("fuzz/run.sh"),
    ];
    files.extend(guides());
    let mut unlocked = Vec::new();
    for file in &files {
        for (number, line) in read(file).lines().enumerate() {
            for (at, _) in line.match_indices("cargo install") {
                let command = line[at..].split('`').next().unwrap_or_default();
                if !command.split_whitespace().any(|word| word == "--locked") {
                    unlocked.push(format!("{}:{}: {command}", file.display(), number + 1));
                }
            }
        }
    }
    assert!(
        unlocked.is_empty(),
        "without --locked:\n{}",
        unlocked.join("\n")
    );
}
