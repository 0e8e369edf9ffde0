//! The encodings text files come in from Vietnamese offices: UTF-8 (with or without a
//! byte-order mark), UTF-16 (Excel's "Unicode text"), and Windows-1258, the legacy Vietnamese
//! code page, whose text decodes to base letters followed by combining tone marks.
//!
//! Vietnamese is then composed to precomposed letters (NFC), so that "Biểu mẫu số" and the
//! indicators match whatever the file's form. Both tables are here, small, rather than from
//! `encoding_rs` (all its code pages: about 125 KB gzipped in the Wasm) or
//! `unicode-normalization` (about 60 KB); the tests check them against both crates.

use super::ReadError;
use std::borrow::Cow;

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16, little-endian (Windows' "Unicode").
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
    /// Windows-1258 (Vietnamese), guessed when the bytes are not UTF-8.
    Windows1258,
}

impl TextEncoding {
    /// A notice for the reader when the encoding was a guess worth mentioning.
    pub fn note(self) -> Option<String> {
        (self == TextEncoding::Windows1258).then(|| {
            "Tệp không phải UTF-8 nên được đọc theo bảng mã Windows-1258 (tiếng Việt). Nếu chữ hiển thị sai, hãy lưu lại tệp với bảng mã UTF-8.".to_string()
        })
    }
}

/// Text decoded from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, Vietnamese letters precomposed.
    pub text: String,
    /// How it was encoded.
    pub encoding: TextEncoding,
}

/// Windows-1258 bytes 0x80–0xFF (the WHATWG index; bytes it leaves undefined map to the C1
/// control of the same number, as browsers do).
const WINDOWS_1258_HIGH: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, //
    0x02C6, 0x2030, 0x008A, 0x2039, 0x0152, 0x008D, 0x008E, 0x008F, //
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, //
    0x02DC, 0x2122, 0x009A, 0x203A, 0x0153, 0x009D, 0x009E, 0x0178, //
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, //
    0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, //
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, //
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, //
    0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7, //
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, //
    0x0110, 0x00D1, 0x0309, 0x00D3, 0x00D4, 0x01A0, 0x00D6, 0x00D7, //
    0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF, //
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, //
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0301, 0x00ED, 0x00EE, 0x00EF, //
    0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7, //
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF, //
];

/// Decodes the bytes of a text file: by byte-order mark, else UTF-16 recognised by its zero
/// bytes, else UTF-8 when valid, else Windows-1258. Vietnamese is composed (NFC).
///
/// ```
/// use kiemso::read::encoding::{decode, TextEncoding};
/// // "Biểu mẫu" in Windows-1258: ê + hook above, â + tilde, as separate bytes.
/// let d = decode(b"Bi\xEA\xD2u m\xE2\xDEu").unwrap();
/// assert_eq!(d.text, "Biểu mẫu");
/// assert_eq!(d.encoding, TextEncoding::Windows1258);
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("Số liệu".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// assert_eq!(decode(&utf16).unwrap().text, "Số liệu");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (
            String::from_utf8_lossy(rest).into_owned(),
            TextEncoding::Utf8,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, u16::from_le_bytes), TextEncoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, u16::from_be_bytes), TextEncoding::Utf16Be)
    } else if let Some(le) = utf16_without_bom(bytes) {
        if le {
            (utf16(bytes, u16::from_le_bytes), TextEncoding::Utf16Le)
        } else {
            (utf16(bytes, u16::from_be_bytes), TextEncoding::Utf16Be)
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), TextEncoding::Utf8),
            Err(_) => (windows_1258(bytes), TextEncoding::Windows1258),
        }
    };
    let text = match compose_vietnamese(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(composed) => composed,
    };
    Ok(Decoded { text, encoding })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// UTF-16 without a byte-order mark shows itself by zero bytes on one side of most pairs (every
/// ASCII character: digits, tabs, spaces): `Some(true)` for little-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for p in sample.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    if odd * 10 >= pairs * 3 && even * 20 <= pairs {
        Some(true)
    } else if even * 10 >= pairs * 3 && odd * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

fn windows_1258(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                b as char
            } else {
                char::from_u32(WINDOWS_1258_HIGH[(b - 0x80) as usize] as u32)
                    .unwrap_or(char::REPLACEMENT_CHARACTER)
            }
        })
        .collect()
}

/// The Vietnamese vowels: each row is the letter without tone, then with grave, acute, hook
/// above, tilde and dot below.
const VOWELS: [&str; 24] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
    "AÀÁẢÃẠ",
    "ĂẰẮẲẴẶ",
    "ÂẦẤẨẪẬ",
    "EÈÉẺẼẸ",
    "ÊỀẾỂỄỆ",
    "IÌÍỈĨỊ",
    "OÒÓỎÕỌ",
    "ÔỒỐỔỖỘ",
    "ƠỜỚỞỠỢ",
    "UÙÚỦŨỤ",
    "ƯỪỨỬỮỰ",
    "YỲÝỶỸỴ",
];

