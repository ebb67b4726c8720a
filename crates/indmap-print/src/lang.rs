//! The language a printout is written in.

use indmap_core::Label;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "PrintLang"))]
#[serde(rename_all = "lowercase")]
#[serde(try_from = "String")]
pub enum Lang {
    Kk,
    #[default]
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim() {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// The label's text in this language.
    pub fn pick(self, label: &Label) -> String {
        self.of(&label.kk, &label.ru, &label.en).to_string()
    }

    pub fn of<'a>(self, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// A request's `lang`, refused with a message that names the field.
impl TryFrom<String> for Lang {
    type Error = String;

    fn try_from(code: String) -> Result<Lang, String> {
        Lang::parse(&code).ok_or_else(|| format!("lang must be kk, ru or en; got {code:?}"))
    }
}
