/** One section of `npm run bench`: a table of rows, plus notes printed under it. */
export type BenchSection = { title: string; rows: Record<string, string | number>[]; notes?: string[] };

/** Options every section receives; a section reads those it knows. */
export interface SectionOptions {
  /** A local git repository (or bare git directory) to measure instead of this one. */
  repo?: string;
  /** How many of its latest commits. */
  commits?: number;
  /** The commit whose history is measured (default HEAD), so that a figure names what it measured. */
  rev?: string;
  /** Print every used definition the selection missed (to stderr), to classify them. */
  misses?: boolean;
}
