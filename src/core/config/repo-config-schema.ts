import { z } from "zod";
import { DEFAULT_MIN_CONFIDENCE } from "../findings/select-inline-findings.js";
import { CATEGORIES, SEVERITIES } from "../types.js";

const DEFAULT_LIMITS = Object.freeze({ maxFiles: 300 });
const DEFAULT_COMMANDS = Object.freeze({ allowAuthor: false, replyToRefused: "always" as const });

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
    failOn: z
      .enum(SEVERITIES)
      .optional()
      .describe("Fail the \"Patchwise review\" check run when an open finding is at least this severe (unset: never fail)"),
    excludeCategories: z.array(z.enum(CATEGORIES)).default([]),
    minConfidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE).describe("Least confidence (0..1) the model must state for a finding to be posted inline; the rest are listed in the summary"),
    verify: z.boolean().default(false).describe("A second, cheap model call scores each finding against the code it cites; low scores are dropped"),
    verifyThreshold: z.number().min(0).max(1).default(0.5).describe("Least verification score (0..1) a finding needs to be kept when verify is on"),
    instructions: z.string().max(4000).default("").describe("Extra instructions for the reviewer"),
    relatedCodeLines: z.number().int().min(0).max(5000).default(800).describe("Lines of related code (callers, definitions, tests) sent with the diff; 0 turns it off"),
    contextWindow: z
      .number()
      .int()
      .min(4_000)
      .max(10_000_000)
      .optional()
      .describe("Tokens of the model's context window to use; may lower the operator's value, never raise it"),
    requestTokens: z
      .number()
      .int()
      .min(2_000)
      .max(10_000_000)
      .optional()
      .describe("Input tokens one model request aims at (a larger pull request is split into several); may lower the operator's PATCHWISE_REQUEST_TOKENS, never raise it"),
    limits: z
      .object({
        maxFiles: z.number().int().min(1).max(3000).default(DEFAULT_LIMITS.maxFiles).describe("Most files reviewed; the rest are listed as skipped"),
        maxChangedLines: z.number().int().min(1).optional().describe("Most changed lines (additions + deletions) reviewed (unset: no line limit; the token and cost budgets apply)"),
        maxReviewTokens: z
          .number()
          .int()
          .min(1_000)
          .optional()
          .describe("Most input tokens one review sends to the model; may lower the operator's PATCHWISE_MAX_REVIEW_TOKENS, never raise it"),
        maxReviewCostUsd: z
          .number()
          .positive()
          .optional()
          .describe("Most US dollars one review may cost, where the model catalog knows the model's price; may lower the operator's PATCHWISE_MAX_REVIEW_COST_USD, never raise it"),
      })
      .strict()
      .default(DEFAULT_LIMITS),
    commands: z
      .object({
        allowAuthor: z.boolean().default(DEFAULT_COMMANDS.allowAuthor).describe("Also honour /review from the pull request's author, who may lack write access"),
        replyToRefused: z
          .enum(["always", "private-only", "never"])
          .default(DEFAULT_COMMANDS.replyToRefused)
          .describe("When a refused /review gets a reply: always, only on private repositories (silent on public ones), or never"),
      })
      .strict()
      .default(DEFAULT_COMMANDS)
      .describe("Who may run /review besides people with write access, and how a refusal is answered"),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = repoConfigSchema.parse({});
