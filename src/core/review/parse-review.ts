import type { z } from "zod";
import { reviewAnswerSchema, type ReviewAnswer } from "./review-schema.js";

const MAX_ERRORS = 20;

// Some OpenAI-compatible local models wrap their JSON in a markdown fence despite the schema.
const FENCED = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

export type ParsedReview = { ok: true; answer: ReviewAnswer } | { ok: false; errors: string[] };

/**
 * Validates the model's answer (an object, or JSON text, possibly fenced). Errors name the path
 * and the problem only, never the offending value: values are model output and may hold code.
 */
export function parseReview(content: unknown): ParsedReview {
  let value = content;
  if (typeof content === "string") {
    const text = content.trim();
    const json = FENCED.exec(text)?.[1] ?? text;
    try {
      value = JSON.parse(json);
    } catch {
      return { ok: false, errors: ["the answer is not valid JSON; answer with one JSON object that follows the schema"] };
    }
  }
  const result = reviewAnswerSchema.safeParse(value, { reportInput: false });
  if (result.success) return { ok: true, answer: result.data };
  const errors = result.error.issues.map(describeIssue);
  const extra = errors.length - MAX_ERRORS;
  return { ok: false, errors: extra > 0 ? [...errors.slice(0, MAX_ERRORS - 1), `…and ${extra + 1} more errors`] : errors };
}

/** The follow-up message that tells the model what was wrong with its answer, for the one retry. */
export function buildRepairMessage(errors: string[]): string {
  const list = errors.map((error) => `- ${error}`).join("\n");
  return [
    "Your previous answer did not match the required JSON schema. These problems were found:",
    list,
    "Answer again with the complete review as one JSON object that follows the schema exactly: every field present, null where a value is absent, and enum values spelled as listed.",
  ].join("\n");
}

// zod's default messages for enum and type issues quote the expected options, never the input;
// custom messages are not used in the schema, so `issue.message` is safe to show.
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length === 0 ? "(answer)" : issue.path.map(String).join(".");
  return `${path}: ${issue.message}`;
}
