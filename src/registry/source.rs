//! Where a function's definition comes from: the source articles, cited by their own
//! titles (in their own language, as a reader would search for them), and a note on
//! what the row takes from them and from elsewhere.

use serde::Serialize;

/// One source article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The article's own title, in its language.
    pub title: &'static str,
    /// The language it is written in (BCP 47: `zh-Hans`, `zh-Hant`, `nb`, `en`).
    pub lang: &'static str,
}

impl Article {
    /// The article's language in English words, for the English docs.
    pub fn language_name(&self) -> &'static str {
        match self.lang {
            "zh-Hans" => "Simplified Chinese",
            "zh-Hant" => "Traditional Chinese",
            "nb" => "Norwegian",
            _ => "English",
        }
    }
}

/// A function's sources: the articles it follows, and (English, translated in the message
/// catalogue) what it takes from them and which convention fills what they leave open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The articles, at least one.
    pub articles: &'static [Article],
    /// What the row takes from them and from elsewhere; empty when the article is all.
    pub note: &'static str,
}

impl Source {
    /// The citation in English: `“您應該跟踪的營銷 KPI” (Traditional Chinese) — note`.
    pub fn english(&self) -> String {
        let titles: Vec<String> =
            self.articles.iter().map(|a| format!("“{}” ({})", a.title, a.language_name())).collect();
        let titles = titles.join("; ");
        if self.note.is_empty() {
            titles
        } else {
            format!("{titles} — {}", self.note)
        }
    }
}
