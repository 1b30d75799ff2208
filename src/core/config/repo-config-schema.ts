import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../types.js";

const DEFAULT_LIMITS = Object.freeze({ maxFiles: 300, maxChangedLines: 5_000 });

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
    contextWindow: z
      .number()
      .int()
      .min(4_000)
      .max(10_000_000)
      .optional()
      .describe("Tokens of the model's context window to use; may lower the operator's value, never raise it"),
    limits: z
      .object({
        maxFiles: z.number().int().min(1).max(3000).default(DEFAULT_LIMITS.maxFiles).describe("Most files reviewed; the rest are listed as skipped"),
        maxChangedLines: z.number().int().min(1).default(DEFAULT_LIMITS.maxChangedLines).describe("Most changed lines (additions + deletions) reviewed"),
      })
      .strict()
      .default(DEFAULT_LIMITS),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = repoConfigSchema.parse({});
