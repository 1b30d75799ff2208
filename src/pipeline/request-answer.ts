import type { z } from "zod";
import { parseModelJson } from "../core/review/parse-model-json.js";
import { renderQuestionAnswer } from "../core/review/render-question-answer.js";
import type { ModelClient, ModelUsage } from "./ports.js";
import { NotAnsweredError, type PreparedAnswer } from "./prepare-answer.js";
import type { AnswerProgress } from "./run-answer.js";

export interface AnswerRequestOptions<T> {
  /** What the prompt adds after the prepared user message (the standing findings, for `/ask`). */
  extraUser?: string;
  schema: z.ZodType<T>;
  jsonSchema: Record<string, unknown>;
  schemaName: string;
  signal?: AbortSignal | undefined;
  /** Told what the request spent as soon as the model answers, even when its answer is then refused. */
  progress: AnswerProgress;
}

const MAX_ERRORS = 5;

/** Asks the model once and validates the answer; an answer outside the schema throws NotAnsweredError (paths only, no text). */
export async function requestAnswer<T>(client: ModelClient, prepared: Pick<PreparedAnswer, "model" | "prompt" | "maxOutputTokens" | "sent" | "redaction">, options: AnswerRequestOptions<T>): Promise<{ answer: T; usage: ModelUsage; model: string }> {
  options.signal?.throwIfAborted();
  const user = options.extraUser === undefined ? prepared.prompt.user : `${prepared.prompt.user}\n\n${options.extraUser}`;
  options.progress.sent = { ...prepared.sent, secretsRedacted: prepared.redaction.counts };
  const response = await client.complete(
    { model: prepared.model, system: prepared.prompt.system, user, schema: options.jsonSchema, schemaName: options.schemaName, maxOutputTokens: prepared.maxOutputTokens },
    options.signal,
  );
  options.progress.modelRequest = { provider: client.provider, model: response.model, inputTokens: response.usage.inputTokens, outputTokens: response.usage.outputTokens };
  const parsed = parseModelJson(options.schema, response.content, MAX_ERRORS);
  if (!parsed.ok) throw new NotAnsweredError(`the model's answer did not match the answer schema (${parsed.errors.slice(0, 3).join("; ")})`);
  return { answer: parsed.answer, usage: response.usage, model: response.model };
}

/** The comment for an answer's text: sanitised and scrubbed of what was redacted, with the model's footer, `notice` (else the prepared one) and `markers`. */
export function renderAnswer(
  text: string,
  asked: { usage: ModelUsage; model: string },
  prepared: Pick<PreparedAnswer, "redaction" | "notice" | "price">,
  options: { provider: string; githubHost: string | undefined; notice?: string | undefined; markers?: readonly string[] },
): string {
  const notice = options.notice ?? prepared.notice;
  return renderQuestionAnswer(
    {
      answer: text,
      redaction: prepared.redaction,
      githubHost: options.githubHost ?? "github.com",
      model: asked.model,
      provider: options.provider,
      tokens: { input: asked.usage.inputTokens, output: asked.usage.outputTokens },
      price: prepared.price,
      ...(notice ? { notice } : {}),
    },
    options.markers,
  );
}
