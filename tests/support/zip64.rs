// A zip's end record rewritten in zip64 form, for the tests of the zip reader: natively in
// `src/read/archive.rs`, and on wasm32 in `tests/wasm.rs`, where `usize` has 32 bits and an
// offset beyond 4 GB cannot be held.

fn le(bytes: &[u8], at: usize, n: usize) -> u64 {
    bytes[at..at + n]
        .iter()
        .rev()
        .fold(0, |v, &b| (v << 8) | u64::from(b))
}

/// `z` (a zip without a comment: its end record is its last 22 bytes) with the end record in
/// zip64 form: the 32-bit fields say "see the zip64 record", and the locator gives that
/// record's offset as `record_at(its real offset)`.
pub fn as_zip64(z: &[u8], record_at: impl Fn(u64) -> u64) -> Vec<u8> {
    let eocd = z.len() - 22;
    assert_eq!(&z[eocd..eocd + 4], b"PK\x05\x06", "a zip without a comment");
    let (count, cd_size, cd_offset) = (
        le(z, eocd + 10, 2),
        le(z, eocd + 12, 4),
        le(z, eocd + 16, 4),
    );
    let mut out = z[..eocd].to_vec();
    let record = out.len() as u64;
    out.extend(b"PK\x06\x06");
    out.extend(44u64.to_le_bytes());
    out.extend([0u8; 12]);
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(cd_size.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(b"PK\x06\x07");
    out.extend(0u32.to_le_bytes());
    out.extend(record_at(record).to_le_bytes());
    out.extend(1u32.to_le_bytes());
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend([0xFF; 4]);
    out.extend([0xFF; 8]);
    out.extend(0u16.to_le_bytes());
    out
}
