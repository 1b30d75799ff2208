/** One section of `npm run bench`: a table of rows, plus notes printed under it. */
export type BenchSection = { title: string; rows: Record<string, string | number>[]; notes?: string[] };

/** Options every section receives; a section reads those it knows. */
export interface SectionOptions {
  /** A local git repository (or bare git directory) to measure instead of this one. */
  repo?: string;
  /** How many of its latest commits. */
  commits?: number;
  /** The commit its history is read back from (HEAD by default): pins a measurement. */
  rev?: string;
  /** Print each used definition the context missed (stderr). */
  misses?: boolean;
}
