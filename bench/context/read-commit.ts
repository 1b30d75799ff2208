import { execFileSync } from "node:child_process";
import { createRepoSnapshot, type RepoSnapshot } from "../../src/core/context/repo-snapshot.js";
import { parsePatches } from "../../src/core/diff/parse-patches.js";
import { parseNameStatus, splitGitDiff } from "../../src/core/diff/split-git-diff.js";
import type { FilePatch } from "../../src/core/types.js";

const MAX_FILE_BYTES = 400_000;

/** One commit of a local repository: its tree as text files in memory and its diff from the first parent. */
export interface CommitUnderTest {
  sha: string;
  subject: string;
  files: Map<string, string>;
  repo: RepoSnapshot;
  patches: FilePatch[];
}

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd, maxBuffer: 1024 * 1024 * 1024, ...(input === undefined ? {} : { input }) });
}

/** The non-merge commits that have a parent, newest first (read-only git). */
export function listCommits(cwd: string, limit: number, rev = "HEAD"): { sha: string; subject: string }[] {
  return git(cwd, ["log", "--no-merges", "--format=%H%x09%P%x09%s", `-n${limit}`, rev])
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => line.split("\t"))
    .filter(([, parents]) => (parents ?? "").trim() !== "")
    .map(([sha, , subject]) => ({ sha: sha!, subject: subject ?? "" }));
}

/** Reads a commit's text files (through `git cat-file --batch`) and its diff from its parent. */
export function readCommit(cwd: string, sha: string, subject: string): CommitUnderTest {
  const entries = git(cwd, ["ls-tree", "-r", "-z", "--long", sha])
    .toString("utf8")
    .split("\0")
    .filter((entry) => entry !== "")
    .map((entry) => {
      const [meta, path] = entry.split("\t");
      const [, type, blob, size] = meta!.trim().split(/\s+/);
      return { type, blob: blob!, size: Number(size), path: path! };
    })
    .filter((entry) => entry.type === "blob" && entry.size <= MAX_FILE_BYTES && !entry.path.endsWith("package-lock.json"));
  const batch = git(cwd, ["cat-file", "--batch"], entries.map((entry) => entry.blob).join("\n") + "\n");
  const files = new Map<string, string>();
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = batch.indexOf(10, offset);
    const size = Number(batch.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
    const content = batch.subarray(headerEnd + 1, headerEnd + 1 + size);
    offset = headerEnd + 1 + size + 1;
    if (!content.includes(0)) files.set(entry.path, content.toString("utf8"));
  }
  const range = [`${sha}^`, sha];
  const nameStatus = git(cwd, ["diff", "--no-color", "--no-renames", "--name-status", "-z", ...range]).toString("utf8");
  const diff = git(cwd, ["diff", "--no-color", "--no-renames", ...range]).toString("utf8");
  const { patches } = parsePatches(splitGitDiff(parseNameStatus(nameStatus), diff));
  return { sha, subject, files, repo: createRepoSnapshot(files), patches };
}
