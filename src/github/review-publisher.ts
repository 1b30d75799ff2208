import type { ReviewRequest } from "../core/review/build-review-request.js";
import type { ReviewPublisher } from "../pipeline/ports.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { REVIEW_MARKER_PREFIX } from "../core/review/build-review-request.js";
import { SUMMARY_MARKER } from "../core/review/render-summary.js";
import { FINGERPRINT_MARKER_PREFIX } from "../core/findings/fingerprint-finding.js";

export interface ReviewPublisherOptions {
  /** Our bot's login: when known, only its own reviews and comments count as Patchwise's. */
  botLogin?: string;
  /** Wait before posting a review again after a 5xx that left no review behind (default 2 s). */
  postRetryDelayMs?: number;
}

const PER_PAGE = 100;
const MAX_POST_ATTEMPTS = 3;
const DEFAULT_POST_RETRY_DELAY_MS = 2_000;

interface Authored {
  body?: string | null;
  user?: { login: string; type?: string } | null;
}

/** Writes the review and the summary comment, never twice for the same commit or PR. */
export function createReviewPublisher(octokit: GitHubClient, ref: PullRequestRef, options: ReviewPublisherOptions = {}): ReviewPublisher {
  const pr = { owner: ref.owner, repo: ref.repo, pull_number: ref.pullNumber };
  const issue = { owner: ref.owner, repo: ref.repo, issue_number: ref.pullNumber };
  const retryDelayMs = options.postRetryDelayMs ?? DEFAULT_POST_RETRY_DELAY_MS;
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

  async function findReviewForCommit(headSha: string) {
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...pr, per_page: PER_PAGE });
    const own = reviews.filter((review) => isOurs(review, REVIEW_MARKER_PREFIX));
    hasOwnReview = own.length > 0;
    return own.find((review) => review.commit_id === headSha);
  }

  return {
    async hasReviewForCommit(headSha) {
      return (await findReviewForCommit(headSha)) !== undefined;
    },

    // Octokit's retry plugin would resend the POST after a 5xx, and a 5xx does not prove that
    // GitHub dropped the review: so we send it without the plugin's retries, and before each
    // new attempt look for the review the failed one may have created.
    async postReview(review: ReviewRequest) {
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await octokit.rest.pulls.createReview({ ...pr, ...review, request: { retries: 0 } });
          return { url: data.html_url };
        } catch (error) {
          if (!mayHaveReachedGitHub(error)) throw error;
          const posted = await findReviewForCommit(review.commit_id);
          if (posted) return { url: posted.html_url };
          if (attempt >= MAX_POST_ATTEMPTS) throw error;
          await sleep(retryDelayMs * attempt);
        }
      }
    },

    // Only comments carrying our fingerprint marker and, when the bot login is known, written by us:
    // anyone can type a marker, and a forged one must not hide a finding.
    async listOwnComments() {
      // The reviews were listed at the start of this review (one review of a PR runs at a time).
      if (hasOwnReview === false) return [];
      const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...pr, per_page: PER_PAGE });
      return comments
        .filter((comment) => isOurs(comment, FINGERPRINT_MARKER_PREFIX))
        .map((comment) => ({
          body: comment.body,
          path: comment.path,
          line: comment.line ?? comment.original_line ?? null,
          dismissed: (comment.reactions?.["-1"] ?? 0) > 0,
          reactions: { up: comment.reactions?.["+1"] ?? 0, down: comment.reactions?.["-1"] ?? 0 },
        }));
    },

    async readSummary() {
      return (await findSummary())?.body ?? null;
    },

    async upsertSummary(body) {
      // The marker is what finds this comment next time; without it the next run would add another.
      const text = body.includes(SUMMARY_MARKER) ? body : `${body}\n\n${SUMMARY_MARKER}`;
      const existing = summaryComment === undefined ? await findSummary() : summaryComment;
      if (existing) {
        await octokit.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body: text });
      } else {
        const { data } = await octokit.rest.issues.createComment({ ...issue, body: text });
        summaryComment = { id: data.id };
      }
    },
  };
}

function isBotAccount(user: Authored["user"]): boolean {
  return user?.type === "Bot" || (user?.login ?? "").endsWith("[bot]");
}

// Octokit reports network failures and timeouts as status 500 too: after any of them GitHub
// may still have created the review.
function mayHaveReachedGitHub(error: unknown): boolean {
  const status = typeof error === "object" && error !== null && "status" in error ? (error as { status: unknown }).status : undefined;
  return typeof status === "number" && status >= 500;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
