import type { RepoConfig } from "../config/repo-config-schema.js";
import { buildLineMap } from "../diff/build-line-map.js";
import { HUNK_FORMAT_NOTE, numberHunks } from "../diff/number-hunks.js";
import { parsePatches } from "../diff/parse-patches.js";
import { filterFiles } from "../files/filter-files.js";
import { buildReviewPrompt } from "../prompt/build-review-prompt.js";
import type { ChangedFile, FilePatch, LineMap, SkippedFile } from "../types.js";

export interface PrepareReviewInput {
  title: string;
  body: string;
  files: ChangedFile[];
  config: RepoConfig;
  templates: { system: string; user: string };
}

/** One model request's prompt and the files it covers. */
export interface ReviewPrompt {
  system: string;
  user: string;
  paths: string[];
}

/** Everything a review sends and needs afterwards; the dry run prints `prompts` as they are. */
export interface PreparedReview {
  patches: FilePatch[];
  lineMap: LineMap;
  skippedFiles: SkippedFile[];
  prompts: ReviewPrompt[];
}

/** From the changed files to the exact prompts: filter, parse, map commentable lines, build prompts. */
export function prepareReview(input: PrepareReviewInput): PreparedReview {
  const filtered = filterFiles(input.files, input.config);
  const { patches, skipped: unparsable } = parsePatches(filtered.kept);
  const skippedFiles = [...filtered.skipped, ...unparsable];
  const prompt = buildReviewPrompt({
    templates: input.templates,
    title: input.title,
    body: input.body,
    files: patches.map((patch) => ({ path: patch.path, previousPath: patch.previousPath, status: patch.status, numberedHunks: numberHunks(patch) })),
    hunkFormat: HUNK_FORMAT_NOTE,
    instructions: input.config.instructions,
    skipped: skippedFiles,
  });
  return { patches, lineMap: buildLineMap(patches), skippedFiles, prompts: [{ ...prompt, paths: patches.map((patch) => patch.path) }] };
}
