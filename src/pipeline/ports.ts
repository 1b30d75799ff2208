// The narrow seams between the review pipeline and the outside world. Each shell (App, Action,
// CLI) supplies its own implementations; tests supply fakes or nock-backed real ones.
import type { RepoSnapshot } from "../core/context/repo-snapshot.js";
import type { ExistingComment } from "../core/findings/read-fingerprints.js";
import type { RepositoryPermission } from "../core/access/decide-command-access.js";
import type { ChangedFile } from "../core/types.js";
import type { ReviewRequest } from "../core/review/build-review-request.js";
import type { CommitComparison } from "../core/review/plan-incremental-range.js";
import type { CheckRunUpdate } from "../core/progress/check-run-update.js";
import type { InstructionFileSources } from "../core/instructions/collect-instruction-files.js";

export interface PullRequestInfo {
  number: number;
  title: string;
  body: string;
  authorLogin: string;
  draft: boolean;
  state: "open" | "closed";
  baseRef: string;
  baseSha: string;
  headSha: string;
  /** GitHub's count of changed files; `listFiles` stops at 3000 (or earlier, when asked), so a larger count means unlisted files. */
  changedFiles?: number;
}

export interface ListFilesOptions {
  /** Files enough for the review: a source that reads pages may stop once it has this many. */
  atMost?: number;
}

/** Reads one pull request and its changed files. */
export interface PullRequestSource {
  getPullRequest(): Promise<PullRequestInfo>;
  /** Every changed file (paginated), with GitHub's per-file patch where it has one. */
  listFiles(options?: ListFilesOptions): Promise<ChangedFile[]>;
  /** How `head` differs from `base` (GitHub's compare); without it every review is a full one. */
  compareCommits?(base: string, head: string): Promise<CommitComparison>;
}

export interface ReadSnapshotOptions {
  /** Commit to read (the PR's head sha); the working-tree reader reads the files on disk instead. */
  ref: string;
  /**
   * How much the review needs a path, lowest first (changed files, then their neighbourhood);
   * undefined when it does not. Readers that must be selective read ranked paths only, best first;
   * without `rank` every path ranks the same (alphabetical order).
   */
  rank?: (path: string) => number | undefined;
  signal?: AbortSignal;
}

/** Loads a repository snapshot into memory (never onto disk) for related-code context. */
export interface RepoReader {
  readSnapshot(options: ReadSnapshotOptions): Promise<RepoSnapshot>;
}

/** Reads the repository's own configuration (`.github/patchwise.yml`) from a trusted ref. */
export interface ConfigSource {
  /** The parsed YAML, or null when there is none. Throws a `ConfigReadError` when it is not YAML. */
  loadRepoConfig(): Promise<unknown>;
  /**
   * The instruction files written for GitHub's reviewer (`.github/copilot-instructions.md`,
   * the `*.instructions.md` files under `.github/instructions/`) from the same trusted ref, as planned by
   * `planInstructionReads`; none when the repository has none. Without it no file is read.
   */
  loadInstructionFiles?(): Promise<InstructionFileSources>;
}

export interface ModelRequest {
  model: string;
  system: string;
  user: string;
  /** JSON Schema the answer must follow. */
  schema: Record<string, unknown>;
  schemaName: string;
  maxOutputTokens: number;
  /** Told when the client sends this request again after a failure it retries (a long wait says why). */
  onRetry?: (notice: RetryNotice) => void;
}

/** A model request is being sent again: the attempt about to start of `of` at most, and why (a status, or no answer in time). */
export interface RetryNotice {
  attempt: number;
  of: number;
  reason: string;
}

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ModelResponse {
  /** The structured answer as the provider returned it, not yet validated. */
  content: unknown;
  usage: ModelUsage;
  model: string;
}

/** One model provider. Throws `ModelError` (retryable or not) on failure. */
export interface ModelClient {
  readonly provider: string;
  complete(request: ModelRequest, signal?: AbortSignal): Promise<ModelResponse>;
}

/** Writes the outcome of a review back to the pull request. */
export interface ReviewPublisher {
  /** True when a Patchwise review of this head sha is already on the pull request. */
  hasReviewForCommit(headSha: string): Promise<boolean>;
  /** Posts the one batched review; returns its web URL. */
  postReview(review: ReviewRequest): Promise<{ url: string }>;
  /** Creates the summary comment, or edits the existing one found by its hidden marker. */
  upsertSummary(body: string): Promise<void>;
  /** Patchwise's own inline comments already on the pull request (with a person's 👎 as dismissal). */
  listOwnComments(): Promise<ExistingComment[]>;
  /** The body of Patchwise's summary comment (its hidden state says what was reviewed), or null; without it every review is a full one. */
  readSummary?(): Promise<string | null>;
}

/** Shows a review's progress where developers look (on GitHub: a check run on the head commit). */
export interface ProgressReporter {
  /** Shows `update` for the review of `headSha`. Never throws; resolves once GitHub has it, or has refused it. */
  report(headSha: string, update: CheckRunUpdate): Promise<void>;
}

/** Who may command Patchwise on one pull request, and the answer to those who may not. */
export interface CommandAccessPort {
  /** The user's access to the repository; null when GitHub knows no such user. */
  getPermission(login: string): Promise<RepositoryPermission | null>;
  /** Posts `body` unless a comment holding `marker` is already on the pull request; says which. */
  ensureRefusalReply(body: string, marker: string): Promise<"posted" | "already there">;
}

/** The conversation of one pull request, for the commands that answer in it (`/ask`). */
export interface ConversationPort {
  /** The body of one comment on the pull request (the command, read again), or null when it was deleted. */
  readComment(commentId: number): Promise<string | null>;
  /** Posts one comment; after a failed attempt, a comment carrying `marker` is taken as posted rather than sent again. */
  postComment(body: string, marker: string): Promise<{ url: string }>;
}

/** One of Patchwise's review threads, up to the reply being answered. */
export interface ReviewThread {
  /** The thread's first comment (Patchwise's finding): replies are posted to it. */
  id: number;
  path: string;
  line: number | null;
  /** Oldest first: Patchwise's finding, then the replies, the one being answered last. */
  comments: Array<{ author: string; ours: boolean; body: string }>;
}

/** Patchwise's review threads on one pull request. */
export interface ReviewThreadPort {
  /** The thread the review comment `replyId` replies in, when it was started by Patchwise's finding; null for anyone else's thread. */
  readThread(replyId: number): Promise<ReviewThread | null>;
  /** Posts one reply in the thread; after a failed attempt, a reply carrying `marker` is taken as posted rather than sent again. */
  reply(threadId: number, body: string, marker: string): Promise<{ url: string }>;
}

/** The pull request's description, which `/describe` writes its section into. */
export interface DescriptionPort {
  /** The description as it is now (read just before writing, so an edit made meanwhile is kept). */
  read(): Promise<string>;
  /** Replaces the description; nothing else of the pull request (title, state, base) is sent. */
  write(body: string): Promise<{ url: string }>;
}
