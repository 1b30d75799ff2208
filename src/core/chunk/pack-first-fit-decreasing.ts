/**
 * Bin packing by first-fit decreasing: largest item first, each into the first bin with room
 * (ties broken by key, so the same input always packs the same way). An item larger than the
 * capacity gets a bin of its own.
 */
export function packFirstFitDecreasing<T extends { key: string; tokens: number }>(items: readonly T[], capacity: number): T[][] {
  const bins: Array<{ items: T[]; tokens: number }> = [];
  const ordered = [...items].sort((a, b) => b.tokens - a.tokens || a.key.localeCompare(b.key));
  for (const item of ordered) {
    const bin = bins.find((candidate) => candidate.tokens + item.tokens <= capacity);
    if (bin) {
      bin.items.push(item);
      bin.tokens += item.tokens;
    } else bins.push({ items: [item], tokens: item.tokens });
  }
  return bins.map((bin) => bin.items);
}
