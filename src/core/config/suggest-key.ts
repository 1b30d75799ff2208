// Keys longer than this are not typos of ours (the longest is `excludeCategories`, 17).
const MAX_KEY_CHARS = 40;

/**
 * The known key an unknown one most likely misspells (case, one or two letters added, dropped,
 * changed or swapped), or undefined when none is close. Ties go to the earlier candidate.
 */
export function suggestKey(unknown: string, candidates: readonly string[]): string | undefined {
  if (unknown.length > MAX_KEY_CHARS) return undefined;
  const typed = unknown.toLowerCase();
  let best: { key: string; distance: number } | undefined;
  for (const key of candidates) {
    const allowed = key.length >= 7 ? 2 : 1;
    const distance = editDistance(typed, key.toLowerCase(), allowed);
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { key, distance };
  }
  return best?.key;
}

// Optimal string alignment distance (a swap of two neighbours counts once); gives up past `limit`.
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
