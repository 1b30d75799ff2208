import type { CommandRequest, ReviewJob, ReviewTrigger } from "../types.js";
import type { IssueCommentEvent, PullRequestEvent, ReviewCommentEvent, TriggerEvent } from "./webhook-event-schema.js";

export type { TriggerEvent } from "./webhook-event-schema.js";

/** A job whose head sha is still unknown for a `/review` command (the pipeline reads the PR). */
export type TriggeredJob = Omit<ReviewJob, "headSha"> & { headSha: string | null };

export type TriggerDecision =
  | {
      job: TriggeredJob;
      /** The PR is a draft; the pipeline, which alone reads the repo config, decides whether to review it. */
      draft: boolean;
    }
  | { skip: string };

const AUTOMATIC_ACTIONS: ReadonlySet<string> = new Set<ReviewTrigger>(["opened", "reopened", "ready_for_review", "synchronize"]);
const COMMAND = "/review";
const ASK_COMMAND = "/ask";
const DESCRIBE_COMMAND = "/describe";
const MAX_FOCUS_LENGTH = 200;
// The only words after `/review` that change what the command does; everything else is focus text,
// handed to the model as data. No word sets a configuration key.
const FULL_WORD = "full";

/** Decides whether a webhook event asks for a review, and of what. */
export function decideTrigger(event: TriggerEvent): TriggerDecision {
  const { sender } = event.payload;
  // Bots include Patchwise itself: reacting to our own activity could loop.
  if (isBot(sender)) return { skip: "sender is a bot" };
  if (event.name === "pull_request") return decidePullRequest(event.payload, event.deliveryId);
  if (event.name === "pull_request_review_comment") return decideThreadReply(event.payload, event.deliveryId);
  return decideComment(event.payload, event.deliveryId);
}

// Any reply in any review thread: whether the thread is Patchwise's is read from GitHub before
// anything else is done (the payload names only the thread's first comment).
function decideThreadReply(payload: ReviewCommentEvent, deliveryId: string): TriggerDecision {
  if (payload.action !== "created") return { skip: `pull_request_review_comment action "${payload.action}" does not trigger an answer` };
  if (isBot(payload.comment.user)) return { skip: "comment author is a bot" };
  const threadId = payload.comment.in_reply_to_id;
  if (threadId === undefined || threadId === null) return { skip: "review comment is not a reply in a thread" };
  if (payload.pull_request.state === "closed") return { skip: "the pull request is closed" };
  return commandJob(payload, payload.pull_request, deliveryId, { full: false, focus: "", name: "thread" });
}

function decidePullRequest(payload: PullRequestEvent, deliveryId: string): TriggerDecision {
  const pr = payload.pull_request;
  if (!AUTOMATIC_ACTIONS.has(payload.action)) return { skip: `pull_request action "${payload.action}" does not trigger a review` };
  if (pr.state === "closed") return { skip: "the pull request is closed" };
  return {
    job: {
      ...jobBase(payload, pr.number, deliveryId),
      headSha: pr.head.sha,
      trigger: payload.action as ReviewTrigger,
    },
    draft: pr.draft ?? false,
  };
}

function decideComment(payload: IssueCommentEvent, deliveryId: string): TriggerDecision {
  if (payload.action !== "created") return { skip: `issue_comment action "${payload.action}" does not trigger a review` };
  if (!payload.issue.pull_request) return { skip: "comment is on an issue, not a pull request" };
  if (isBot(payload.comment.user)) return { skip: "comment author is a bot" };
  const body = payload.comment.body ?? "";
  const parsed = parseReviewCommand(body) ?? parseAskCommand(body) ?? parseDescribeCommand(body);
  if (parsed === null) return { skip: "comment is not a /review, /ask or /describe command" };
  if (payload.issue.state === "closed") return { skip: "the pull request is closed" };
  return commandJob(payload, payload.issue, deliveryId, parsed);
}

// The head sha is read by the pipeline. An explicit request reviews drafts too; the draft flag
// only matters for automatic reviews.
function commandJob(
  payload: IssueCommentEvent | ReviewCommentEvent,
  pullRequest: { number: number; user: { login: string } },
  deliveryId: string,
  parsed: Pick<CommandRequest, "full" | "focus" | "name">,
): TriggerDecision {
  const command: CommandRequest = {
    actorLogin: payload.comment.user.login,
    pullRequestAuthorLogin: pullRequest.user.login,
    repositoryPrivate: payload.repository.private,
    commentId: payload.comment.id,
    ...parsed,
  };
  return { job: { ...jobBase(payload, pullRequest.number, deliveryId), headSha: null, trigger: "command", command }, draft: false };
}

/** `full` and the focus text after `/review` on the comment's first line, or null when it is not the command. */
function parseReviewCommand(body: string): { full: boolean; focus: string } | null {
  const rest = readCommandLine(body, COMMAND);
  if (rest === null) return null;
  const words = rest.trim();
  const full = words === FULL_WORD || words.startsWith(`${FULL_WORD} `);
  return { full, focus: (full ? words.slice(FULL_WORD.length) : words).trim().slice(0, MAX_FOCUS_LENGTH) };
}

// The question is not copied into the job: the pipeline reads the comment again, so no text of
// the pull request's conversation waits in a queue.
function parseAskCommand(body: string): { full: false; focus: ""; name: "ask" } | null {
  return readAskQuestion(body) !== null ? { full: false, focus: "", name: "ask" } : null;
}

// Words after `/describe` are ignored: the command takes no options.
function parseDescribeCommand(body: string): { full: false; focus: ""; name: "describe" } | null {
  return readCommandLine(body, DESCRIBE_COMMAND) === null ? null : { full: false, focus: "", name: "describe" };
}

/**
 * The question of an `/ask` comment: everything after the command word (it may run over several
 * lines), or null when the comment is not `/ask` or asks nothing.
 */
export function readAskQuestion(body: string): string | null {
  const trimmed = body.trim();
  if (readCommandLine(trimmed, ASK_COMMAND) === null) return null;
  const question = trimmed.slice(ASK_COMMAND.length).trim();
  return question === "" ? null : question;
}

/** What follows `command` on the comment's first line, or null when the line does not start with that word. */
function readCommandLine(body: string, command: string): string | null {
  const firstLine = body.trim().split(/\r?\n/, 1)[0] ?? "";
  if (!firstLine.startsWith(command)) return null;
  const rest = firstLine.slice(command.length);
  // `/reviewer` or `/asking` is another word, not our command.
  return rest !== "" && !/^\s/.test(rest) ? null : rest;
}

function jobBase(payload: PullRequestEvent | IssueCommentEvent | ReviewCommentEvent, pullNumber: number, deliveryId: string) {
  return {
    installationId: payload.installation?.id ?? null,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    pullNumber,
    deliveryId,
  };
}

function isBot(actor: { login: string; type: string }): boolean {
  return actor.type === "Bot" || actor.login.endsWith("[bot]");
}
