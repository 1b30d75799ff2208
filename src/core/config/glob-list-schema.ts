import { braceExpand } from "minimatch";
import { z } from "zod";

/** Longest glob a repository may configure; real ones are a few dozen characters. */
export const MAX_GLOB_CHARS = 256;
/** Most patterns one glob may stand for once its braces are expanded (`*.{ts,tsx}` is 2). */
export const MAX_GLOB_EXPANSIONS = 32;
/** Most expanded patterns one list (`include` or `exclude`) may hold in all. */
export const MAX_LIST_EXPANSIONS = 256;

/**
 * A list of file globs, refused before anything compiles it when it would cost the review real
 * time: minimatch compiles one pattern per brace expansion, and every changed file is matched
 * against each, so `{a,b}` written 17 times is 131,072 patterns (about a second per review).
 */
export const globListSchema = z.array(z.string().min(1).max(MAX_GLOB_CHARS)).superRefine((globs, ctx) => {
  let total = 0;
  globs.forEach((glob, index) => {
    const expansions = countExpansions(glob);
    total += expansions;
    if (expansions > MAX_GLOB_EXPANSIONS) {
      ctx.addIssue({ code: "custom", path: [index], message: `its braces expand to more than ${MAX_GLOB_EXPANSIONS} patterns` });
    }
  });
  if (total > MAX_LIST_EXPANSIONS) {
    ctx.addIssue({ code: "custom", message: `its globs expand to more than ${MAX_LIST_EXPANSIONS} patterns in all` });
  }
});

// Expansion stops one past the limit, so a brace bomb costs no more than a legal glob.
function countExpansions(glob: string): number {
  return braceExpand(glob, { braceExpandMax: MAX_GLOB_EXPANSIONS + 1 }).length;
}
