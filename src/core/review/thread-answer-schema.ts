import { z } from "zod";
import { toModelJsonSchema } from "./review-schema.js";

/** Whether the finding still stands after the reply; `does not hold` dismisses it for later reviews. */
export const THREAD_VERDICTS = ["holds", "does not hold", "unsure"] as const;

// The answer to a reply in one of Patchwise's review threads. Same rules as the review schema.
export const threadAnswerSchema = z.object({
  answer: z.string().min(1).max(20_000).describe("The reply to the thread, in GitHub Markdown"),
  verdict: z
    .enum(THREAD_VERDICTS)
    .describe('"does not hold" only when the thread shows the finding is wrong or intended (handled elsewhere, by design); "unsure" when the code shown cannot settle it'),
});

export type ThreadAnswer = z.infer<typeof threadAnswerSchema>;

/** JSON Schema of the thread answer, for the provider's structured output. */
export function buildThreadAnswerJsonSchema(): Record<string, unknown> {
  return toModelJsonSchema(threadAnswerSchema);
}
