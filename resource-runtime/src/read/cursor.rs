//! Keyset cursors: a record's values of a page's sort keys (the query's
//! sort, then the primary key), as an opaque URL-safe string.
//!
//! The cursor is the JSON array of the values (`Value::to_json`), followed
//! by a 4-byte FNV-1a checksum of it, in unpadded base64url. Reading one
//! checks the checksum, the number of values and each value against its
//! sort key's attribute type, so a truncated, corrupted or edited cursor is
//! refused with a message. The checksum is no signature: a cursor holds
//! nothing secret (the sort values of a record its holder has seen), and
//! someone who recomputes it gets the page after the values they wrote,
//! through the query's own filter.

use crate::expr::tree::SortOrder;
use crate::info::ResourceInfo;
use crate::info::cast::cast_json;
use crate::info::value::Value;

/// The cursor of `row` (a row of `info`) for a page sorted by `sort`.
pub(crate) fn encode(info: &ResourceInfo, sort: &[(String, SortOrder)], row: &[Value]) -> String {
    let values: Vec<serde_json::Value> = sort
        .iter()
        .map(|(name, _)| {
            info.attribute_index(name).and_then(|col| row.get(col)).map_or(serde_json::Value::Null, Value::to_json)
        })
        .collect();
    let mut bytes = serde_json::Value::Array(values).to_string().into_bytes();
    let checksum = fnv1a(&bytes);
    bytes.extend_from_slice(&checksum.to_be_bytes());
    base64url(&bytes)
}

/// The sort values in `cursor`, each cast to its sort key's type; a
/// message when the cursor is not one this query made.
pub(crate) fn decode(info: &ResourceInfo, sort: &[(String, SortOrder)], cursor: &str) -> Result<Vec<Value>, String> {
    let invalid = || "is not a valid cursor".to_string();
    let bytes = from_base64url(cursor).ok_or_else(invalid)?;
    let split = bytes.len().checked_sub(4).ok_or_else(invalid)?;
    let (payload, checksum) = bytes.split_at(split);
    if checksum != fnv1a(payload).to_be_bytes() {
        return Err(invalid());
    }
    let values: Vec<serde_json::Value> = serde_json::from_slice(payload).map_err(|_| invalid())?;
    let other_sort = || "was made for another sort: read the first page again".to_string();
    if values.len() != sort.len() {
        return Err(other_sort());
    }
    sort.iter()
        .zip(&values)
        .map(|((name, _), json)| {
            let attribute = info.attribute(name).ok_or_else(other_sort)?;
            let value = cast_json(attribute.ty, json).map_err(|_| other_sort())?;
            if value.is_nil() && !attribute.allow_nil {
                return Err(other_sort());
            }
            Ok(value)
        })
        .collect()
}

/// 32-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, &byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url (RFC 4648 §5).
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// The bytes of unpadded base64url text; `None` for anything else
/// (padding, other characters, an impossible length, stray low bits).
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u32> =
        text.bytes().map(|c| ALPHABET.iter().position(|&a| a == c).map(|d| d as u32)).collect::<Option<_>>()?;
    if digits.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | d << (18 - 6 * i));
        let bytes = chunk.len() - 1;
        // Bits past the last whole byte must be zero (one text per byte string).
        if n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
            return None;
        }
        out.extend((0..bytes).map(|i| (n >> (16 - 8 * i)) as u8));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        let data: Vec<u8> = (0..=255).collect();
        for len in 0..40 {
            let text = base64url(&data[..len]);
            assert!(text.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "{text}");
            assert_eq!(from_base64url(&text).as_deref(), Some(&data[..len]), "length {len}");
        }
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn malformed_base64url_is_refused() {
        for text in ["Zm8=", "Zm9v YmFy", "Z", "Zm9vY", "Zm9", "é"] {
            assert_eq!(from_base64url(text), None, "{text}");
        }
    }
}
