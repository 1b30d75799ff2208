/**
 * The longest prefix of `sorted` (best first) whose sizes add up to at most `maxBytes`, and at
 * most `maxCount` entries; `truncated` says whether anything was left out.
 */
export function takeWithinTotal<T extends { size: number }>(sorted: readonly T[], maxBytes: number, maxCount = Number.POSITIVE_INFINITY): { selected: T[]; truncated: boolean } {
  const selected: T[] = [];
  let bytes = 0;
  for (const candidate of sorted) {
    if (selected.length === maxCount || bytes + candidate.size > maxBytes) return { selected, truncated: true };
    selected.push(candidate);
    bytes += candidate.size;
  }
  return { selected, truncated: false };
}
