import { z } from "zod";
import { toModelJsonSchema } from "./review-schema.js";

// The verify pass's answer: one score per candidate finding. Same rules as the review schema:
// every property required, no `refine`, so the JSON Schema sent to the provider comes from here.
export const verifyScoreSchema = z.object({
  id: z.string().min(1).max(20).describe("The finding's id, exactly as given (f1, f2, ...)"),
  score: z.number().min(0).max(1).describe("How likely the finding is a real problem at the cited lines, from 0 (wrong) to 1 (certainly right)"),
  reason: z.string().max(300).describe("One line on why"),
});

export const verifyAnswerSchema = z.object({
  scores: z.array(verifyScoreSchema).max(200),
});

export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;

/** JSON Schema of the verify answer, for OpenAI's `response_format` and Anthropic's tool `input_schema`. */
export function buildVerifyJsonSchema(): Record<string, unknown> {
  return toModelJsonSchema(verifyAnswerSchema);
}