/// The combining tone marks, in the order of the rows of [`VOWELS`].
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// A vowel with a combining circumflex, breve or horn (how fully decomposed text spells â, ă,
/// ê, ô, ơ, ư).
fn modified(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{302}') => 'â',
        ('a', '\u{306}') => 'ă',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31B}') => 'ơ',
        ('u', '\u{31B}') => 'ư',
        ('A', '\u{302}') => 'Â',
        ('A', '\u{306}') => 'Ă',
        ('E', '\u{302}') => 'Ê',
        ('O', '\u{302}') => 'Ô',
        ('O', '\u{31B}') => 'Ơ',
        ('U', '\u{31B}') => 'Ư',
        _ => return None,
    })
}

fn row_of(base: char) -> Option<&'static str> {
    VOWELS.iter().copied().find(|r| r.starts_with(base))
}

/// Composes decomposed Vietnamese (a vowel followed by combining marks, in any canonical order)
/// into precomposed letters, as NFC does for Vietnamese. Anything else is left as it is.
///
/// ```
/// use kiemso::read::encoding::compose_vietnamese;
/// assert_eq!(compose_vietnamese("Bie\u{302}\u{309}u ma\u{302}\u{303}u so\u{302}\u{301}"), "Biểu mẫu số");
/// assert_eq!(compose_vietnamese("a\u{323}\u{302}"), "ậ");
/// assert_eq!(compose_vietnamese("n\u{303}"), "n\u{303}");
/// ```
pub fn compose_vietnamese(text: &str) -> Cow<'_, str> {
    let is_mark = |c: char| ('\u{300}'..='\u{323}').contains(&c);
    // Every mark is encoded with the lead byte 0xCC: a text without that byte (nearly all) is
    // passed over with a byte search rather than decoded character by character.
    if memchr::memchr(0xCC, text.as_bytes()).is_none() || !text.chars().any(is_mark) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if row_of(c).is_none() {
            out.push(c);
            continue;
        }
        let mut base = c;
        let mut tone: Option<usize> = None;
        while let Some(&m) = chars.peek() {
            if let Some(b) = modified(base, m) {
                base = b;
            } else if let Some(t) = TONES
                .iter()
                .position(|&t| t == m)
                .filter(|_| tone.is_none())
            {
                tone = Some(t);
            } else {
                break;
            }
            chars.next();
        }
        let row = row_of(base).unwrap_or_default();
        out.push(tone.and_then(|t| row.chars().nth(t + 1)).unwrap_or(base));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn windows_1258_table_matches_encoding_rs() {
        let all: Vec<u8> = (0..=255).collect();
        let (expected, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&all);
        let got = windows_1258(&all);
        // encoding_rs leaves composition to the caller: compare before composing.
        assert_eq!(got, expected);
    }

    #[test]
    fn composition_matches_nfc_for_every_vietnamese_letter() {
        for letter in VOWELS.iter().flat_map(|r| r.chars()).chain("đĐ".chars()) {
            let nfd: String = letter.to_string().nfd().collect();
            assert_eq!(compose_vietnamese(&nfd), letter.to_string(), "{letter}");
            // Windows-1258 spelling: precomposed â/ă/ê/ô/ơ/ư, then the tone as a mark.
            let mut partial: String = nfd
                .chars()
                .filter(|c| !TONES.contains(c))
                .collect::<String>()
                .nfc()
                .collect();
            partial.extend(nfd.chars().filter(|c| TONES.contains(c)));
            assert_eq!(compose_vietnamese(&partial), letter.to_string(), "{letter}");
        }
        let sentence = "Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn; Ước tính: ỞỢỰẶẬ";
        let nfd: String = sentence.nfd().collect();
        assert_eq!(compose_vietnamese(&nfd), sentence);
        assert_eq!(compose_vietnamese(&nfd), nfd.nfc().collect::<String>());
    }

    #[test]
    fn encodings_are_recognised() {
        let text = "STT\tChỉ tiêu\tĐơn vị tính\tSố liệu\n1.\tTổng số\tVăn bản\t9.191.517\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, enc) in [
            (text.as_bytes().to_vec(), TextEncoding::Utf8),
            (
                [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
                TextEncoding::Utf8,
            ),
            ([&[0xFF, 0xFE][..], &le].concat(), TextEncoding::Utf16Le),
            ([&[0xFE, 0xFF][..], &be].concat(), TextEncoding::Utf16Be),
            (le.clone(), TextEncoding::Utf16Le),
            (be.clone(), TextEncoding::Utf16Be),
        ] {
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn windows_1258_text_composes_to_nfc() {
        // "Số liệu" as Windows writes it: ô (F4) + acute (EC), ê (EA) + dot below (F2).
        let d = decode(b"S\xF4\xEC li\xEA\xF2u\t\xD0\xF5n vi\xF2").unwrap();
        assert_eq!(d.encoding, TextEncoding::Windows1258);
        assert_eq!(d.text, "Số liệu\tĐơn vị");
        assert!(d.encoding.note().is_some());
    }
}
