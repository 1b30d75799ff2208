import type { BenchSection } from "../bench-section.js";
import { buildApp } from "../pipeline/build-app.js";
import { measureReview, type ReviewMeasurement } from "../pipeline/measure-review.js";

interface PipelineCase {
  column: string;
  files: number;
  model?: string;
  /** PATCHWISE_CONTEXT_WINDOW and PATCHWISE_MODEL_CONCURRENCY, when not the defaults. */
  contextWindow?: number;
  modelConcurrency?: number;
  modelLatencyMs?: number;
  /** Unchanged files around the changed ones (none: the repository holds only what the pull request changes). */
  surroundingFiles?: number;
}

// A window of 13,000 tokens splits the 50-file pull request into exactly 10 requests.
const TEN_CHUNKS = { files: 50, contextWindow: 13_000, modelLatencyMs: 2_000 };

// The default model (gpt-4.1-mini, a 1M-token window) at every size; the largest PR once more
// with a 128k-token window, where a review is split into several requests; and a review in 10
// requests to a model that takes 2 s each, at the default concurrency and with all 10 at once.
const CASES: PipelineCase[] = [
  { column: "5 files", files: 5 },
  { column: "50 files", files: 50 },
  { column: "300 files", files: 300 },
  { column: "3000 files", files: 3000 },
  { column: "3000 files, gpt-4o", files: 3000, model: "gpt-4o" },
  { column: "10 requests of 2 s, 4 at once", ...TEN_CHUNKS },
  { column: "10 requests of 2 s, 10 at once", ...TEN_CHUNKS, modelConcurrency: 10 },
  { column: "50 files in 5,000", files: 50, surroundingFiles: 5_000 },
];

/** The review pipeline by PR size, through the real server: GitHub calls, model requests, time and memory. */
export async function run(): Promise<BenchSection> {
  buildApp();
  const results: Array<ReviewMeasurement & { column: string }> = [];
  // One at a time: each case has a fresh App process and nothing else competes for the CPU.
  for (const { column, files, model, contextWindow, modelConcurrency, modelLatencyMs, surroundingFiles } of CASES) {
    const env = {
      ...(contextWindow === undefined ? {} : { PATCHWISE_CONTEXT_WINDOW: String(contextWindow) }),
      ...(modelConcurrency === undefined ? {} : { PATCHWISE_MODEL_CONCURRENCY: String(modelConcurrency) }),
    };
    results.push({ ...(await measureReview(files, { entry: "built", model, env, modelLatencyMs, surroundingFiles })), column });
  }

  const row = (metric: string, value: (result: ReviewMeasurement) => string | number) =>
    Object.fromEntries([["metric", metric], ...results.map((result) => [result.column, value(result)])]);
  const routes = [...new Set(results.flatMap((result) => Object.keys(result.githubCalls)))].sort(byPath);
  return {
    title: "Review pipeline by PR size",
    rows: [
      row("files reviewed / skipped", (r) => `${r.reviewedFiles} / ${r.skippedFiles}`),
      ...routes.map((route) => row(`GitHub ${route}`, (r) => r.githubCalls[route] ?? 0)),
      row("GitHub calls, total", (r) => Object.values(r.githubCalls).reduce((sum, n) => sum + n, 0)),
      row("model requests", (r) => r.modelRequests),
      row("prompt tokens (fake model's usage)", (r) => r.promptTokens),
      row("summary comment, characters (GitHub's limit: 65,536)", (r) => r.summaryChars),
      row("review wall time, ms", (r) => ms(r.wallMs)),
      row("time inside the model, ms", (r) => ms(r.modelMs)),
      row("time outside the model, ms", (r) => ms(r.outsideModelMs)),
      row("time outside the model, App's /metrics, ms", (r) => ms(r.appOutsideModelMs)),
      row("first review after start (5 files), ms", (r) => ms(r.warmUpWallMs)),
      row("peak RSS at start, MiB", (r) => mib(r.startedMaxRssKiB)),
      row("peak RSS after the reviews, MiB", (r) => mib(r.peakMaxRssKiB)),
    ],
    notes: [
      "Real server: node dist/main.js (built first, as npm start does) in a fresh process per size, a signed pull_request.opened webhook, fake GitHub Enterprise and fake OpenAI-compatible model on loopback (test/helpers/fake-github.ts, fake-model.ts); no repository config; the default model (gpt-4.1-mini, 1M-token window) except in the gpt-4o column (128k).",
      `The "10 requests" columns: the 50-file pull request with PATCHWISE_CONTEXT_WINDOW=${TEN_CHUNKS.contextWindow.toLocaleString("en-US")}, so it is split into 10 requests, and a fake model that answers each after ${TEN_CHUNKS.modelLatencyMs / 1000} s; at the default PATCHWISE_MODEL_CONCURRENCY (4) they go in 3 waves, with PATCHWISE_MODEL_CONCURRENCY=10 all at once, so the review's wall time is about one model call.`,
      "Synthetic PRs (bench/pipeline/make-synthetic-files.ts): TypeScript, Python and Go files changed in 4 hunks (a new file every 11th), plus lock files and PNGs to be filtered out; the default limits apply (300 files; no line cap, the review's token and cost budgets instead). The repository at the head commit holds the changed files, each hunk inside the function its header names (bench/pipeline/build-head-tree.ts), so related code has enclosing functions, callers to search for and a budget to fill.",
      "The \"50 files in 5,000\" column: the same 50-file pull request in a repository of 5,000 more files (15.6 MB of TypeScript, Python and Go, one in 7 calling a changed function; bench/pipeline/make-surrounding-files.ts), all read from the tarball, indexed and searched by name.",
      "Calls, requests and tokens are those of one review. Times are medians of 3 reviews of the same files, after a 5-file warm-up review (installation token cached, modules loaded).",
      "Wall time runs from sending the webhook to the summary comment reaching GitHub; time inside the model is when a request was inside the fake model (zero latency but in the 10-request columns), so nearly all of the other wall times are Patchwise's own. The App's /metrics figure starts when the queued job starts.",
      "Octokit's throttling spaces one installation's GitHub writes 1 s apart (3 s for comments and reviews), as GitHub asks; a review makes 5 writes (check run x3, review, summary), so in production about 6 s of each review's wall time is that pacing. It is switched off here (bench/load/drop-github-write-pauses.mjs) so the figures are Patchwise's own work.",
      "Peak RSS is the App process's own peak resident set size: VmHWM of /proc/self/status (bench/pipeline/report-resource-usage.mjs). process.resourceUsage().maxRSS is not used: on Linux it keeps the peak of the process that spawned the App (the benchmark, holding the fake repositories) across exec, which had made the large-repository figures about twice too high.",
    ],
  };
}

function byPath(a: string, b: string): number {
  return a.split(" ")[1]!.localeCompare(b.split(" ")[1]!) || a.localeCompare(b);
}

function ms(value: number): number {
  return Math.round(value);
}

function mib(kib: number): number {
  return Math.round(kib / 1024);
}
