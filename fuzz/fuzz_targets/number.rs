//! `Figure::parse` and `format_vi`: neither panics, and printing then reading gives the number back.
#![no_main]

use kiemso::number::{format_vi, round_to, Figure};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    // Any text, as a cell: reading never panics, and a figure it reads prints back to itself.
    if let Ok(cell) = std::str::from_utf8(data) {
        if let Ok(f) = Figure::parse(cell) {
            assert!(f.decimals <= 27, "{cell:?}: {} decimals", f.decimals);
            let printed = f.printed();
            let again = Figure::parse(&printed)
                .unwrap_or_else(|e| panic!("{cell:?} printed as {printed:?} reads back as {e:?}"));
            assert_eq!(again.value, f.value, "{cell:?} → {printed:?}");
            assert_eq!(again.decimals, f.decimals, "{cell:?} → {printed:?}");
        }
    }
    // Any decimal at any precision: printing never panics, and the print reads back as the value
    // rounded to that precision, whenever it fits the 27 digits a cell may have.
    if data.len() >= 18 {
        let mut m = [0u8; 16];
        m.copy_from_slice(&data[..16]);
        let mantissa = i128::from_le_bytes(m) >> 32; // 96 bits, the decimal's mantissa
        let scale = u32::from(data[16]) % 29;
        let decimals = u32::from(data[17]);
        let Ok(value) = Decimal::try_from_i128_with_scale(mantissa, scale) else {
            return;
        };
        let printed = format_vi(value, decimals);
        let shown = decimals.min(28);
        let digits = printed.chars().filter(char::is_ascii_digit).count();
        assert!(
            printed.split_once(',').map_or(0, |(_, f)| f.len()) == shown as usize,
            "{value} at {decimals}: {printed:?}"
        );
        if digits <= 27 {
            let back = Figure::parse(&printed)
                .unwrap_or_else(|e| panic!("{value} at {decimals} printed {printed:?}: {e:?}"));
            assert_eq!(
                back.value,
                round_to(value, decimals),
                "{value} at {decimals}: {printed:?}"
            );
            assert_eq!(back.decimals, shown);
        }
    }
});
