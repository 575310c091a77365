//! The language of the crate's prose: the meanings of codes and what to do about them.

use std::fmt;
use std::str::FromStr;

/// A language the crate writes its meanings in.
///
/// Every code's meaning, every category's and retry advice's "what to do", exists in both.
/// The machine-readable names (rule ids, categories, advice) never change with the language.
///
/// ```
/// use tencentcloud_envelope::{Lang, explain};
///
/// let lang: Lang = "zh".parse()?;
/// let answer = explain("InvalidDisk.Busy", None);
/// assert!(answer.description_in(lang).contains("云硬盘"));
/// assert!(answer.description_in(Lang::En).contains("disk"));
/// assert_eq!(Lang::from_locale(Some("zh_CN.UTF-8")), Lang::Zh);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in declaration order.
    pub const ALL: &'static [Lang] = &[Lang::En, Lang::Zh];

    /// The language's tag: `en` or `zh`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language a POSIX locale name asks for: Chinese for any locale that starts with
    /// `zh` (`zh_CN.UTF-8`, `zh_TW`), English for anything else or none.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale {
            Some(name) if name.get(..2).is_some_and(|l| l.eq_ignore_ascii_case("zh")) => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language of this process's locale: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty, read as [`from_locale`](Self::from_locale) does.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty());
        Lang::from_locale(locale.as_deref())
    }

    /// `en` or `zh` of a pair of texts.
    pub(crate) const fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Lang::ALL
            .iter()
            .copied()
            .find(|lang| lang.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownLang {
                input: text.to_owned(),
            })
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The error returned when a string is not the tag of a [`Lang`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not a language (expected en or zh)")]
pub struct UnknownLang {
    input: String,
}

impl UnknownLang {
    /// The string that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_starting_with_zh_are_chinese_and_all_others_english() {
        for (locale, lang) in [
            (Some("zh_CN.UTF-8"), Lang::Zh),
            (Some("zh"), Lang::Zh),
            (Some("ZH_tw"), Lang::Zh),
            (Some("en_US.UTF-8"), Lang::En),
            (Some("C"), Lang::En),
            (Some("z"), Lang::En),
            (Some(""), Lang::En),
            (None, Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale:?}");
        }
    }

    #[test]
    fn tags_parse_back() {
        for lang in Lang::ALL {
            assert_eq!(lang.as_str().parse::<Lang>(), Ok(*lang));
        }
        assert!("fr".parse::<Lang>().is_err());
    }
}
