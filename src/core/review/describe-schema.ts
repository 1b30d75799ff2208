import { z } from "zod";
import { toModelJsonSchema } from "./review-schema.js";

// The generated description of a pull request (`/describe`). Same rules as the review schema.
export const describeAnswerSchema = z.object({
  what: z.string().min(1).max(4_000).describe("What the pull request changes and why, in a short paragraph or two"),
  risk: z.string().min(1).max(2_000).describe("What could break or needs a careful look, or that the risk is low and why"),
  walkthrough: z
    .array(z.object({ path: z.string().min(1).max(500), change: z.string().min(1).max(1_000).describe("One or two sentences on what changed in this file") }))
    .max(300),
});

export type DescribeAnswer = z.infer<typeof describeAnswerSchema>;

/** JSON Schema of the description answer, for the provider's structured output. */
export function buildDescribeJsonSchema(): Record<string, unknown> {
  return toModelJsonSchema(describeAnswerSchema);
}
