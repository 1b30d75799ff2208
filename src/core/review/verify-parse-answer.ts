import { parseModelJson, type ParsedModelJson } from "./parse-model-json.js";
import { verifyAnswerSchema, type VerifyAnswer } from "./verify-schema.js";

const MAX_ERRORS = 5;

export type ParsedVerifyAnswer = ParsedModelJson<VerifyAnswer>;

/** Validates the verify answer (an object, or JSON text, possibly fenced); errors name paths only, never values. */
export function parseVerifyAnswer(content: unknown): ParsedVerifyAnswer {
  return parseModelJson(verifyAnswerSchema, content, MAX_ERRORS);
}
