import { buildRepairMessage, parseReview } from "../core/review/parse-review.js";
import { buildReviewJsonSchema, type ReviewAnswer } from "../core/review/review-schema.js";
import type { ModelClient, ModelRequest, ModelUsage } from "./ports.js";

export interface ReviewAnswerResult {
  answer: ReviewAnswer | null;
  /** Readable validation errors of the last attempt when no valid answer came back. */
  errors: string[];
  usage: ModelUsage;
  requests: number;
}

export interface AnswerRequest {
  model: string;
  system: string;
  user: string;
  maxOutputTokens: number;
  onRetry?: ModelRequest["onRetry"];
}

const SCHEMA_NAME = "submit_review";

/**
 * Asks the model for a review and validates it; an invalid answer gets exactly one repair
 * request that names what was wrong. Provider failures propagate as `ModelError`.
 */
export async function requestReviewAnswer(
  client: ModelClient,
  request: AnswerRequest,
  signal?: AbortSignal,
): Promise<ReviewAnswerResult> {
  const schema = buildReviewJsonSchema();
  const usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };
  let user = request.user;
  let errors: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt++) {
    const response = await client.complete(
      { model: request.model, system: request.system, user, schema, schemaName: SCHEMA_NAME, maxOutputTokens: request.maxOutputTokens, ...(request.onRetry ? { onRetry: request.onRetry } : {}) },
      signal,
    );
    usage.inputTokens += response.usage.inputTokens;
    usage.outputTokens += response.usage.outputTokens;
    const parsed = parseReview(response.content);
    if (parsed.ok) return { answer: parsed.answer, errors: [], usage, requests: attempt };
    errors = parsed.errors;
    user = `${request.user}\n\n${buildRepairMessage(errors)}`;
  }
  return { answer: null, errors, usage, requests: 2 };
}
