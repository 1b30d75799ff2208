import type { AuditEvent } from "../../src/core/audit/audit-event-schema.js";
import type { CheckRunUpdate } from "../../src/core/progress/check-run-update.js";
import type { ReviewRequest } from "../../src/core/review/build-review-request.js";
import type { ChangedFile } from "../../src/core/types.js";
import type { ModelClient } from "../../src/pipeline/ports.js";
import { reviewPullRequest, type ReviewDependencies } from "../../src/pipeline/review-pull-request.js";
import { loadPromptTemplates } from "../../src/prompts/load-prompt-templates.js";
import { createRecordingLogger } from "./silent-logger.js";

// The review pipeline with in-memory ports: what it posted, summarised, showed in the check run
// and audited, for tests of how the model's answers (and failures) become one review.

export const HEAD = "c".repeat(40);

/** A file of `lines` added lines, each distinct. */
export function addedFile(path: string, lines: number): ChangedFile {
  const body = Array.from({ length: lines }, (_, i) => `+export const value_${i} = computeLimit(${i}, "${path}");`).join("\n");
  return { path, status: "added", additions: lines, deletions: 0, patch: `@@ -0,0 +1,${lines} @@\n${body}` };
}

/** The paths of the files a request's prompt shows the model. */
export function pathsIn(user: string): string[] {
  return [...user.matchAll(/^File: (\S+) \(/gm)].map((match) => match[1] as string);
}

export interface PipelineRun {
  outcome: Awaited<ReturnType<typeof reviewPullRequest>>;
  review: ReviewRequest | undefined;
  summary: string | undefined;
  checkRuns: CheckRunUpdate[];
  audit: AuditEvent | undefined;
  logs: ReturnType<typeof createRecordingLogger>["lines"];
}

/** Reviews a pull request of `files` with `model`, the repository config `config`, and the operator's `limits`. */
export async function runPipeline(files: ChangedFile[], model: ModelClient, options: { config?: unknown; limits?: Partial<ReviewDependencies["modelLimits"]>; deps?: Partial<ReviewDependencies> } = {}): Promise<PipelineRun> {
  const log = createRecordingLogger();
  const run: Omit<PipelineRun, "outcome"> = { review: undefined, summary: undefined, checkRuns: [], audit: undefined, logs: log.lines };
  const outcome = await reviewPullRequest(
    { deliveryId: "d-1", installationId: 1, owner: "acme", repo: "rocket", pullNumber: 7, headSha: HEAD, trigger: "opened" },
    {
      source: {
        getPullRequest: async () => ({ number: 7, title: "Limits", body: "", authorLogin: "octocat", draft: false, state: "open", baseRef: "main", baseSha: "b".repeat(40), headSha: HEAD }),
        listFiles: async () => files,
      },
      publisher: {
        hasReviewForCommit: async () => false,
        postReview: async (review) => ((run.review = review), { url: "https://github.com/acme/rocket/pull/7#pullrequestreview-1" }),
        upsertSummary: async (body) => void (run.summary = body),
        listOwnComments: async () => [],
      },
      config: { loadRepoConfig: async () => options.config ?? null },
      model,
      defaultModel: "gpt-4.1-mini",
      modelLimits: { maxOutputTokens: 4_000, concurrency: 4, ...options.limits },
      templates: await loadPromptTemplates(),
      log,
      progress: { report: async (_sha, update) => void run.checkRuns.push(update) },
      audit: (event) => void (run.audit = event),
      ...options.deps,
    },
  );
  return { outcome, ...run };
}
