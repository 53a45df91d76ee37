//! A JSON reader that knows where every key is, so a duplicate key can be refused with both
//! places. Strings and numbers are decoded by `serde_json` once their extent is found.

use serde_json::{Map, Value as Json};

use super::{MAX_DEPTH, Position, TextError, insert_unique};

/// Reads one JSON document.
pub(super) fn parse(text: &str) -> Result<Json, TextError> {
    let mut p = Reader {
        text,
        at: 0,
        line: 1,
        line_start: 0,
    };
    let value = p.value(0)?;
    p.skip_space();
    if p.at < text.len() {
        return Err(p.error("unexpected text after the end of the document"));
    }
    Ok(value)
}

struct Reader<'t> {
    text: &'t str,
    at: usize,
    line: usize,
    line_start: usize,
}

impl Reader<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.text[self.line_start..self.at].chars().count() + 1,
        }
    }

    fn error(&self, message: &str) -> TextError {
        TextError::new(Some(self.position()), format!("invalid JSON: {message}"))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                b' ' | b'\t' | b'\r' => self.at += 1,
                _ => break,
            }
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), TextError> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected {what}")))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, TextError> {
        self.skip_space();
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err(TextError::new(
                Some(self.position()),
                format!("the document is nested deeper than {MAX_DEPTH} levels"),
            )),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                for (word, value) in [
                    ("true", Json::Bool(true)),
                    ("false", Json::Bool(false)),
                    ("null", Json::Null),
                ] {
                    if self.text[self.at..].starts_with(word) {
                        self.at += word.len();
                        return Ok(value);
                    }
                }
                Err(self.error("expected a value"))
            }
            None => Err(self.error("the document ends where a value was expected")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, TextError> {
        self.at += 1;
        let mut map = Map::new();
        let mut places = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(map));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a key in double quotes"));
            }
            let at = self.position();
            let key = self.string()?;
            self.expect(b':', "`:` after a key")?;
            let value = self.value(depth + 1)?;
            insert_unique(&mut map, &mut places, key, at, value)?;
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(map));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, TextError> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    /// A string literal: finds its closing quote, then lets `serde_json` decode the escapes.
    fn string(&mut self) -> Result<String, TextError> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut i = start + 1;
        while i < bytes.len() && bytes[i] != b'"' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        if i >= bytes.len() {
            return Err(self.error("a string is never closed with `\"`"));
        }
        let literal = &self.text[start..=i];
        let decoded = serde_json::from_str::<String>(literal).map_err(|e| {
            let mut at = self.position();
            at.column += e.column().saturating_sub(1);
            TextError::new(Some(at), format!("invalid JSON string: {e}"))
        })?;
        self.at = i + 1;
        Ok(decoded)
    }

    fn number(&mut self) -> Result<Json, TextError> {
        let start = self.at;
        while matches!(
            self.peek(),
            Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        ) {
            self.at += 1;
        }
        serde_json::from_str::<serde_json::Number>(&self.text[start..self.at])
            .map(Json::Number)
            .map_err(|_| {
                self.at = start;
                self.error("not a number")
            })
    }
}
