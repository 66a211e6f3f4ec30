//! A small, fast, deterministic 64-bit hash for feature keys (FxHash-style mixing with a
//! murmur3 finaliser). Stable across runs and platforms: model files store these hashes.

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Mixes one 64-bit value into a running hash.
#[inline(always)]
pub fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// murmur3's 64-bit finaliser: spreads entropy to all bits (the table uses the low bits).
#[inline(always)]
pub fn finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hashes a byte string (8 bytes at a time).
#[inline]
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = mix(seed, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(a));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(a));
    }
    h
}

/// Hashes a string.
#[cfg(test)]
pub fn hash_str(s: &str) -> u64 {
    finish(hash_bytes(0x9e37_79b9_7f4a_7c15, s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_distinct() {
        assert_eq!(hash_str("talks"), hash_str("talks"));
        assert_ne!(hash_str("talks"), hash_str("talk"));
        assert_ne!(hash_str(""), hash_str("\0"));
        assert_ne!(hash_str("abcdefgh"), hash_str("abcdefgh\0"));
    }
}
