//! The small text formats inside compose values: durations (`1m30s`), byte sizes (`512m`),
//! shell-like command lines, and port ranges (`8000-8010`).

/// Seconds in a Go-style duration such as `1m30s`, `500ms` or `2h`; a bare number is seconds.
pub(crate) fn duration_seconds(text: &str) -> Option<f64> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        return (seconds.is_finite() && seconds >= 0.0).then_some(seconds);
    }
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 1e-3,
            "us" | "µs" => 1e-6,
            "ns" => 1e-9,
            _ => return None,
        };
        total += number * factor;
        rest = &rest[unit_len..];
    }
    (!text.is_empty() && total.is_finite()).then_some(total)
}

/// Bytes in a size such as `512m`, `1.5g`, `256MiB` or `1048576` (binary multiples, as docker).
pub(crate) fn byte_size(text: &str) -> Option<u64> {
    let lower = text.trim().to_ascii_lowercase();
    let split = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let number: f64 = lower[..split].parse().ok()?;
    let unit = lower[split..].trim_start();
    let unit = unit.strip_suffix('b').unwrap_or(unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let power = match unit {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    let bytes = number * 1024f64.powi(power);
    // Sizes beyond 2^63 bytes are nonsense here; refusing them keeps the cast exact.
    (bytes.is_finite() && bytes < 9.2e18).then(|| bytes.ceil() as u64)
}

/// A command line split into words as a POSIX shell would, without expansions.
pub(crate) fn shell_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(ch) => word.push(ch),
                        None => return Err(format!("unclosed `'` in `{text}`")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(ch @ ('"' | '\\' | '$' | '`')) => word.push(ch),
                            Some(ch) => {
                                word.push('\\');
                                word.push(ch);
                            }
                            None => return Err(format!("unclosed `\"` in `{text}`")),
                        },
                        Some(ch) => word.push(ch),
                        None => return Err(format!("unclosed `\"` in `{text}`")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(ch) = chars.next() {
                    word.push(ch);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// A port or a port range: `8000` or `8000-8010`.
pub(crate) fn port_range(text: &str) -> Option<(u16, u16)> {
    let port = |s: &str| s.trim().parse::<u16>().ok();
    match text.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (port(a)?, port(b)?);
            (a <= b).then_some((a, b))
        }
        None => port(text).map(|p| (p, p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_seconds("3s"), Some(3.0));
        assert_eq!(duration_seconds("1m30s"), Some(90.0));
        assert_eq!(duration_seconds("1h"), Some(3600.0));
        assert_eq!(duration_seconds("1.5s"), Some(1.5));
        assert_eq!(duration_seconds("500ms"), Some(0.5));
        assert_eq!(duration_seconds("10"), Some(10.0));
        for bad in ["", "s", "3x", "-1", "1m-2s", "1..2s"] {
            assert_eq!(duration_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn sizes() {
        assert_eq!(byte_size("512m"), Some(512 << 20));
        assert_eq!(byte_size("1g"), Some(1 << 30));
        assert_eq!(byte_size("256MiB"), Some(256 << 20));
        assert_eq!(byte_size("1.5G"), Some(3 << 29));
        assert_eq!(byte_size("100"), Some(100));
        assert_eq!(byte_size("64 kb"), Some(64 << 10));
        for bad in ["", "m", "12x", "1e400"] {
            assert_eq!(byte_size(bad), None, "{bad}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(
            shell_words("python3 manage.py  migrate").unwrap(),
            ["python3", "manage.py", "migrate"]
        );
        assert_eq!(
            shell_words(r#"sh -c 'echo "hi there"' a\ b "x\"y""#).unwrap(),
            ["sh", "-c", "echo \"hi there\"", "a b", "x\"y"]
        );
        assert_eq!(shell_words("''").unwrap(), [""]);
        assert!(shell_words("echo 'oops").is_err());
    }

    #[test]
    fn ranges() {
        assert_eq!(port_range("80"), Some((80, 80)));
        assert_eq!(port_range("8000-8002"), Some((8000, 8002)));
        assert_eq!(port_range("9-1"), None);
        assert_eq!(port_range("70000"), None);
    }
}
