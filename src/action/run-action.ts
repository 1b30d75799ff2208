import { readFile } from "node:fs/promises";
import { commandLabel } from "../core/access/render-command-refusal.js";
import { decideTrigger } from "../core/triggers/decide-trigger.js";
import { parseWebhookEvent, type TriggerEventName } from "../core/triggers/webhook-event-schema.js";
import { acknowledgeCommand } from "../github/acknowledge-command.js";
import type { Logger } from "../log.js";
import { answerCommand } from "../pipeline/answer-command.js";
import { authorizeCommand } from "../pipeline/authorize-command.js";
import type { ModelClient } from "../pipeline/ports.js";
import type { ReviewOutcome } from "../pipeline/review-pull-request.js";
import type { AnswerResult } from "../pipeline/run-answer.js";
import type { PromptTemplates } from "../prompts/load-prompt-templates.js";
import type { ModelClientSettings } from "../providers/create-model-client.js";
import { openActionSession } from "./open-action-session.js";
import type { ActionInputs } from "./read-action-inputs.js";
import { reviewInAction } from "./review-in-action.js";

export interface ActionContext {
  inputs: ActionInputs;
  /** The review templates, the verify pass's, and the answering commands'. */
  templates: PromptTemplates;
  log: Logger;
  createModel?: (settings: ModelClientSettings) => ModelClient;
}

export type ActionResult = { exitCode: 0 | 1; outcome: ReviewOutcome | AnswerResult | { status: "ignored"; reason: string } };

const HANDLED_EVENTS: readonly TriggerEventName[] = ["pull_request", "issue_comment", "pull_request_review_comment"];

/**
 * The Action shell: the workflow's event → the same trigger decision, access check and pipelines
 * as the App (a review, `/ask`, `/describe`, or an answer in one of its threads). An answer that
 * fails fails the step, as a failed review does.
 */
export async function runAction(context: ActionContext): Promise<ActionResult> {
  const { inputs, log } = context;
  const eventName = HANDLED_EVENTS.find((name) => name === inputs.eventName);
  if (!eventName) return ignored(log, `event "${inputs.eventName}" is not handled; run the action on pull_request, issue_comment or pull_request_review_comment`);
  const payload: unknown = JSON.parse(await readFile(inputs.eventPath, "utf8"));
  const parsed = parseWebhookEvent(eventName, payload, `actions-run-${inputs.runId}`);
  if (!parsed.ok) throw new Error(`the event payload is not what a ${eventName} event holds: ${parsed.error}`);
  const decision = decideTrigger(parsed.event);
  if ("skip" in decision) return ignored(log, decision.skip);

  const { job } = decision;
  const session = openActionSession(context, job);
  // A reply in someone else's thread is none of our business: not even the access check runs.
  const thread = job.command?.name === "thread" ? await session.threads.readThread(job.command.commentId) : undefined;
  if (thread === null) return ignored(log, "reply in a thread Patchwise did not start");
  // On a public repository anyone may comment, and the workflow run spends the owner's model key.
  const access = await authorizeCommand(job, { access: session.access, config: session.answering.config, log });
  if (!access.allowed) return ignored(log, `${commandLabel(job.command?.name)} refused: ${access.reason}`);
  // A reply in a thread is answered in the thread: that answer is its acknowledgement.
  if (job.command && !thread) await acknowledgeCommand(session.octokit, session.ref, job.command.commentId, log, { runId: inputs.runId });
  const answer = answerCommand(job, thread, session.answering);
  if (!answer) return reviewInAction(job, session, context);
  const result = await answer;
  return { exitCode: result.status === "failed" ? 1 : 0, outcome: result };
}

function ignored(log: Logger, reason: string): ActionResult {
  log.info({ reason }, "nothing to do for this event");
  return { exitCode: 0, outcome: { status: "ignored", reason } };
}
