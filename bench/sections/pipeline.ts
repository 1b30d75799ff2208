import type { BenchSection } from "../bench-section.js";
import { buildApp } from "../pipeline/build-app.js";
import { measureReview, type ReviewMeasurement } from "../pipeline/measure-review.js";

// The default model (gpt-4.1-mini, a 1M-token window) at every size; the largest PR once more
// with a 128k-token window, where a review is split into several requests.
const CASES: Array<{ files: number; model?: string }> = [{ files: 5 }, { files: 50 }, { files: 300 }, { files: 3000 }, { files: 3000, model: "gpt-4o" }];

/** The review pipeline by PR size, through the real server: GitHub calls, model requests, time and memory. */
export async function run(): Promise<BenchSection> {
  buildApp();
  const results: Array<ReviewMeasurement & { column: string }> = [];
  // One at a time: each case has a fresh App process and nothing else competes for the CPU.
  for (const { files, model } of CASES) {
    const column = model === undefined ? `${files} files` : `${files} files, ${model}`;
    results.push({ ...(await measureReview(files, { entry: "built", model })), column });
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
      "Real server: node dist/main.js (built first, as npm start does) in a fresh process per size, a signed pull_request.opened webhook, fake GitHub Enterprise and fake OpenAI-compatible model on loopback (test/helpers/fake-github.ts, fake-model.ts); no repository config; the default model (gpt-4.1-mini, 1M-token window) except in the last column (gpt-4o, 128k).",
      "Synthetic PRs (bench/pipeline/make-synthetic-files.ts): TypeScript, Python and Go files changed in 4 hunks (a new file every 11th), plus lock files and PNGs to be filtered out; the default limits (300 files, 5000 changed lines) apply.",
      "Calls, requests and tokens are those of one review. Times are medians of 3 reviews of the same files, after a 5-file warm-up review (installation token cached, modules loaded).",
      "Wall time runs from sending the webhook to the summary comment reaching GitHub; time inside the model is when a request was inside the fake model (zero latency), so nearly all of the wall time is Patchwise's own. The App's /metrics figure starts when the queued job starts.",
      "Octokit's throttling spaces one installation's GitHub writes 1 s apart (3 s for comments and reviews), as GitHub asks; a review makes 5 writes (check run x3, review, summary), so in production about 6 s of each review's wall time is that pacing. It is switched off here (bench/load/drop-github-write-pauses.mjs) so the figures are Patchwise's own work.",
      "Peak RSS is the App process's process.resourceUsage().maxRSS.",
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
