import { formatPlaceholder } from "./format-placeholder.js";

// Shorter values (a 6-character database password) would match ordinary words in a comment.
const MIN_MATCH_LENGTH = 8;

/**
 * The values one review redacted, held in memory so the shell can check that text the model wrote
 * does not put one back. NEVER log, serialise, persist or put it in an error: it holds the
 * secrets themselves. The values sit in a private field; JSON and `console.log` show only a count.
 */
export class RedactedValues {
  /** [value, type], longest value first so a value is replaced before any value inside it. */
  readonly #entries: ReadonlyArray<readonly [string, string]>;

  constructor(found: Iterable<{ value: string; type: string }>) {
    const byValue = new Map<string, string>();
    for (const { value, type } of found) for (const fragment of fragmentsOf(value)) if (!byValue.has(fragment)) byValue.set(fragment, type);
    this.#entries = [...byValue].sort(([a], [b]) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** How many distinct values (or lines of multi-line values) are held. */
  get size(): number {
    return this.#entries.length;
  }

  /** True when `text` holds any redacted value. */
  contains(text: string): boolean {
    return this.#entries.some(([value]) => text.includes(value));
  }

  /** `text` with every redacted value replaced by its typed placeholder. */
  scrub(text: string): string {
    return this.#entries.reduce((result, [value, type]) => result.split(value).join(formatPlaceholder(type)), text);
  }

  /** One set holding the values of all. */
  static combine(sets: readonly RedactedValues[]): RedactedValues {
    return new RedactedValues(sets.flatMap((set) => set.#entries.map(([value, type]) => ({ value, type }))));
  }

  toJSON(): { redactedValues: number } {
    return { redactedValues: this.size };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `RedactedValues { ${this.size} value(s), not shown }`;
  }
}

// A multi-line value (a PEM block, raw or as a JSON string with \n escapes) is held line by line:
// a model quoting one line of it must be caught too. The BEGIN/END armour lines are not secret.
function fragmentsOf(value: string): string[] {
  return value
    .split(/\r?\n|\\r\\n|\\n/)
    .map((line) => line.trim().replace(/^["'`]+|["'`,]+$/g, ""))
    .filter((line) => line.length >= MIN_MATCH_LENGTH && !line.startsWith("-----"));
}
