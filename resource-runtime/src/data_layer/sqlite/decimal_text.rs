//! A decimal as its stored text, `Decimal::to_string`'s (the scale kept:
//! `1.50`, `-0.001`), written digit by digit: `Display` goes through the
//! formatting machinery and a 96-bit division per digit, about 0.6k
//! instructions a value, a twentieth of an update.

use rust_decimal::Decimal;

/// Ten to the 19th: the most decimal digits a `u64` chunk holds.
const CHUNK: u128 = 10_000_000_000_000_000_000;

/// `decimal.to_string()`, equal byte for byte (the tests compare them).
pub fn decimal_text(decimal: &Decimal) -> String {
    // The mantissa has at most 29 digits: two chunks of 19 at most.
    let mut digits = [b'0'; 40];
    let magnitude = decimal.mantissa().unsigned_abs();
    // Most mantissas fit a u64: no 128-bit division (a library call) then.
    let (high, low) = match u64::try_from(magnitude) {
        Ok(small) if u128::from(small) < CHUNK => (0, small),
        _ => ((magnitude / CHUNK) as u64, (magnitude % CHUNK) as u64),
    };
    let start = if high == 0 {
        write_digits(&mut digits, low, false)
    } else {
        let low_start = write_digits(&mut digits, low, true);
        write_digits(&mut digits[..low_start], high, false)
    };
    let scale = decimal.scale() as usize;
    let written = &digits[start..];
    let mut text = Vec::with_capacity(written.len() + scale + 3);
    if decimal.is_sign_negative() {
        text.push(b'-');
    }
    if scale == 0 {
        text.extend_from_slice(written);
    } else if written.len() > scale {
        let (whole, fraction) = written.split_at(written.len() - scale);
        text.extend_from_slice(whole);
        text.push(b'.');
        text.extend_from_slice(fraction);
    } else {
        text.extend_from_slice(b"0.");
        text.resize(text.len() + scale - written.len(), b'0');
        text.extend_from_slice(written);
    }
    // ASCII digits, a sign and a point: always UTF-8.
    String::from_utf8(text).unwrap_or_else(|_| decimal.to_string())
}

/// Writes `n`'s digits at the end of `buffer` (all 19 when `padded`),
/// returning where they start.
fn write_digits(buffer: &mut [u8], mut n: u64, padded: bool) -> usize {
    let mut at = buffer.len();
    let stop = if padded { buffer.len() - 19 } else { 0 };
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if (n == 0 && !padded) || at == stop {
            return at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decimal_text;
    use rust_decimal::Decimal;

    #[test]
    fn every_scale_and_size_is_written_as_display_writes_it() {
        let mut mantissas: Vec<i128> = vec![0, 1, 5, 9, 10, 99, 100, 150, 1234567, 10_000_000_000_000_000_000];
        let mut power: i128 = 1;
        while power < 79_228_162_514_264_337_593_543_950_335 / 10 {
            mantissas.extend([power - 1, power, power + 1, power * 7 + 3]);
            power *= 10;
        }
        mantissas.extend([
            u64::MAX as i128,
            u64::MAX as i128 + 1,
            9_999_999_999_999_999_999,
            10_000_000_000_000_000_001,
            79_228_162_514_264_337_593_543_950_335,
        ]);
        // A few thousand more spread over the whole range.
        let mut state: u128 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..4000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            mantissas.push((state >> 32) as i128 % 79_228_162_514_264_337_593_543_950_335);
        }
        for mantissa in mantissas {
            for scale in 0..=28 {
                for negative in [false, true] {
                    let value = if negative { -mantissa } else { mantissa };
                    let decimal = Decimal::from_i128_with_scale(value, scale);
                    assert_eq!(decimal_text(&decimal), decimal.to_string(), "{value} at scale {scale}");
                }
            }
        }
    }

    #[test]
    fn a_negative_zero_is_written_as_display_writes_it() {
        for scale in [0, 2, 28] {
            let zero = Decimal::from_parts(0, 0, 0, true, scale);
            assert_eq!(decimal_text(&zero), zero.to_string());
        }
    }
}
