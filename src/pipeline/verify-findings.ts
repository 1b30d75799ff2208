import type { Redaction } from "../core/redact/build-redaction.js";
import type { ReviewAnswer } from "../core/review/review-schema.js";
import { scrubAnswer } from "../core/review/scrub-answer.js";
import { applyVerifyScores } from "../core/review/verify-apply-scores.js";
import { buildVerifyPrompt, type VerifyPrompt } from "../core/review/verify-build-prompt.js";
import { parseVerifyAnswer } from "../core/review/verify-parse-answer.js";
import type { VerificationSummary } from "../core/review/verify-render-note.js";
import { buildVerifyJsonSchema } from "../core/review/verify-schema.js";
import type { FilePatch } from "../core/types.js";
import type { Logger } from "../log.js";
import type { ModelClient } from "./ports.js";
import { runWithConcurrency } from "./run-with-concurrency.js";

export interface VerifyFindingsOptions {
  model: string;
  /** The verify templates; without them verification cannot run and every finding is kept. */
  templates: { system: string; user: string } | undefined;
  /** Findings scored under this are dropped. */
  threshold: number;
  /** The patches as they were sent (redacted): the only code the verifier sees. */
  patches: readonly FilePatch[];
  /** What was redacted from the review prompts: the finding text is scrubbed of it before it is sent again. */
  redaction: Pick<Redaction, "secrets" | "total">;
  /** The review's own output limit; a verify answer needs far less. */
  maxOutputTokens: number;
  concurrency: number;
  log: Logger;
  ids: object;
  signal?: AbortSignal;
}

export interface VerifiedAnswers {
  /** The answers with the findings the verifier scored under the threshold removed. */
  answers: ReviewAnswer[];
  summary: VerificationSummary;
}

const SCHEMA_NAME = "submit_scores";
// A score with a one-line reason is some 40 tokens; the rest is headroom for the JSON around it.
const TOKENS_PER_SCORE = 80;
const BASE_OUTPUT_TOKENS = 200;

/**
 * The verify pass: one cheap model call per review answer (chunk) that scores each finding
 * against the code it cites, then drops those under the threshold. A call that fails or answers
 * outside the schema keeps its findings (logged, and counted for the summary); an abort rejects.
 */
export async function verifyFindings(client: ModelClient, answers: readonly ReviewAnswer[], options: VerifyFindingsOptions): Promise<VerifiedAnswers> {
  const summary: VerificationSummary = { threshold: options.threshold, requests: 0, failed: 0, scored: 0, dropped: 0, tokens: { input: 0, output: 0 } };
  const templates = options.templates;
  if (!templates) {
    options.log.warn(options.ids, "verify templates not loaded; findings kept unverified");
    return { answers: [...answers], summary: { ...summary, unavailable: "its prompt templates were not loaded" } };
  }
  const schema = buildVerifyJsonSchema();
  const prompts = answers.map((answer) =>
    buildVerifyPrompt({ templates, findings: scrubAnswer(answer, options.redaction).findings, patches: options.patches }),
  );
  const verified = await runWithConcurrency(
    answers,
    options.concurrency,
    async (answer, index) => {
      const prompt = prompts[index];
      if (!prompt) return answer;
      summary.requests += 1;
      const scores = await requestScores(client, prompt, schema, options, summary);
      if (scores === null) return answer;
      const applied = applyVerifyScores(answer.findings, prompt.candidates, scores, options.threshold);
      summary.scored += applied.scored;
      summary.dropped += applied.dropped.length;
      return { ...answer, findings: applied.kept };
    },
    options.signal,
  );
  options.log.info({ ...options.ids, verifyRequests: summary.requests, failed: summary.failed, scored: summary.scored, dropped: summary.dropped, ...summary.tokens }, "findings verified");
  return { answers: verified, summary };
}

async function requestScores(
  client: ModelClient,
  prompt: VerifyPrompt,
  schema: Record<string, unknown>,
  options: VerifyFindingsOptions,
  summary: VerificationSummary,
) {
  const maxOutputTokens = Math.min(options.maxOutputTokens, BASE_OUTPUT_TOKENS + TOKENS_PER_SCORE * prompt.candidates.length);
  try {
    const response = await client.complete({ model: options.model, system: prompt.system, user: prompt.user, schema, schemaName: SCHEMA_NAME, maxOutputTokens }, options.signal);
    summary.tokens.input += response.usage.inputTokens;
    summary.tokens.output += response.usage.outputTokens;
    const parsed = parseVerifyAnswer(response.content);
    if (parsed.ok) return parsed.answer;
    summary.failed += 1;
    options.log.warn({ ...options.ids, problems: parsed.errors.length }, "verify answer did not match its schema; findings kept unverified");
    return null;
  } catch (error) {
    // A newer commit superseded this review: stop, as the review call would.
    if (options.signal?.aborted) throw error;
    summary.failed += 1;
    options.log.warn({ ...options.ids, errorType: errorType(error) }, "verify request failed; findings kept unverified");
    return null;
  }
}

// Type and status only: an SDK error's message can quote a response body.
function errorType(error: unknown): string {
  const { name, status } = (error ?? {}) as { name?: unknown; status?: unknown };
  const type = typeof name === "string" ? name : typeof error;
  return typeof status === "number" ? `${type} ${status}` : type;
}
