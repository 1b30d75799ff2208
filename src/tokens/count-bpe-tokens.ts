import type { RankTable } from "./read-rank-table.js";

const NONE = 0x7fffffff;

/**
 * Counts the tokens of a text as tiktoken encodes it (split by the encoding's pattern, then
 * byte-pair merges by rank), with special-token text counted as plain text. The same counts as
 * gpt-tokenizer's `countTokens`, without its per-token strings, match arrays and merge cache:
 * a 300-file review counts some 400,000 tokens.
 */
export function createBpeCounter(table: RankTable, splitPattern: RegExp): (text: string) => number {
  // Sticky: a match must start where the last one ended, and `test` builds no match array.
  const sticky = new RegExp(splitPattern.source, "uy");
  const search = new RegExp(splitPattern.source, "gu");
  let bytes = new Uint8Array(256);
  let starts = new Int32Array(257);
  let ranks = new Int32Array(257);

  // The piece's UTF-8 bytes into `bytes` (a lone surrogate becomes U+FFFD, as TextEncoder makes it).
  const encode = (text: string, from: number, to: number): number => {
    if (bytes.length < (to - from) * 3) bytes = new Uint8Array((to - from) * 3);
    let length = 0;
    for (let i = from; i < to; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) bytes[length++] = code;
      else if (code < 0x800) {
        bytes[length++] = 0xc0 | (code >> 6);
        bytes[length++] = 0x80 | (code & 0x3f);
      } else {
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
          code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
          bytes[length++] = 0xf0 | (code >> 18);
          bytes[length++] = 0x80 | ((code >> 12) & 0x3f);
        } else {
          if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
          bytes[length++] = 0xe0 | (code >> 12);
        }
        bytes[length++] = 0x80 | ((code >> 6) & 0x3f);
        bytes[length++] = 0x80 | (code & 0x3f);
      }
    }
    return length;
  };

  const pairRank = (from: number, to: number): number => {
    const rank = table.rankOf(bytes, from, to);
    return rank === -1 ? NONE : rank;
  };
  const rankAt = (part: number, parts: number): number => (part + 2 < parts ? pairRank(starts[part]!, starts[part + 2]!) : NONE);

  // tiktoken's merge: join the adjacent pair of lowest rank (the first of equals) until no pair is a token.
  const countPiece = (length: number): number => {
    if (table.rankOf(bytes, 0, length) !== -1) return 1;
    if (starts.length < length + 1) {
      starts = new Int32Array(length + 1);
      ranks = new Int32Array(length + 1);
    }
    let parts = length + 1;
    for (let i = 0; i < parts; i++) starts[i] = i;
    for (let i = 0; i < parts; i++) ranks[i] = i < length - 1 ? pairRank(i, i + 2) : NONE;
    while (parts > 1) {
      let lowest = NONE;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        const rank = ranks[i]!;
        if (rank < lowest) {
          lowest = rank;
          at = i;
        }
      }
      if (at === -1) break;
      starts.copyWithin(at + 1, at + 2, parts);
      ranks.copyWithin(at, at + 1, parts);
      parts -= 1;
      ranks[at] = rankAt(at, parts);
      if (at > 0) ranks[at - 1] = rankAt(at - 1, parts);
    }
    return parts - 1;
  };

  return (text) => {
    let count = 0;
    let position = 0;
    while (position < text.length) {
      let start = position;
      let end: number;
      sticky.lastIndex = position;
      if (sticky.test(text)) end = sticky.lastIndex;
      else {
        // Text no alternative of the pattern matches is skipped, as `matchAll` skips it.
        search.lastIndex = position;
        const match = search.exec(text);
        if (!match) break;
        start = match.index;
        end = search.lastIndex;
      }
      if (end === start) {
        position = start + 1;
        continue;
      }
      count += countPiece(encode(text, start, end));
      position = end;
    }
    return count;
  };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
