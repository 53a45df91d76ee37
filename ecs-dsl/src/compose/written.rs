//! `Written<T>`: a value built together with the Rust expression that builds it.
//!
//! The import decides each compose key once, by writing one builder call: `call` applies it to
//! the value (the direct import) and records its source text (the eject). The two cannot drift
//! apart, because there is no second place that maps the key.

use std::collections::BTreeSet;

/// A value and the Rust expression that builds it, with the paths that expression `use`s.
#[derive(Clone, Debug)]
pub struct Written<T> {
    value: T,
    head: String,
    calls: Vec<String>,
    uses: BTreeSet<String>,
}

impl<T> Written<T> {
    /// `value`, built by the expression `head` (a constructor call or a variable).
    pub fn new(value: T, head: impl Into<String>) -> Self {
        Written {
            value,
            head: head.into(),
            calls: Vec::new(),
            uses: BTreeSet::new(),
        }
    }

    /// Records that the expression names `path` (`ecs_dsl::ecs::Container`, or
    /// `module::Item as Alias`), for the program's `use` lines.
    #[must_use]
    pub fn uses(mut self, path: impl Into<String>) -> Self {
        self.uses.insert(path.into());
        self
    }

    /// One method call: `rust` (`.cpu_units(256)`) is printed, `apply` is done.
    #[must_use]
    pub fn call(mut self, rust: impl Into<String>, apply: impl FnOnce(T) -> T) -> Self {
        self.value = apply(self.value);
        self.calls.push(rust.into());
        self
    }

    /// A call of `method` with a written argument: `.method(<arg>)`, with the argument's `use`s.
    #[must_use]
    pub fn call_with<U>(
        self,
        method: &str,
        arg: Written<U>,
        apply: impl FnOnce(T, U) -> T,
    ) -> Self {
        let (value, rust, uses) = arg.into_parts();
        let mut out = self.call(format!(".{method}({rust})"), |t| apply(t, value));
        out.uses.extend(uses);
        out
    }

    /// The expression on one line.
    pub fn inline(&self) -> String {
        let mut out = self.head.clone();
        for call in &self.calls {
            out.push_str(call);
        }
        out
    }

    /// The expression with each call on a line of its own, indented by `indent` spaces.
    pub fn block(&self, indent: usize) -> String {
        let pad = " ".repeat(indent);
        let mut out = self.head.clone();
        for call in &self.calls {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(call);
        }
        out
    }

    /// The method calls made so far, as printed (`.cpu_units(256)`).
    pub fn calls(&self) -> &[String] {
        &self.calls
    }

    /// The value built.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The paths the expression names.
    pub fn used(&self) -> &BTreeSet<String> {
        &self.uses
    }

    /// The value, the one-line expression and its `use`s.
    pub fn into_parts(self) -> (T, String, BTreeSet<String>) {
        let rust = self.inline();
        (self.value, rust, self.uses)
    }

    /// The value, dropping its source.
    pub fn into_value(self) -> T {
        self.value
    }

    /// The same expression seen as another value (`Volume::from(…)` printed as its argument
    /// is not wanted; this keeps the text and converts the value).
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Written<U> {
        Written {
            value: f(self.value),
            head: self.head,
            calls: self.calls,
            uses: self.uses,
        }
    }

    /// Wraps the whole expression: `format` gets it on one line and returns the new text.
    pub fn wrap<U>(
        self,
        format: impl FnOnce(&str) -> String,
        f: impl FnOnce(T) -> U,
    ) -> Written<U> {
        let text = format(&self.inline());
        Written {
            value: f(self.value),
            head: text,
            calls: Vec::new(),
            uses: self.uses,
        }
    }
}

impl<T> Written<Vec<T>> {
    /// `vec![a, b, …]` of written items.
    pub fn list(items: impl IntoIterator<Item = Written<T>>) -> Self {
        let mut values = Vec::new();
        let mut texts = Vec::new();
        let mut uses = BTreeSet::new();
        for item in items {
            let (value, text, used) = item.into_parts();
            values.push(value);
            texts.push(text);
            uses.extend(used);
        }
        Written {
            value: values,
            head: format!("vec![{}]", texts.join(", ")),
            calls: Vec::new(),
            uses,
        }
    }
}

/// A Rust string literal.
pub(crate) fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A list of strings: an array literal, or a typed empty `Vec` (an empty array has no type).
pub(crate) fn strings(items: &[String]) -> String {
    if items.is_empty() {
        return "Vec::<&str>::new()".to_string();
    }
    format!(
        "[{}]",
        items.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
    )
}

/// `[("key", "value"), …]`.
pub(crate) fn pairs(map: &std::collections::BTreeMap<String, String>) -> String {
    format!(
        "[{}]",
        map.iter()
            .map(|(k, v)| format!("({}, {})", lit(k), lit(v)))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// An unsigned integer literal; past `i32` it needs a suffix, as an untyped literal is `i32`.
pub(crate) fn int(n: u64) -> String {
    if n > i32::MAX as u64 {
        format!("{}_i64", i64::try_from(n).unwrap_or(i64::MAX))
    } else {
        n.to_string()
    }
}

/// A signed integer literal, suffixed past `i32`.
pub(crate) fn signed(n: i64) -> String {
    if i32::try_from(n).is_ok() {
        n.to_string()
    } else {
        format!("{n}_i64")
    }
}

/// A count as the `i64` CloudFormation integers are (counts past `i64::MAX` do not occur).
pub(crate) fn saturate(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_is_applied_and_printed() {
        let w = Written::new(1, "One::new()")
            .uses("x::One")
            .call(".double()", |n| n * 2)
            .call(".plus(3)", |n| n + 3);
        assert_eq!(*w.value(), 5);
        assert_eq!(w.inline(), "One::new().double().plus(3)");
        assert_eq!(w.block(4), "One::new()\n    .double()\n    .plus(3)");
        let list = Written::list([w.clone(), Written::new(7, "seven()")]);
        assert_eq!(list.inline(), "vec![One::new().double().plus(3), seven()]");
        assert_eq!(list.used().len(), 1);
    }

    #[test]
    fn literals() {
        assert_eq!(lit("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(strings(&[]), "Vec::<&str>::new()");
        assert_eq!(
            (int(5), int(1 << 40)),
            ("5".to_string(), "1099511627776_i64".to_string())
        );
        assert_eq!(
            (signed(-1), signed(-(1 << 40))),
            ("-1".to_string(), "-1099511627776_i64".to_string())
        );
    }
}
