// Shared vocabulary of the functional core. Plain data only: no classes, no I/O.

/** Side of a diff line as GitHub's review comments name it. */
export type Side = "LEFT" | "RIGHT";

/** One line of a hunk; numbers are 1-based line numbers in the old/new file. */
export interface DiffLine {
  kind: "add" | "del" | "context";
  content: string;
  oldLine?: number;
  newLine?: number;
}

export interface Hunk {
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** GitHub's `status` of a pull request file. */
export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

/** A pull request file as the source gives it (GitHub's `pulls.listFiles` item, or a local git diff). */
export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  /** Unified-diff hunks without file headers; missing for binary files and for files GitHub finds too large. */
  patch?: string;
  /** Why the source could not read this entry (a malformed item of GitHub's list): the review skips it with this reason. */
  invalid?: string;
}

/** A changed file whose patch has been parsed. */
export interface FilePatch {
  path: string;
  previousPath?: string;
  status: FileStatus;
  hunks: Hunk[];
  additions: number;
  deletions: number;
}

/** Why a file was left out of the review; every skipped file is named in the summary. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Most severe first; the order ranks findings. */
export const SEVERITIES = ["critical", "major", "minor", "nit"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  "bug",
  "security",
  "performance",
  "maintainability",
  "readability",
  "testing",
  "documentation",
  "style",
] as const;
export type Category = (typeof CATEGORIES)[number];

/** A finding as the model reports it, after schema validation. */
export interface Finding {
  path: string;
  /** Last line of the range the finding is about (new-file numbers on RIGHT, old-file numbers on LEFT). */
  line: number;
  /** First line for a multi-line range, or null for a single line. */
  startLine: number | null;
  side: Side;
  severity: Severity;
  category: Category;
  title: string;
  body: string;
  /** Replacement text for lines startLine..line (RIGHT side), or null. */
  suggestion: string | null;
  /** How sure the model is, 0..1; absent or null when the answer does not say (treated as sure). */
  confidence?: number | null;
}

/** What the shell asks the pipeline to do: references only, never code. */
export interface ReviewJob {
  /** The App installation to act as; null in the Action, which uses the workflow's token. */
  installationId: number | null;
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  trigger: ReviewTrigger;
  deliveryId: string;
  /** Who asked, for a `/review` command (trigger "command"); the access check reads it. */
  command?: CommandRequest;
}

/** The facts of a `/review` comment an access check needs, from the webhook: logins and a flag, no text. */
export interface CommandRequest {
  /** Login of the commenter. */
  actorLogin: string;
  /** Login of the pull request's author. */
  pullRequestAuthorLogin: string;
  /** Private (or internal) repository: only people given access can comment at all. */
  repositoryPrivate: boolean;
  /** The `/review` comment, which gets a 👀 reaction when the command is taken up. */
  commentId: number;
  /** `/review full`: review the whole pull request again, not only what changed since the last review. */
  full: boolean;
  /** What the commenter asked the review to focus on (at most 200 characters); untrusted text, sent to the model as data. */
  focus: string;
  /**
   * `ask`: answer the `/ask` comment; `thread`: answer a reply in a review thread (the comment is a
   * review comment); `describe`: write the description section. Answers read the comment again from
   * GitHub, so no text travels in a job. Absent for `/review`.
   */
  name?: "ask" | "thread" | "describe";
}

export type ReviewTrigger = "opened" | "reopened" | "ready_for_review" | "synchronize" | "command";

/**
 * Which (line, side) pairs of one file GitHub accepts for a review comment, and the hunk each
 * belongs to (a multi-line comment must start and end in the same hunk).
 * Key: `${side}:${line}` (see `lineKey`), value: index of the hunk in the file's patch.
 */
export type FileLineMap = ReadonlyMap<string, number>;

/** Line maps of every reviewed file, by path. */
export type LineMap = ReadonlyMap<string, FileLineMap>;

export function lineKey(side: Side, line: number): string {
  return `${side}:${line}`;
}
