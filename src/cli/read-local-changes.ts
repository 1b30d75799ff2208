import { parseNameStatus, splitGitDiff } from "../core/diff/split-git-diff.js";
import type { ChangedFile } from "../core/types.js";
import { GitError, runGit } from "./run-git.js";

export interface LocalChanges {
  /** What was reviewed, as the report names it (`main...HEAD`, `--staged`). */
  range: string;
  /** Stand-ins for a PR's title and description: the commit subjects of the range. */
  title: string;
  body: string;
  files: ChangedFile[];
  root: string;
}

export interface ChangeSelection {
  base: string | undefined;
  head: string | undefined;
  staged: boolean;
}

const DIFF_FLAGS = ["--no-ext-diff", "--find-renames", "--unified=3"];

/** Reads the changes to review from the git repository around `cwd`. */
export async function readLocalChanges(selection: ChangeSelection, cwd: string): Promise<LocalChanges> {
  const root = (await runGit(["rev-parse", "--show-toplevel"], cwd)).trim();
  const spec = selection.staged ? ["--cached"] : [`${selection.base ?? (await findDefaultBase(root))}...${selection.head ?? "HEAD"}`];
  const range = selection.staged ? "--staged" : spec[0]!;
  const [nameStatus, diff] = await Promise.all([
    runGit(["diff", ...DIFF_FLAGS, "--name-status", "-z", ...spec], root),
    runGit(["diff", ...DIFF_FLAGS, ...spec], root),
  ]);
  const subjects = selection.staged ? [] : (await runGit(["log", "--format=%s", range.replace("...", "..")], root)).split("\n").filter(Boolean);
  return {
    range,
    title: subjects.at(-1) ?? (selection.staged ? "Staged changes" : range),
    body: subjects.length > 1 ? subjects.map((subject) => `- ${subject}`).join("\n") : "",
    files: splitGitDiff(parseNameStatus(nameStatus), diff),
    root,
  };
}

// The remote's default branch when origin knows it, else a local main or master.
async function findDefaultBase(root: string): Promise<string> {
  const remoteHead = await runGit(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"], root).catch(() => "");
  if (remoteHead.trim()) return remoteHead.trim();
  for (const candidate of ["main", "master"]) {
    const exists = await runGit(["rev-parse", "--verify", "--quiet", `refs/heads/${candidate}`], root).then(
      () => true,
      () => false,
    );
    if (exists) return candidate;
  }
  throw new GitError("no base branch found (no origin/HEAD, main or master): pass --base <ref>");
}
