import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../types.js";

// `.github/patchwise.yml`. It may choose a model *name* but never a provider, key or base URL:
// a repository must not be able to redirect where its code is sent. Unknown keys are errors
// so that a typo is reported instead of silently ignored.
export const repoConfigSchema = z
  .object({
    model: z.string().min(1).max(100).optional().describe("Model name override; the provider stays the operator's"),
    autoReview: z.boolean().default(true).describe("Review automatically on open/push; false leaves only /review"),
    drafts: z.boolean().default(false).describe("Also review draft pull requests"),
    include: z.array(z.string().min(1)).default([]).describe("Globs of files to review even if a default exclude matches"),
    exclude: z.array(z.string().min(1)).default([]).describe("Globs of files never to review"),
    maxComments: z.number().int().min(0).max(50).default(10).describe("Most inline comments in one review"),
    minSeverity: z.enum(SEVERITIES).default("minor").describe("Least severity posted inline"),
    excludeCategories: z.array(z.enum(CATEGORIES)).default([]),
    instructions: z.string().max(4000).default("").describe("Extra instructions for the reviewer"),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = repoConfigSchema.parse({});
