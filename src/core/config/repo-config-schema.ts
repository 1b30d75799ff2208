import { z } from "zod";
import { DEFAULT_MIN_CONFIDENCE } from "../findings/select-inline-findings.js";
import { CATEGORIES, SEVERITIES } from "../types.js";
import { globListSchema } from "./glob-list-schema.js";

const DEFAULT_LIMITS = Object.freeze({ maxFiles: 300 });
const DEFAULT_COMMANDS = Object.freeze({ allowAuthor: false, replyToRefused: "always" as const });

const limitsShape = {
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
};

const commandsShape = {
  allowAuthor: z.boolean().default(DEFAULT_COMMANDS.allowAuthor).describe("Also honour /review from the pull request's author, who may lack write access"),
  replyToRefused: z
    .enum(["always", "private-only", "never"])
    .default(DEFAULT_COMMANDS.replyToRefused)
    .describe("When a refused /review gets a reply: always, only on private repositories (silent on public ones), or never"),
};

/** The keys whose value is itself a mapping of settings, each parsed field by field. */
export const CONFIG_SECTIONS = { limits: limitsShape, commands: commandsShape };

// `.github/patchwise.yml`. It may choose a model *name* but never a provider, key or base URL:
// a repository must not be able to redirect where its code is sent. `parseRepoConfig` reads it
// key by key against these schemas, and reports unknown keys instead of silently ignoring them.
export const repoConfigSchema = z
  .object({
    model: z.string().min(1).max(100).optional().describe("Model name override; the provider stays the operator's"),
    autoReview: z.boolean().default(true).describe("Review automatically on open/push; false leaves only /review"),
    drafts: z.boolean().default(false).describe("Also review draft pull requests"),
    include: globListSchema.default([]).describe("Globs of files to review even if a default exclude matches"),
    exclude: globListSchema.default([]).describe("Globs of files never to review"),
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
    modelLight: z.string().min(1).max(100).optional().describe("Model name for the verify pass (default: the operator's light model, else the review's); the provider stays the operator's"),
    instructions: z
      .union([z.string().max(4000), z.array(z.object({ paths: globListSchema, text: z.string().min(1).max(4000) }).strict()).max(20)], {
        error: "expected a text, or a list of {paths: [globs], text}",
      })
      .default("")
      .describe("Extra instructions for the reviewer: one text, or a list of {paths: [globs], text} each sent only with the files it matches"),
    instructionFiles: z
      .boolean()
      .default(true)
      .describe(
        "Also follow the instruction files written for GitHub's own reviewer, read from the default branch: .github/copilot-instructions.md (every request) and .github/instructions/**/*.instructions.md (only requests whose files match their applyTo globs); false reads none",
      ),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/)
      .max(35)
      .optional()
      .describe("BCP 47 tag (de, pt-BR) of the language findings, summaries, answers and descriptions are written in; code is not translated"),
    describe: z.enum(["off", "auto"]).default("off").describe("auto: write a description section into every newly opened pull request, as /describe does"),
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
    limits: z.object(limitsShape).strict().default(DEFAULT_LIMITS),
    commands: z
      .object(commandsShape)
      .strict()
      .default(DEFAULT_COMMANDS)
      .describe("Who may run /review besides people with write access, and how a refusal is answered"),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const DEFAULT_REPO_CONFIG: RepoConfig = repoConfigSchema.parse({});

type Sections = typeof CONFIG_SECTIONS;
/** Every setting by its path: `maxComments`, `limits.maxFiles`. */
export type ConfigKey =
  | Exclude<keyof RepoConfig, keyof Sections>
  | { [S in keyof Sections]: `${S}.${Extract<keyof Sections[S], string>}` }[keyof Sections];

/**
 * What an invalid value does. `stop`: the setting decides what is sent to the model, where, or
 * whether without being asked, and its default may send more than the team meant, so the review
 * does not run on a guess. `default`: the setting only narrows or shapes what is posted; its
 * default applies and the summary warns.
 */
export type OnInvalid = "stop" | "default";

export const ON_INVALID = {
  model: "stop",
  // Like `model`: the verify pass sends the diff to it, and a guess could send it to a model the team did not choose.
  modelLight: "stop",
  // The default (true) sends code on every push where the team may have asked for /review only.
  autoReview: "stop",
  drafts: "default",
  include: "stop",
  exclude: "stop",
  maxComments: "default",
  minSeverity: "default",
  // Unset never fails the check: a gate left open is reported, but sends nothing more.
  failOn: "default",
  excludeCategories: "default",
  minConfidence: "default",
  // Its default (off) asks the model nothing more.
  verify: "default",
  verifyThreshold: "default",
  instructions: "stop",
  // Its default (on) sends repository text the team may have meant to keep from the model.
  instructionFiles: "stop",
  // Shapes only the words posted; unset writes English.
  language: "default",
  // Its default (off) asks the model nothing unasked.
  describe: "default",
  relatedCodeLines: "stop",
  contextWindow: "stop",
  // Like contextWindow: it sizes what each request sends, and a guess could send more at once than the team allowed.
  requestTokens: "stop",
  "limits.maxFiles": "stop",
  "limits.maxChangedLines": "stop",
  // The review's budgets: past them nothing more is sent, and a guess could send more than the team allowed.
  "limits.maxReviewTokens": "stop",
  "limits.maxReviewCostUsd": "stop",
  "commands.allowAuthor": "default",
  "commands.replyToRefused": "default",
} as const satisfies Record<ConfigKey, OnInvalid>;
