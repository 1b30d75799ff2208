import { startFakeGitHub, type RecordedCall } from "../../test/helpers/fake-github.js";
import { openedPayload } from "../load/sign-opened-deliveries.js";
import { startFakeModel, type FakeExchange } from "../../test/helpers/fake-model.js";
import { signedWebhookHeaders } from "../../test/helpers/sign-webhook.js";
import { loadWebhookExample } from "../../test/helpers/webhook-examples.js";
import { answerReview } from "./answer-review.js";
import { buildHeadTree } from "./build-head-tree.js";
import { makeSurroundingFiles } from "./make-surrounding-files.js";
import { makeSyntheticFiles } from "./make-synthetic-files.js";
import { spawnApp, type AppOptions, type RunningApp } from "./spawn-app.js";

const WITHOUT_WRITE_PAUSES = new URL("../load/drop-github-write-pauses.mjs", import.meta.url);

export interface ReviewMeasurement {
  changedFiles: number;
  reviewedFiles: number;
  skippedFiles: number;
  /** GitHub API calls of the measured review by route template, e.g. "GET /repos/{owner}/{repo}/pulls/{n}/files". */
  githubCalls: Record<string, number>;
  modelRequests: number;
  /** Prompt tokens as the fake model's `usage` reported them. */
  promptTokens: number;
  /** Length of the summary comment as written (GitHub refuses a comment over 65,536 characters). */
  summaryChars: number;
  /** From the signed webhook leaving the sender to the summary comment reaching GitHub. */
  wallMs: number;
  /** Time during which at least one model request was inside the fake model. */
  modelMs: number;
  /** Wall time minus model time, per review (median). */
  outsideModelMs: number;
  /** The App's own figure (/metrics): the pipeline's duration minus its model phase. */
  appOutsideModelMs: number;
  /** Review of the 5-file warm-up pull request, the first after start. */
  warmUpWallMs: number;
  /** Peak resident set size of the App's process (KiB) once started, and once the measured review ended. */
  startedMaxRssKiB: number;
  peakMaxRssKiB: number;
}

const WARM_UP_FILES = 5;
const REPEATS = 3;
const REVIEW_TIMEOUT_MS = 300_000;
const SUMMARY_WRITE = new Set(["POST /repos/{owner}/{repo}/issues/{n}/comments", "PATCH /repos/{owner}/{repo}/issues/comments/{id}"]);

/**
 * Reviews a synthetic pull request of `changedFiles` files through the real server, in a fresh
 * App process, three times (three pull requests with the same files) and keeps the median
 * times. A 5-file pull request is reviewed first, so the figures are those of a running server
 * (modules loaded, installation token cached) rather than of its first review.
 */
export interface ReviewCaseOptions extends AppOptions {
  /** The fake model's answer time per request (default 0). */
  modelLatencyMs?: number | undefined;
  /** Unchanged files in the repository besides the changed ones (bench/pipeline/make-surrounding-files.ts). */
  surroundingFiles?: number | undefined;
}

export async function measureReview(changedFiles: number, options: ReviewCaseOptions): Promise<ReviewMeasurement> {
  const summaryWrites: Array<(at: number) => void> = [];
  const github = await startFakeGitHub({
    onCall: (call) => {
      if (SUMMARY_WRITE.has(call.route)) summaryWrites.shift()?.(performance.now());
    },
  });
  const model = await startFakeModel({ answer: answerReview, latencyMs: options.modelLatencyMs ?? 0 });
  const payload = loadWebhookExample("pull_request", (p) => p.action === "opened" && Boolean(p.installation));
  const owner: string = payload.repository.owner.login;
  const repo: string = payload.repository.name;
  const pulls = [WARM_UP_FILES, ...Array<number>(REPEATS).fill(changedFiles)].map((count, index) => ({
    number: index + 1,
    headSha: String(index + 1).repeat(40).slice(0, 40),
    files: makeSyntheticFiles(count),
  }));
  for (const pr of pulls) {
    const headTree = { ...makeSurroundingFiles(options.surroundingFiles ?? 0, pr.files), ...buildHeadTree(pr.files) };
    github.addPullRequest(owner, repo, { ...pr, headTree, title: `Validate loader limits (${pr.files.length} files)`, body: "Rejects limits over the maximum and logs at debug level.", baseSha: "0".repeat(40) });
  }
  await github.tarballsBuilt();
  // GitHub's write pacing (1 s between writes, 3 s between comments) would be most of the wall
  // time, and is GitHub's rule, not Patchwise's work: it is switched off here and stated in the notes.
  const app = await spawnApp(github.url, model.baseUrl, { ...options, imports: [...(options.imports ?? []), WITHOUT_WRITE_PAUSES] });
  try {
    const startedMaxRssKiB = (await app.resourceUsage()).maxRSS;
    const runs: Array<{ wallMs: number; modelMs: number; appOutsideModelMs: number; calls: RecordedCall[]; exchanges: FakeExchange[] }> = [];
    for (const [index, pr] of pulls.entries()) {
      const [callsBefore, exchangesBefore, outsideBefore] = [github.calls.length, model.exchanges.length, await readOutsideModelSeconds(app)];
      const written = new Promise<number>((resolve) => summaryWrites.push(resolve));
      const started = performance.now();
      await deliverOpened(app, payload, pr, `bench-${pr.number}`);
      const ended = await withTimeout(written, app);
      await waitForOutcomes(app, index + 1);
      const exchanges = model.exchanges.slice(exchangesBefore);
      const appOutsideModelMs = ((await readOutsideModelSeconds(app)) - outsideBefore) * 1000;
      runs.push({ wallMs: ended - started, modelMs: busyTime(exchanges), appOutsideModelMs, calls: github.calls.slice(callsBefore), exchanges });
    }
    const peakMaxRssKiB = (await app.resourceUsage()).maxRSS;
    if (github.reviews.length !== pulls.length) throw new Error(`${pulls.length - github.reviews.length} review(s) were not posted; the App's output:\n${app.output().slice(-4000)}`);
    const [warmUp, first, ...rest] = runs as [(typeof runs)[number], (typeof runs)[number], ...(typeof runs)[number][]];
    const measured = [first, ...rest];
    return {
      changedFiles,
      ...readFilesSelected(app.output(), `bench-${pulls[1]?.number}`),
      githubCalls: countByRoute(first.calls),
      modelRequests: first.exchanges.length,
      promptTokens: first.exchanges.reduce((sum, exchange) => sum + exchange.usage.prompt_tokens, 0),
      summaryChars: summaryLength(first.calls),
      wallMs: median(measured.map((run) => run.wallMs)),
      modelMs: median(measured.map((run) => run.modelMs)),
      outsideModelMs: median(measured.map((run) => run.wallMs - run.modelMs)),
      appOutsideModelMs: median(measured.map((run) => run.appOutsideModelMs)),
      warmUpWallMs: warmUp.wallMs,
      startedMaxRssKiB,
      peakMaxRssKiB,
    };
  } finally {
    await app.stop();
    await Promise.all([github.close(), model.close()]);
  }
}

