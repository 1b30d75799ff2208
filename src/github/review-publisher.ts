import { randomUUID } from "node:crypto";
import type { ReviewRequest } from "../core/review/build-review-request.js";
import type { ReviewPublisher } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { renderRunMarker, REVIEW_MARKER_PREFIX } from "../core/review/build-review-request.js";
import { SUMMARY_MARKER } from "../core/review/render-summary.js";
import { FINGERPRINT_MARKER_PREFIX } from "../core/findings/fingerprint-finding.js";
import { guardPostedText } from "../core/sanitize/guard-posted-text.js";
import { DISMISSED_MARKER } from "../core/review/render-question-answer.js";
import { writeOnce } from "./write-once.js";

export interface ReviewPublisherOptions {
  /** Our bot's login: when known, only its own reviews and comments count as Patchwise's. */
  botLogin?: string;
  /** Wait before looking for a review or summary comment that a write answered with a 5xx may have left (default 2 s). */
  retryDelayMs?: number;
  /** Names this review run in a hidden marker of the review it posts (default: a random id). */
  runId?: string;
}

const PER_PAGE = 100;

interface Authored {
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** Writes the review and the summary comment, never twice for the same commit or PR. */
export function createReviewPublisher(octokit: GitHubClient, ref: PullRequestRef, options: ReviewPublisherOptions = {}): ReviewPublisher {
  const pr = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  const issue = { owner: ref.owner, repo: ref.repo, issue_number: ref.pullNumber };
  const retry = { retryDelayMs: options.retryDelayMs };
  const runMarker = renderRunMarker(options.runId ?? randomUUID());
  const isOurs = (item: Authored, marker: string) =>
    (item.body ?? "").includes(marker) && (options.botLogin === undefined || item.user?.login === options.botLogin);

  // The summary's hidden state decides what the next review looks at, so when our login is unknown
  // (the App) only a bot's comment counts: a person cannot pose as Patchwise by pasting the marker.
  const isOurSummary = (item: Authored) => isOurs(item, SUMMARY_MARKER) && (options.botLogin !== undefined || isBotAccount(item.user));
  // The summary comment as last found or written (undefined: not looked for yet; null: there is
  // none), so the upsert after a review edits it without listing the comments again.
  let summaryComment: { id: number } | null | undefined;

  async function findSummary() {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: PER_PAGE });
    const found = comments.find(isOurSummary);
    summaryComment = found ? { id: found.id } : null;
    return found;
  }

  // Whether the last listing of the PR's reviews held one of ours (undefined: not listed yet).
  // Inline comments only come inside reviews, so without one there are none of ours to read.
  let hasOwnReview: boolean | undefined;

  async function listOwnReviews() {
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...pr, per_page: PER_PAGE });
    const own = reviews.filter((review) => isOurs(review, REVIEW_MARKER_PREFIX));
    hasOwnReview = own.length > 0;
    return own;
  }

  async function updateSummary(id: number, text: string) {
    await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: id, body: text });
    summaryComment = { id };
  }

  return {
    async hasReviewForCommit(headSha) {
      return (await listOwnReviews()).some((review) => review.commit_id === headSha);
    },

    // After a failed POST only a review with this run's marker counts as posted: an earlier review
    // of the same commit (before a `/review full`) is not this one.
    async postReview(request: ReviewRequest) {
      const review = inertReview(request);
      const body = `${review.body}\n${runMarker}`;
      const posted = await writeOnce(
        async (request) => (await octokit.rest.pulls.createReview({ ...pr, ...review, body, request })).data,
        async () => (await listOwnReviews()).find((each) => (each.body ?? "").includes(runMarker)),
        retry,
      );
      return { url: posted.html_url };
    },

    // Only comments carrying our fingerprint marker and, when the bot login is known, written by us:
    // anyone can type a marker, and a forged one must not hide a finding.
    async listOwnComments() {
      // The reviews were listed at the start of this review (one review of a PR runs at a time).
      if (hasOwnReview === false) return [];
      const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...pr, per_page: PER_PAGE });
      // Threads where our own answer concluded the finding does not hold: dismissed, as by a 👎.
      const answeredAway = new Set(comments.filter((comment) => comment.in_reply_to_id !== undefined && isOurs(comment, DISMISSED_MARKER)).map((comment) => comment.in_reply_to_id));
      return comments
        .filter((comment) => isOurs(comment, FINGERPRINT_MARKER_PREFIX))
        .map((comment) => ({
          body: comment.body,
          path: comment.path,
          line: comment.line ?? comment.original_line ?? null,
          dismissed: (comment.reactions?.["-1"] ?? 0) > 0 || answeredAway.has(comment.id),
          reactions: { up: comment.reactions?.["+1"] ?? 0, down: comment.reactions?.["-1"] ?? 0 },
        }));
    },

    async readSummary() {
      return (await findSummary())?.body ?? null;
    },

    async upsertSummary(body) {
      // The marker is what finds this comment next time; without it the next run would add another.
      const inert = guardPostedText(body);
      const text = inert.includes(SUMMARY_MARKER) ? inert : `${inert}\n\n${SUMMARY_MARKER}`;
      const existing = summaryComment === undefined ? await findSummary() : summaryComment;
      if (existing) return updateSummary(existing.id, text);
      // After a failed create, the summary comment found by its marker is the one it left (or one
      // another run wrote meanwhile): edited when it does not say what this one says, never added again.
      const written = await writeOnce<{ id: number; body?: string | null }>(
        async (request) => ({ id: (await octokit.rest.issues.createComment({ ...issue, body: text, request })).data.id, body: text }),
        findSummary,
        retry,
      );
      if (written.body !== text) return updateSummary(written.id, text);
      summaryComment = { id: written.id };
    },
  };
}

// The last guard before GitHub: the core sanitises what the model and the pull request wrote, but
// our own templates also show file names and error texts; no line of it may command another bot.
function inertReview(review: ReviewRequest): ReviewRequest {
  return { ...review, body: guardPostedText(review.body), comments: review.comments.map((comment) => ({ ...comment, body: guardPostedText(comment.body) })) };
}

function isBotAccount(user: Authored["user"]): boolean {
  return user?.type === "Bot" || (user?.login ?? "").endsWith("[bot]");
}
