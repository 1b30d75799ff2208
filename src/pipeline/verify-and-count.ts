import type { ReviewAnswer } from "../core/review/review-schema.js";
import type { ModelClient } from "./ports.js";
import type { ModelRequestCounts, ReviewTimings } from "./review-outcome.js";
import { verifyFindings, type VerifiedAnswers, type VerifyFindingsOptions } from "./verify-findings.js";

/** The verify pass (`verify: true`), its time counted as model time and its requests and tokens added to the review's. */
export async function verifyAndCount(
  client: ModelClient,
  answers: readonly ReviewAnswer[],
  counters: { timings: ReviewTimings; usage: ModelRequestCounts },
  options: VerifyFindingsOptions,
): Promise<VerifiedAnswers> {
  const started = performance.now();
  const verified = await verifyFindings(client, answers, options);
  counters.timings.modelMs += performance.now() - started;
  const { usage } = counters;
  const spent = verified.summary;
  Object.assign(usage, { requests: usage.requests + spent.requests, inputTokens: usage.inputTokens + spent.tokens.input, outputTokens: usage.outputTokens + spent.tokens.output });
  return verified;
}
