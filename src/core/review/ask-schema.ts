import { z } from "zod";
import { toModelJsonSchema } from "./review-schema.js";

// The answer to an `/ask` question. Same rules as the review schema: every property required,
// no `refine`, so the JSON Schema sent to the provider comes from here.
export const askAnswerSchema = z.object({
  answer: z.string().min(1).max(20_000).describe("The answer to the question, in GitHub Markdown"),
});

export type AskAnswer = z.infer<typeof askAnswerSchema>;

/** JSON Schema of the `/ask` answer, for the provider's structured output. */
export function buildAskJsonSchema(): Record<string, unknown> {
  return toModelJsonSchema(askAnswerSchema);
}
