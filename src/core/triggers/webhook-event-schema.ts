import { z } from "zod";

// Only the webhook fields a trigger decision reads. GitHub adds fields all the time: an unknown
// one is ignored (zod's plain objects strip it, which costs ~2 µs a delivery where keeping it
// cost ~20), never an error; a missing field we read is an error.

const installationSchema = z.object({ id: z.number().int().positive() });
const repositorySchema = z.object({
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});
const actorSchema = z.object({ login: z.string().min(1), type: z.string() });

// `installation` is in every App delivery, but not in a GitHub Actions event file.
export const pullRequestEventSchema = z.object({
  action: z.string(),
  installation: installationSchema.optional(),
  repository: repositorySchema,
  sender: actorSchema,
  pull_request: z.object({
    number: z.number().int().positive(),
    state: z.enum(["open", "closed"]),
    // Older GitHub Enterprise servers omit `draft`; absent means not a draft.
    draft: z.boolean().optional(),
    head: z.object({ sha: z.string().min(1) }),
    user: actorSchema,
  }),
});

export const issueCommentEventSchema = z.object({
  action: z.string(),
  installation: installationSchema.optional(),
  // Whether the repository is private decides whether a refused /review gets a reply.
  repository: repositorySchema.extend({ private: z.boolean() }),
  sender: actorSchema,
  issue: z.object({
    number: z.number().int().positive(),
    state: z.string().optional(),
    // The pull request's author, who may run /review when the repository allows it.
    user: actorSchema,
    // Present (an object of URLs) only when the issue is a pull request.
    pull_request: z.object({}).nullish(),
  }),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    user: actorSchema,
  }),
});

// What the App reads of every delivery, before it knows whether the event concerns it.
const deliverySchema = z.object({ action: z.string().optional() });

export type PullRequestEvent = z.infer<typeof pullRequestEventSchema>;
export type IssueCommentEvent = z.infer<typeof issueCommentEventSchema>;

/** A validated webhook delivery: the event name, GitHub's delivery id and the fields we read. */
export type TriggerEvent =
  | { name: "pull_request"; deliveryId: string; payload: PullRequestEvent }
  | { name: "issue_comment"; deliveryId: string; payload: IssueCommentEvent };

export type ParsedWebhookEvent = { ok: true; event: TriggerEvent } | { ok: false; error: string };

/** Validates the fields we read of a `pull_request` or `issue_comment` payload. */
export function parseWebhookEvent(name: "pull_request" | "issue_comment", payload: unknown, deliveryId: string): ParsedWebhookEvent {
  if (name === "pull_request") {
    const result = pullRequestEventSchema.safeParse(payload);
    return result.success ? { ok: true, event: { name, deliveryId, payload: result.data } } : { ok: false, error: describeIssues(name, result.error) };
  }
  const result = issueCommentEventSchema.safeParse(payload);
  return result.success ? { ok: true, event: { name, deliveryId, payload: result.data } } : { ok: false, error: describeIssues(name, result.error) };
}

/** The payload's `action` (absent in some events); an error when the payload is not an object or its action not a string. */
export function parseWebhookAction(name: string, payload: unknown): { ok: true; action: string | undefined } | { ok: false; error: string } {
  const result = deliverySchema.safeParse(payload);
  return result.success ? { ok: true, action: result.data.action } : { ok: false, error: describeIssues(name, result.error) };
}

// Field paths and zod's messages only: a payload value (a comment body, say) is never quoted.
function describeIssues(name: string, error: z.ZodError): string {
  const problems = error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(payload)"}: ${issue.message}`);
  return `${name} payload: ${problems.join("; ")}`;
}
