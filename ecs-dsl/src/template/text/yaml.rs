//! The YAML reader: parser events built into a JSON value, with CloudFormation's short tags
//! (`!Ref x` → `{"Ref": "x"}`, `!Sub s` → `{"Fn::Sub": "s"}`, …) and YAML 1.1 scalars as
//! CloudFormation reads them. Aliases, merge keys and further documents are refused: CloudFormation
//! does not support them, and refusing aliases means no input can expand beyond its size.

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value as Json};

use super::{MAX_DEPTH, Position, TextError, insert_unique};

/// Reads one YAML document.
pub(super) fn parse(text: &str) -> Result<Json, TextError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            TextError::new(
                Some(Position {
                    line: m.line(),
                    column: m.col() + 1,
                }),
                format!("invalid YAML: {e}"),
            )
        })?;
        builder.event(event, span)?;
    }
    Ok(builder.root.unwrap_or(Json::Null))
}

/// A collection being built, with the tag it carried.
enum Frame {
    List(Vec<Json>, Option<String>),
    Map {
        map: Map<String, Json>,
        places: Vec<(String, Position)>,
        key: Option<(String, Position)>,
        tag: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Json>,
    documents: usize,
}

fn at(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

impl Builder {
    /// Takes one event.
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), TextError> {
        let here = at(&span);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(TextError::new(
                        Some(here),
                        "a template is one YAML document; remove the second `---` and what follows",
                    ));
                }
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => {
                return Err(TextError::new(
                    Some(here),
                    "CloudFormation does not support YAML aliases (`*name`); write the value out",
                ));
            }
            Event::Scalar(text, style, _, tag) => {
                let tag = tag_name(tag.as_deref(), here)?;
                let value = scalar(&text, style, tag.as_deref(), here)?;
                let key_text = text.into_owned();
                self.complete(value, Some(key_text), here)?;
            }
            Event::SequenceStart(_, _, tag) => {
                let tag = tag_name(tag.as_deref(), here)?;
                self.open(Frame::List(Vec::new(), tag), here)?;
            }
            Event::MappingStart(_, _, tag) => {
                let tag = tag_name(tag.as_deref(), here)?;
                let frame = Frame::Map {
                    map: Map::new(),
                    places: Vec::new(),
                    key: None,
                    tag,
                };
                self.open(frame, here)?;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let value = match self.stack.pop() {
                    Some(Frame::List(items, tag)) => tagged(Json::Array(items), tag),
                    Some(Frame::Map { map, tag, .. }) => tagged(Json::Object(map), tag),
                    None => return Ok(()),
                };
                self.complete(value, None, here)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, here: Position) -> Result<(), TextError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(TextError::new(
                Some(here),
                format!("the document is nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        if let Some(Frame::Map { key: None, .. }) = self.stack.last() {
            return Err(TextError::new(
                Some(here),
                "a key must be a plain value, not a list or a map",
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    /// Places a finished value: as a list item, a map key, a map value or the document.
    fn complete(
        &mut self,
        value: Json,
        key_text: Option<String>,
        here: Position,
    ) -> Result<(), TextError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::List(items, _)) => items.push(value),
            Some(Frame::Map {
                map, places, key, ..
            }) => match key.take() {
                None => {
                    let Some(text) = key_text.filter(|_| !matches!(value, Json::Object(_))) else {
                        return Err(TextError::new(
                            Some(here),
                            "a key must be a plain value, not a tagged value",
                        ));
                    };
                    if text == "<<" {
                        return Err(TextError::new(
                            Some(here),
                            "CloudFormation does not support YAML merge keys (`<<`); write the keys out",
                        ));
                    }
                    *key = Some((text, here));
                }
                Some((k, key_at)) => insert_unique(map, places, k, key_at, value)?,
            },
        }
        Ok(())
    }
}

/// A local tag's name (`!Ref` → `Ref`); core tags (`!!str`) as `!!str`; others refused.
fn tag_name(tag: Option<&Tag>, here: Position) -> Result<Option<String>, TextError> {
    let Some(tag) = tag else { return Ok(None) };
    if tag.handle() == "!" {
        return Ok(Some(tag.suffix().to_owned()));
    }
    if let Some(core) = tag.core_suffix()
        && ["str", "int", "float", "bool", "null", "map", "seq"].contains(&core)
    {
        return Ok(Some(format!("!!{core}")));
    }
    Err(TextError::new(
        Some(here),
        format!(
            "the tag `{}` is not one CloudFormation reads; use the short form of an intrinsic such as `!Ref` or `!Sub`",
            tag.original()
        ),
    ))
}

/// Wraps a value in the intrinsic its short tag names.
fn tagged(value: Json, tag: Option<String>) -> Json {
    let Some(name) = tag.filter(|t| !t.starts_with("!!")) else {
        return value;
    };
    let key = match name.as_str() {
        "Ref" | "Condition" => name,
        _ => format!("Fn::{name}"),
    };
    let mut map = Map::new();
    map.insert(key, value);
    Json::Object(map)
}

/// A scalar: quoted and block scalars and short-tagged ones are strings; plain ones are resolved
/// as YAML 1.1 does (null, booleans, integers, floats).
fn scalar(
    text: &str,
    style: ScalarStyle,
    tag: Option<&str>,
    here: Position,
) -> Result<Json, TextError> {
    let value = match (tag, style) {
        (Some("!!str"), _) => Json::String(text.to_owned()),
        (Some(t), _) if !t.starts_with("!!") => Json::String(text.to_owned()),
        (None, ScalarStyle::Plain) | (Some(_), _) => plain(text, here)?,
        (None, _) => Json::String(text.to_owned()),
    };
    Ok(tagged(value, tag.map(str::to_owned)))
}

fn plain(text: &str, here: Position) -> Result<Json, TextError> {
    Ok(match text {
        "" | "~" | "null" | "Null" | "NULL" => Json::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" => {
            Json::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" => {
            Json::Bool(false)
        }
        _ if is_number(text) => {
            let plain = text.strip_prefix('+').unwrap_or(text);
            match serde_json::from_str::<Number>(plain) {
                Ok(n) => Json::Number(n),
                Err(_) => Json::String(text.to_owned()),
            }
        }
        _ if is_special_float(text) => {
            return Err(TextError::new(
                Some(here),
                format!(
                    "`{text}` is not a number CloudFormation can hold; quote it to keep it as text"
                ),
            ));
        }
        _ => Json::String(text.to_owned()),
    })
}

/// Decimal integers and floats in the form JSON also writes.
fn is_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let int_ok = digits(int) && (int == "0" || !int.starts_with('0'));
    let frac_ok = frac.is_none_or(digits);
    let exp_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    int_ok && frac_ok && exp_ok
}

fn is_special_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    matches!(t, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN")
}
