//! A HAR body taken out of its entry where it lies: the JSON string unescaped, then the
//! base64 decoded, each into the first bytes of the text it reads (each only shortens it),
//! so that an entry near the cap is held once, not once per step.

use base64::DecodeError;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Base64 text decoded at a time: a multiple of 4.
const CHUNK: usize = 1 << 16;

/// Decodes the base64 text `text` into its own first bytes, and says how many: the bytes and
/// the error of `STANDARD.decode(text)`, without a second buffer as large as the body.
pub(super) fn decode_base64(text: &mut [u8]) -> Result<usize, DecodeError> {
    decode_base64_by(text, CHUNK)
}

/// [`decode_base64`] `chunk` bytes of text at a time (a multiple of 4).
fn decode_base64_by(text: &mut [u8], chunk: usize) -> Result<usize, DecodeError> {
    let len = text.len();
    // The decoder blames a stray last byte (a newline, say) before anything earlier.
    if len % 4 == 1
        && let Some(&last) = text.last()
        && last != b'='
        && !is_symbol(last)
    {
        return Err(DecodeError::InvalidByte(len - 1, last));
    }
    let mut decoded = Vec::with_capacity(chunk / 4 * 3 + 3);
    let (mut read, mut written) = (0, 0);
    while read < len {
        // A chunk before the last one is inside the text: only symbols belong there (a `=`
        // too is out of place), and it decodes on its own to what it is part of.
        let end = if len - read > chunk {
            read + chunk
        } else {
            len
        };
        let input = text.get(read..end).unwrap_or_default();
        if end < len
            && let Some(at) = input.iter().position(|&byte| !is_symbol(byte))
        {
            let byte = input.get(at).copied().unwrap_or_default();
            return Err(DecodeError::InvalidByte(read + at, byte));
        }
        decoded.clear();
        STANDARD
            .decode_vec(input, &mut decoded)
            .map_err(|error| shifted(&error, read))?;
        // Three bytes out for four in: what is written was read already.
        let out = text.get_mut(written..).unwrap_or_default();
        for (to, from) in out.iter_mut().zip(&decoded) {
            *to = *from;
        }
        written += decoded.len();
        read = end;
    }
    Ok(written)
}

/// Whether `byte` is a symbol of the standard base64 alphabet.
fn is_symbol(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'+' || byte == b'/'
}

/// `error`, found in text that starts `by` bytes into the whole, as of the whole.
fn shifted(error: &DecodeError, by: usize) -> DecodeError {
    match *error {
        DecodeError::InvalidByte(at, byte) => DecodeError::InvalidByte(at + by, byte),
        DecodeError::InvalidLength(length) => DecodeError::InvalidLength(length + by),
        DecodeError::InvalidLastSymbol(at, byte) => DecodeError::InvalidLastSymbol(at + by, byte),
        DecodeError::InvalidPadding => DecodeError::InvalidPadding,
    }
}

/// Unescapes `text`, what a JSON string holds between its quotes, into its own first bytes,
/// and says how many; `None`, with `text` untouched, when it is not a string's text (a lone
/// surrogate escape, an unknown escape, a raw quote or control character): `serde_json` then
/// says why.
pub(super) fn unescape_json(text: &mut [u8]) -> Option<usize> {
    // Everything is checked before anything is written over.
    let mut at = 0;
    let mut escaped = false;
    loop {
        let rest = text.get(at..)?;
        let run = memchr::memchr(b'\\', rest).unwrap_or(rest.len());
        if rest
            .get(..run)?
            .iter()
            .any(|&byte| byte < 0x20 || byte == b'"')
        {
            return None;
        }
        if run == rest.len() {
            break;
        }
        let (_, length) = escape(rest.get(run..)?)?;
        at += run + length;
        escaped = true;
    }
    if !escaped {
        return Some(text.len());
    }
    let (mut read, mut written) = (0, 0);
    loop {
        let rest = text.get(read..).unwrap_or_default();
        let run = memchr::memchr(b'\\', rest).unwrap_or(rest.len());
        // `written <= read` throughout: an escape is never shorter than what it stands for.
        text.copy_within(read..read + run, written);
        read += run;
        written += run;
        let Some((character, length)) = text.get(read..).and_then(escape) else {
            break;
        };
        let mut utf8 = [0; 4];
        let bytes = character.encode_utf8(&mut utf8).as_bytes();
        let out = text.get_mut(written..).unwrap_or_default();
        for (to, from) in out.iter_mut().zip(bytes) {
            *to = *from;
        }
        read += length;
        written += bytes.len();
    }
    Some(written)
}

