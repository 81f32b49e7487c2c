// MurmurHash64A (Austin Appleby), as spaCy hashes strings: the UTF-8 bytes
// with seed 1 (spacy/strings.pyx hash_utf8 → murmurhash's hash64).

const M = 0xc6a4a7935bd1e995n;
const MASK = 0xffffffffffffffffn;

/** The 64-bit MurmurHash64A of bytes with a seed. */
export function murmurHash64A(bytes: Uint8Array, seed: bigint): bigint {
  const len = bytes.length;
  let h = (seed ^ ((BigInt(len) * M) & MASK)) & MASK;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const blocks = len >> 3;
  for (let i = 0; i < blocks; i++) {
    let k = view.getBigUint64(i * 8, true);
    k = (k * M) & MASK;
    k ^= k >> 47n;
    k = (k * M) & MASK;
    h ^= k;
    h = (h * M) & MASK;
  }
  const tail = blocks * 8;
  const rest = len & 7;
  if (rest) {
    for (let i = rest - 1; i >= 0; i--) h ^= BigInt(bytes[tail + i]!) << BigInt(8 * i);
    h = (h * M) & MASK;
  }
  h ^= h >> 47n;
  h = (h * M) & MASK;
  h ^= h >> 47n;
  return h;
}
