/** A table cell as text: numbers with thousands separators, the rest as given. */
export function formatCell(value: string | number | undefined): string {
  if (value === undefined) return "";
  return typeof value === "number" ? value.toLocaleString("en-US", { maximumFractionDigits: 3 }) : value;
}

/** True when a column reads as figures ("1,234", "3 / 2", "0.25"), so it is aligned right. */
export function isFigure(text: string): boolean {
  return /^[\d.,/ %-]+$/.test(text);
}
