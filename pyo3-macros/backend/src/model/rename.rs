//! `rename_all = "..."`: the Python names of fields and enum variants in another case.

/// A renaming rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    /// `camelCase`
    CamelCase,
    /// `kebab-case`
    KebabCase,
    /// `lowercase`
    Lowercase,
    /// `PascalCase`
    PascalCase,
    /// `SCREAMING-KEBAB-CASE`
    ScreamingKebabCase,
    /// `SCREAMING_SNAKE_CASE`
    ScreamingSnakeCase,
    /// `snake_case`
    SnakeCase,
    /// `UPPERCASE`
    Uppercase,
}

/// The rules by the name written in `rename_all`, in the order messages list them.
pub const RULES: &[(&str, RenameRule)] = &[
    ("camelCase", RenameRule::CamelCase),
    ("kebab-case", RenameRule::KebabCase),
    ("lowercase", RenameRule::Lowercase),
    ("PascalCase", RenameRule::PascalCase),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebabCase),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnakeCase),
    ("snake_case", RenameRule::SnakeCase),
    ("UPPERCASE", RenameRule::Uppercase),
];

impl RenameRule {
    /// The rule named `name`.
    pub fn from_name(name: &str) -> Option<RenameRule> {
        RULES.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
    }

    /// `name` (a Rust field or variant name) under this rule.
    pub fn apply(self, name: &str) -> String {
        let words = split_words(name);
        let lower = |w: &String| w.to_lowercase();
        let upper = |w: &String| w.to_uppercase();
        let capital = |w: &String| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        };
        match self {
            RenameRule::CamelCase => words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == 0 { lower(w) } else { capital(w) })
                .collect(),
            RenameRule::PascalCase => words.iter().map(capital).collect(),
            RenameRule::KebabCase => words.iter().map(lower).collect::<Vec<_>>().join("-"),
            RenameRule::ScreamingKebabCase => words.iter().map(upper).collect::<Vec<_>>().join("-"),
            RenameRule::SnakeCase => words.iter().map(lower).collect::<Vec<_>>().join("_"),
            RenameRule::ScreamingSnakeCase => words.iter().map(upper).collect::<Vec<_>>().join("_"),
            RenameRule::Lowercase => words.iter().map(lower).collect(),
            RenameRule::Uppercase => words.iter().map(upper).collect(),
        }
    }
}

/// The words of a `snake_case` or `PascalCase` identifier.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (chars[i - 1].is_lowercase()
                || chars[i - 1].is_ascii_digit()
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_on_fields_and_variants() {
        let cases = [
            (
                "camelCase",
                "field_name",
                "fieldName",
                "VariantName",
                "variantName",
            ),
            (
                "kebab-case",
                "field_name",
                "field-name",
                "VariantName",
                "variant-name",
            ),
            (
                "lowercase",
                "field_name",
                "fieldname",
                "VariantName",
                "variantname",
            ),
            (
                "PascalCase",
                "field_name",
                "FieldName",
                "VariantName",
                "VariantName",
            ),
            (
                "SCREAMING-KEBAB-CASE",
                "field_name",
                "FIELD-NAME",
                "VariantName",
                "VARIANT-NAME",
            ),
            (
                "SCREAMING_SNAKE_CASE",
                "field_name",
                "FIELD_NAME",
                "VariantName",
                "VARIANT_NAME",
            ),
            (
                "snake_case",
                "field_name",
                "field_name",
                "VariantName",
                "variant_name",
            ),
            (
                "UPPERCASE",
                "field_name",
                "FIELDNAME",
                "VariantName",
                "VARIANTNAME",
            ),
        ];
        for (rule, field, field_out, variant, variant_out) in cases {
            let rule = RenameRule::from_name(rule).unwrap();
            assert_eq!(rule.apply(field), field_out, "{rule:?}");
            assert_eq!(rule.apply(variant), variant_out, "{rule:?}");
        }
        assert_eq!(RenameRule::CamelCase.apply("http_server2"), "httpServer2");
        assert_eq!(RenameRule::SnakeCase.apply("HTTPServer"), "http_server");
        assert!(RenameRule::from_name("Camel").is_none());
    }
}
