import type { z } from "zod";

// Some OpenAI-compatible local models wrap their JSON in a markdown fence despite the schema.
const FENCED = /^```[a-zA-Z]*\s*\n([\s\S]*?)\n?```$/;

export type ParsedModelJson<T> = { ok: true; answer: T } | { ok: false; errors: string[] };

/**
 * Validates a model's structured answer (an object, or JSON text, possibly fenced) against
 * `schema`. Errors name the path and the problem only, never the value: values are model output.
 */
export function parseModelJson<T>(schema: z.ZodType<T>, content: unknown, maxErrors: number): ParsedModelJson<T> {
  let value = content;
  if (typeof content === "string") {
    const text = content.trim();
    try {
      value = JSON.parse(FENCED.exec(text)?.[1] ?? text);
    } catch {
      return { ok: false, errors: ["the answer is not valid JSON"] };
    }
  }
  const result = schema.safeParse(value, { reportInput: false });
  if (result.success) return { ok: true, answer: result.data };
  return { ok: false, errors: result.error.issues.slice(0, maxErrors).map((issue) => `${issue.path.length === 0 ? "(answer)" : issue.path.join(".")}: ${issue.message}`) };
}