async function deliverOpened(app: RunningApp, example: Record<string, any>, pr: { number: number; headSha: string }, deliveryId: string): Promise<void> {
  const body = openedPayload(example, pr);
  const response = await fetch(`${app.url}/api/github/webhooks`, { method: "POST", body, headers: await signedWebhookHeaders(app.webhookSecret, "pull_request", body, deliveryId) });
  if (response.status !== 200) throw new Error(`the App answered the webhook with ${response.status}`);
}

// The outcome is counted just after the summary is written, when the job ends.
async function waitForOutcomes(app: RunningApp, count: number): Promise<void> {
  const deadline = Date.now() + REVIEW_TIMEOUT_MS;
  for (;;) {
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    const outcomes = [...metrics.matchAll(/^patchwise_reviews_total\{outcome="(\w+)"\} (\d+)$/gm)];
    const failed = outcomes.find(([, outcome, n]) => outcome !== "posted" && Number(n) > 0);
    if (failed) throw new Error(`a review ended "${failed[1]}"; the App's output:\n${app.output().slice(-4000)}`);
    if (outcomes.reduce((sum, [, , n]) => sum + Number(n), 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`no outcome within ${REVIEW_TIMEOUT_MS} ms; the App's output:\n${app.output().slice(-4000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function readOutsideModelSeconds(app: RunningApp): Promise<number> {
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  return Number(/^patchwise_review_time_outside_model_seconds_sum ([\d.e+-]+)$/m.exec(metrics)?.[1] ?? Number.NaN);
}

// The pipeline logs how many files it kept and skipped ("files selected"), by delivery id.
function readFilesSelected(output: string, deliveryId: string): { reviewedFiles: number; skippedFiles: number } {
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; deliveryId?: string; reviewed?: number; skipped?: number };
    if (entry.msg === "files selected" && entry.deliveryId === deliveryId) return { reviewedFiles: entry.reviewed ?? 0, skippedFiles: entry.skipped ?? 0 };
  }
  throw new Error(`the App logged no "files selected" for ${deliveryId}`);
}

function summaryLength(calls: RecordedCall[]): number {
  const write = calls.findLast((call) => SUMMARY_WRITE.has(call.route));
  return (write?.body as { body?: string } | undefined)?.body?.length ?? 0;
}

function countByRoute(calls: RecordedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.route] = (counts[call.route] ?? 0) + 1;
  return counts;
}

// Requests sent at once overlap; time counts once however many are inside the model.
function busyTime(exchanges: FakeExchange[]): number {
  const sorted = [...exchanges].sort((a, b) => a.receivedAt - b.receivedAt);
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const { receivedAt, answeredAt } of sorted) {
    if (answeredAt <= end) continue;
    total += answeredAt - Math.max(receivedAt, end);
    end = answeredAt;
  }
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function withTimeout<T>(promise: Promise<T>, app: RunningApp): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no summary within ${REVIEW_TIMEOUT_MS} ms; the App's output:\n${app.output().slice(-4000)}`)), REVIEW_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
