import { verifyAnswerSchema, type VerifyAnswer } from "./verify-schema.js";

// Some OpenAI-compatible local models wrap their JSON in a markdown fence despite the schema.
const FENCED = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;
const MAX_ERRORS = 5;

export type ParsedVerifyAnswer = { ok: true; answer: VerifyAnswer } | { ok: false; errors: string[] };

/** Validates the verify answer (an object, or JSON text, possibly fenced); errors name paths only, never values. */
export function parseVerifyAnswer(content: unknown): ParsedVerifyAnswer {
  let value = content;
  if (typeof content === "string") {
    const text = content.trim();
    try {
      value = JSON.parse(FENCED.exec(text)?.[1] ?? text);
    } catch {
      return { ok: false, errors: ["the answer is not valid JSON"] };
    }
  }
  const result = verifyAnswerSchema.safeParse(value, { reportInput: false });
  if (result.success) return { ok: true, answer: result.data };
  return { ok: false, errors: result.error.issues.slice(0, MAX_ERRORS).map((issue) => `${issue.path.length === 0 ? "(answer)" : issue.path.join(".")}: ${issue.message}`) };
}
