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

export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;

/** JSON Schema of the answer, for OpenAI's `response_format` and Anthropic's tool `input_schema`. */
export function buildReviewJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(reviewAnswerSchema) as Record<string, unknown>;
  return schema;
}
