/** One section of `npm run bench`: a table of rows, plus notes printed under it. */
export type BenchSection = { title: string; rows: Record<string, string | number>[]; notes?: string[] };
