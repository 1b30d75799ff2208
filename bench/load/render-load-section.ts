import type { BenchSection } from "../bench-section.js";
import type { LoadConfig, LoadMeasurement, ThroughputRun } from "./measure-load.js";
import type { AckTarget } from "./measure-webhook-ack.js";
import type { ThroughputMeasurement } from "./measure-review-throughput.js";

const ACK_TARGETS: Record<AckTarget, string> = {
  server: "npm start, in-process queue (its reviews run in the same process)",
  receiver: "npm start on Redis, PATCHWISE_WORKER=false (enqueues only)",
  reference: "yardstick: bare node:http server, signature check + JSON.parse only",
};

/** The load section's table: webhook answers, reviews per minute, memory while jobs wait. */
export function renderLoadSection(config: LoadConfig, measured: LoadMeasurement): BenchSection {
  const { concurrent, bursts, oneAtATime } = config.ack;
  const seconds = config.modelLatencyMs / 1000;
  const runs = [...measured.paced, ...measured.unpaced];
  const reviewed = runs.reduce((sum, run) => sum + run.pulls, 0);
  const missing = runs.reduce((sum, run) => sum + run.missing, 0);
  const duplicates = runs.reduce((sum, run) => sum + run.duplicates, 0);
  const { beforeKiB, afterKiB, waiting } = measured.memory;
  const rows: Record<string, string | number>[] = [
    ...measured.ack.map((ack) => ({
      measure: `Webhook answer, ${bursts} × ${concurrent} at once: p50 / p99 / max, ms (one at a time: p50)`,
      "set-up": ACK_TARGETS[ack.target],
      result: `${ms(ack.p50Ms)} / ${ms(ack.p99Ms)} / ${ms(ack.maxMs)} (${ack.oneAtATimeP50Ms.toFixed(1)})${ack.notOk > 0 ? `, ${ack.notOk} not answered 200` : ""}${ack.app ? `; App's own: mean ${ack.app.meanMs.toFixed(1)}, 99% within ${ack.app.p99WithinMs}` : ""}`,
    })),
    ...measured.paced.map((run) => ({ measure: `Reviews per minute, model ${seconds} s per call, GitHub's write pacing as shipped`, "set-up": describeRun(run), result: describeRate(run) })),
    ...measured.unpaced.map((run) => ({ measure: `Reviews per minute, model ${seconds} s per call, write pacing off`, "set-up": describeRun(run), result: describeRate(run) })),
    { measure: "Reviews per pull request, every run above", "set-up": `${reviewed} pull requests`, result: missing + duplicates === 0 ? "exactly 1 each" : `${missing} without a review, ${duplicates} reviews too many` },
    { measure: "Check runs still queued or in progress after a run", "set-up": "every run above", result: runs.map((run) => run.openCheckRuns).join(" / ") },
    { measure: "Peak RSS, MiB", "set-up": "npm start, PATCHWISE_CONCURRENCY=1, after its first review", result: String(mib(beforeKiB)) },
    {
      measure: "Peak RSS, MiB",
      "set-up": `the same, once ${waiting.toLocaleString("en-US")} jobs wait behind 1 running`,
      result: `${mib(afterKiB)} (+${mib(afterKiB - beforeKiB)} MiB, ${Math.round((afterKiB - beforeKiB) / Math.max(1, waiting))} KiB per waiting job)`,
    },
  ];
  return {
    title: "Load: webhook answers, reviews per minute, memory while jobs wait",
    rows,
    notes: [
      `Real processes on loopback: node dist/main.js (npm start) and node dist/worker/main.js (npm run worker), built first, against the fake GitHub Enterprise and the fake OpenAI-compatible model (test/helpers/fake-github.ts, fake-model.ts); Redis runs use a redis-server of their own without persistence. Each pull request is its own: 3 changed source files plus a lock file and a PNG, one model request per review.`,
      `Webhook answers: signed pull_request.opened deliveries (the @octokit/webhooks-examples payload, ${((measured.ack[0]?.bodyBytes ?? 0) / 1024).toFixed(1)} KiB), each on a connection of its own as GitHub sends them, signed before sending; timed from a delivery's last byte leaving the sender to the answer's last byte. After a first review (modules loaded) and ${oneAtATime} deliveries one at a time, ${bursts} bursts of ${concurrent} are sent at once, 0.5 s apart; the in-process server keeps reviewing the earlier ones meanwhile (PATCHWISE_CONCURRENCY 4, model ${seconds} s). The sender runs on the same machine as the App: the yardstick row shows what the sender, loopback and the least possible receiver cost together. "App's own" is the App's patchwise_webhook_answer_seconds histogram over every delivery (its /metrics): from the request reaching the webhook handler to the answer, so not the time a delivery waited for the event loop before it (99% "within" is a bucket bound).`,
      "Reviews per minute: all pull requests are delivered at once; timed from the first delivery to the last summary comment reaching the fake GitHub. Redis runs: one receiver (PATCHWISE_WORKER=false) and two workers, each with the PATCHWISE_CONCURRENCY shown; the receiver shows each job's queued check run, the workers review.",
      "GitHub's write pacing: @octokit/plugin-throttling, as shipped, leaves 1 s between writes and 3 s between writes that notify, per installation and per process. A review makes 4 writes (check run started and finished; the review; the summary comment), 2 of them notifying, and a job that waited over a second a fifth (its queued check run), so it sets the pace, not PATCHWISE_CONCURRENCY. The as-shipped runs are started one after another, then measured side by side (they wait on timers, not the CPU); run alone they measured about 10% faster. \"Write pacing off\" preloads bench/load/drop-github-write-pauses.mjs into every process, leaving the queue and the model to set the pace.",
      `Memory: PATCHWISE_CONCURRENCY=1 and PATCHWISE_QUEUE_LIMIT=${waiting.toLocaleString("en-US")}, model ${seconds} s, ${config.memory.githubPacing === false ? "write pacing off" : "write pacing as shipped"}; the first sample once a first review has ended and a second runs, the second once the other deliveries (${config.memory.concurrent} at a time) are queued. Peak RSS is the process's own peak resident set size (VmHWM, as the pipeline section reads it).`,
    ],
  };
}

function describeRun(run: ThroughputRun): string {
  return run.workers === 0 ? `1 process, PATCHWISE_CONCURRENCY=${run.concurrency}` : `${run.workers} workers on Redis, PATCHWISE_CONCURRENCY=${run.concurrency} each`;
}

function describeRate(run: ThroughputMeasurement): string {
  return `${run.reviewsPerMinute.toFixed(1)} (${run.pulls} PRs in ${(run.wallMs / 1000).toFixed(1)} s)`;
}

function ms(value: number): number {
  return Math.round(value);
}

function mib(kib: number): number {
  return Math.round(kib / 1024);
}
