//! Byte scanning for the text passes of this crate: tables of byte classes built at compile
//! time ([`byte_class!`]), and eight bytes at a time, the word-at-a-time tests of "Bit Twiddling
//! Hacks" (`haszero`, `hasless`), exact for "is there any such byte", to skip runs of plain bytes.

/// A 256-entry table, built at compile time, of the bytes `b` for which the expression holds:
/// `byte_class!(|b| b >= 0x80)`.
macro_rules! byte_class {
    (|$b:ident| $e:expr) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            t[i] = $e;
            i += 1;
        }
        t
    }};
}
pub(crate) use byte_class;

const L: u64 = 0x0101_0101_0101_0101;
const H: u64 = 0x8080_8080_8080_8080;

/// The eight bytes at `i`, if there are eight.
pub(crate) fn word_at(b: &[u8], i: usize) -> Option<u64> {
    b.get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
        .map(u64::from_le_bytes)
}

/// The first position at or after `i` whose byte is in `class`, or `b.len()`: eight bytes at a
/// time while `may_hold` says none of them can be, then byte by byte.
pub(crate) fn find(
    b: &[u8],
    mut i: usize,
    may_hold: fn(u64) -> bool,
    class: &[bool; 256],
) -> usize {
    while i < b.len() {
        match word_at(b, i) {
            Some(x) if !may_hold(x) => i += 8,
            _ if class[usize::from(b[i])] => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Whether a byte of `x` is below 0x20 (a control, newline and tab included).
pub(crate) fn has_control(x: u64) -> bool {
    x.wrapping_sub(0x20 * L) & !x & H != 0
}

/// Whether a byte of `x` equals `v`.
pub(crate) fn has_byte(x: u64, v: u8) -> bool {
    let y = x ^ (u64::from(v) * L);
    y.wrapping_sub(L) & !y & H != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_are_exact_for_any() {
        let w = |s: &[u8; 8]| u64::from_le_bytes(*s);
        assert!(!has_control(w(b"abcdefgh")));
        assert!(has_control(w(b"abc\ndefg")));
        assert!(has_control(w(b"abcdefg\x00")));
        assert!(!has_control(w(b"\x20\x7f\x80\xff !~\xc2")));
        assert!(has_byte(w(b"abc\"defg"), b'"'));
        assert!(!has_byte(w(b"abcdefgh"), b'"'));
        assert!(has_byte(w(b"\xc2\xa3abcdef"), 0xc2));
        assert_eq!(word_at(b"1234567", 0), None);
        assert_eq!(word_at(b"12345678", 0), Some(w(b"12345678")));
    }
}
