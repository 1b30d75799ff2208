import { z } from "zod";
import type { ChangedFile } from "../core/types.js";

/** The fields we read of one item of GitHub's changed files (`pulls.listFiles`, a comparison's `files`). */
export const changedFileSchema = z.looseObject({
  filename: z.string().min(1),
  previous_filename: z.string().nullish(),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  patch: z.string().nullish(),
});

/** A valid item as the review takes it. */
export function toChangedFile(file: z.infer<typeof changedFileSchema>): ChangedFile {
  return {
    path: file.filename,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    ...(typeof file.patch === "string" ? { patch: file.patch } : {}),
  };
}

/**
 * One item (the `index`th) of GitHub's list of a pull request's files. A malformed one (an empty
 * file name, say) does not fail the review: it comes back `invalid`, to be named among the skipped
 * files with the fields that were wrong (their names only: a value could be anything).
 */
export function parseListedFile(item: unknown, index: number): ChangedFile {
  const parsed = changedFileSchema.safeParse(item);
  if (parsed.success) return toChangedFile(parsed.data);
  const fields = [...new Set(parsed.error.issues.map((issue) => (typeof issue.path[0] === "string" ? issue.path[0] : "entry")))];
  const named = z.looseObject({ filename: changedFileSchema.shape.filename }).safeParse(item);
  return {
    path: named.success ? named.data.filename : `(entry ${index + 1} of GitHub's file list)`,
    status: "unchanged",
    additions: 0,
    deletions: 0,
    invalid: `GitHub listed it with an invalid ${fields.join(", ")}`,
  };
}
