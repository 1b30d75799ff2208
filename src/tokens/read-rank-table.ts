/** A BPE vocabulary: the rank of a byte sequence, held in three typed arrays (no object per token). */
export interface RankTable {
  /** The rank of `bytes[start, end)`, or -1 when it is not a token. */
  rankOf(bytes: Uint8Array, start: number, end: number): number;
  readonly size: number;
}

const BASE64 = new Int8Array(256).fill(-1);
for (const [index, char] of [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].entries()) BASE64[char.charCodeAt(0)] = index;
const [SPACE, NEWLINE, RETURN, EQUALS, ZERO] = [32, 10, 13, 61, 48];

/**
 * Reads a `.tiktoken` file (one `<base64 token> <rank>` per line, as OpenAI publishes them) into
 * a rank table. gpt-tokenizer's own tables are JavaScript modules of 200,000 strings in a Map:
 * compiling and holding them cost some 60 MiB; these arrays hold the same in about 5 MiB.
 */
export function readRankTable(file: Uint8Array): RankTable {
  const bytes = new Uint8Array(file.length);
  const lines = file.reduce((count, byte) => (byte === NEWLINE ? count + 1 : count), 1);
  const starts = new Uint32Array(lines + 1);
  const ranks = new Int32Array(lines);
  let tokens = 0;
  let length = 0;
  let at = 0;
  while (at < file.length) {
    // One line: base64 (decoded straight into `bytes`), a space, the decimal rank.
    let bits = 0;
    let buffered = 0;
    for (; at < file.length && file[at] !== SPACE && file[at] !== NEWLINE; at++) {
      if (file[at] === EQUALS || file[at] === RETURN) continue;
      const value = BASE64[file[at]!]!;
      if (value < 0) throw new Error(`not a .tiktoken file: byte ${file[at]} at ${at}`);
      bits = (bits << 6) | value;
      buffered += 6;
      if (buffered >= 8) {
        buffered -= 8;
        bytes[length++] = (bits >> buffered) & 0xff;
      }
    }
    let rank = -1;
    if (file[at] === SPACE) {
      rank = 0;
      for (at += 1; at < file.length && file[at]! >= ZERO && file[at]! <= ZERO + 9; at++) rank = rank * 10 + file[at]! - ZERO;
    }
    while (at < file.length && file[at] !== NEWLINE) at++;
    at += 1;
    if (rank < 0) {
      length = starts[tokens]!;
      continue;
    }
    ranks[tokens] = rank;
    starts[++tokens] = length;
  }
  return buildRankTable(bytes.slice(0, length), starts.slice(0, tokens + 1), ranks.slice(0, tokens));
}

function buildRankTable(bytes: Uint8Array, starts: Uint32Array, ranks: Int32Array): RankTable {
  const size = ranks.length;
  let capacity = 1;
  while (capacity < size * 2) capacity *= 2;
  const mask = capacity - 1;
  // Open addressing: each slot holds a token's index, or -1.
  const slots = new Int32Array(capacity).fill(-1);
  for (let token = 0; token < size; token++) {
    let slot = hash(bytes, starts[token]!, starts[token + 1]!) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = token;
  }
  return {
    size,
    rankOf(key, start, end) {
      const length = end - start;
      for (let slot = hash(key, start, end) & mask; ; slot = (slot + 1) & mask) {
        const token = slots[slot]!;
        if (token === -1) return -1;
        const from = starts[token]!;
        if (starts[token + 1]! - from !== length) continue;
        let same = true;
        for (let i = 0; i < length; i++) {
          if (bytes[from + i] !== key[start + i]) {
            same = false;
            break;
          }
        }
        if (same) return ranks[token]!;
      }
    },
  };
}

// FNV-1a, 32 bits.
function hash(bytes: Uint8Array, start: number, end: number): number {
  let value = 0x811c9dc5;
  for (let i = start; i < end; i++) value = Math.imul(value ^ bytes[i]!, 0x01000193);
  return value >>> 0;
}
