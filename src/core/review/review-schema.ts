import { z } from "zod";
import { CATEGORIES, SEVERITIES } from "../types.js";

// The one definition of the model's answer: TypeScript types, validation and the JSON Schema
// sent to the provider all come from here. OpenAI's strict mode needs every property required,
// so optional values are nullable instead; no `refine` (it cannot become JSON Schema).
export const findingSchema = z.object({
  path: z.string().min(1).describe("Path of the file, exactly as given in the diff header"),
  line: z.number().int().positive().describe("Line the finding is about (last line of a range), numbered as in the hunk"),
  startLine: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe("First line of a multi-line range within the same hunk, or null"),
  side: z.enum(["RIGHT", "LEFT"]).describe("RIGHT for added or unchanged lines (new numbers), LEFT for deleted lines (old numbers)"),
  severity: z.enum(SEVERITIES).describe("critical, major, minor or nit"),
  category: z.enum(CATEGORIES),
  title: z.string().min(1).max(200).describe("One-line statement of the problem"),
  body: z.string().min(1).max(4000).describe("Why it matters and how to fix it, in markdown"),
  suggestion: z
    .string()
    .nullable()
    .describe("Exact replacement for lines startLine..line on the RIGHT side, without fences, or null"),
  // Defaults to null so answers of models that leave it out still validate; the default itself
  // is kept out of the JSON Schema (see buildReviewJsonSchema), where the field stays required.
  confidence: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .default(null)
    .describe("How sure you are that the problem is real, from 0 (a guess) to 1 (certain), or null"),
});

export const walkthroughEntrySchema = z.object({
  path: z.string().min(1),
  change: z.string().min(1).max(500).describe("One sentence on what changed in this file"),
});

export const reviewAnswerSchema = z.object({
  summary: z.string().min(1).max(2000).describe("Two or three sentences on what the pull request does"),
  walkthrough: z.array(walkthroughEntrySchema).max(300),
  findings: z.array(findingSchema).max(100),
});

// The input side, where `confidence` may be absent: a parsed answer always has it (null by
// default), and findings built elsewhere (tests, credentials) need not spell it out.
export type ReviewAnswer = z.input<typeof reviewAnswerSchema>;

/** JSON Schema of the answer, for OpenAI's `response_format` and Anthropic's tool `input_schema`. */
export function buildReviewJsonSchema(): Record<string, unknown> {
  return toModelJsonSchema(reviewAnswerSchema);
}

/**
 * A zod schema as the JSON Schema providers take: no `$schema`, and no `default` (OpenAI's strict
 * mode accepts only a subset of keywords; a defaulted field stays required there).
 */
export function toModelJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    override: (context) => {
      delete (context.jsonSchema as Record<string, unknown>).default;
    },
  }) as Record<string, unknown>;
  const { $schema: _ignored, ...rest } = json;
  return rest;
}