/// The escape `text` starts with (at its backslash): the character it stands for and its
/// length, or `None` if it is not one JSON allows.
fn escape(text: &[u8]) -> Option<(char, usize)> {
    let character = match text.get(..2)? {
        br#"\""# => '"',
        br"\\" => '\\',
        br"\/" => '/',
        br"\b" => '\u{8}',
        br"\f" => '\u{c}',
        br"\n" => '\n',
        br"\r" => '\r',
        br"\t" => '\t',
        br"\u" => {
            let first = hex4(text.get(2..6)?)?;
            return match first {
                0xD800..=0xDBFF => {
                    // A leading surrogate needs its trailing half, escaped right after it.
                    if text.get(6..8)? != br"\u" {
                        return None;
                    }
                    let second = hex4(text.get(8..12)?)?;
                    if !(0xDC00..=0xDFFF).contains(&second) {
                        return None;
                    }
                    let code = 0x1_0000 + ((first - 0xD800) << 10 | (second - 0xDC00));
                    Some((char::from_u32(code)?, 12))
                }
                _ => Some((char::from_u32(first)?, 6)),
            };
        }
        _ => return None,
    };
    Some((character, 2))
}

/// Four hexadecimal digits' value (no sign, unlike `u32::from_str_radix`).
fn hex4(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0, |value, &digit| {
        Some(value << 4 | char::from(digit).to_digit(16)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Base64-like text: mostly symbols, some padding and some strays, short enough that
    /// chunks of a few bytes split it everywhere.
    fn base64ish() -> impl Strategy<Value = Vec<u8>> {
        let byte = prop_oneof![
            8 => prop::sample::select(
                b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".to_vec()
            ),
            2 => Just(b'='),
            1 => prop::sample::select(b"\n -_.@\r".to_vec()),
        ];
        prop_oneof![
            prop::collection::vec(byte, 0..40),
            // Well-formed text, sometimes cut or with a byte changed.
            (
                prop::collection::vec(any::<u8>(), 0..30),
                any::<usize>(),
                any::<u8>()
            )
                .prop_map(|(bytes, at, byte)| {
                    let mut text = STANDARD.encode(bytes).into_bytes();
                    match at % 3 {
                        0 => {}
                        1 => text.truncate(at % (text.len() + 1)),
                        _ => {
                            let len = text.len().max(1);
                            if let Some(slot) = text.get_mut(at % len) {
                                *slot = byte;
                            }
                        }
                    }
                    text
                }),
        ]
    }

    proptest! {
        #[test]
        fn decoding_in_place_is_decoding(text in base64ish(), chunk in 1usize..5) {
            let expected = STANDARD.decode(&text);
            let mut buffer = text.clone();
            let got = decode_base64_by(&mut buffer, chunk * 4)
                .map(|written| buffer.get(..written).unwrap().to_vec());
            prop_assert_eq!(got, expected);
        }

        #[test]
        fn unescaping_in_place_is_reading_the_string(text in json_stringish()) {
            let quoted = format!("\"{text}\"");
            let expected = serde_json::from_str::<String>(&quoted).ok();
            let mut buffer = text.clone().into_bytes();
            let got = unescape_json(&mut buffer)
                .map(|written| String::from_utf8(buffer.get(..written).unwrap().to_vec()).unwrap());
            prop_assert_eq!(&got, &expected);
            if got.is_none() {
                prop_assert_eq!(buffer, text.into_bytes(), "untouched when refused");
            }
        }
    }

    /// A JSON string's text: plain characters, every escape JSON has, surrogate halves
    /// alone and in pairs, stray backslashes, quotes and control characters.
    fn json_stringish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[a-z é中😀]{1,3}",
            2 => prop::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u0041", r"\u00e9",
                r"\u4E2D", r"\ud83d\ude00", r"\uD83D\uDE00", r"\u0000",
            ]).prop_map(str::to_owned),
            1 => prop::sample::select(vec![
                r"\ud83d", r"\ude00", r"\ud83d\u0041", r"\ud83d\ud83d", r"\ud83d\n", r"\u12",
                r"\u+123", r"\x", r"\", "\"", "\n", "\u{1}", r"\uDBFF\uDFFF", r"\uDC00",
            ]).prop_map(str::to_owned),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    #[test]
    fn a_body_decodes_over_many_chunks() {
        let body: Vec<u8> = (0..200_000u32).map(|n| (n % 251) as u8).collect();
        let mut text = STANDARD.encode(&body).into_bytes();
        let written = decode_base64(&mut text).unwrap();
        assert_eq!(text.get(..written).unwrap(), body.as_slice());
    }
}
