import { startRedisServer, type RedisServer } from "../../test/helpers/start-redis-server.js";
import { spawnApp, type AppOptions, type RunningApp } from "../pipeline/spawn-app.js";
import { percentile } from "./percentile.js";
import { readWebhookAnswerTimes, type AppAnswerTimes } from "./read-webhook-answer-times.js";
import { sendDelivery, signOpenedDeliveries } from "./sign-opened-deliveries.js";
import { spawnReferenceServer } from "./spawn-reference-server.js";
import { startLoadFakes } from "./start-load-fakes.js";
import { waitFor } from "../../test/helpers/wait-for.js";

/**
 * Who answers: `server`, `npm start` with the in-process queue (it reviews too); `receiver`,
 * `npm start` on Redis with PATCHWISE_WORKER=false (it only enqueues); `reference`, a bare
 * node:http server that checks the signature and parses the JSON, as a yardstick.
 */
export type AckTarget = "server" | "receiver" | "reference";

export interface WebhookAckOptions {
  entry: AppOptions["entry"];
  target: AckTarget;
  /** Deliveries sent at once, per burst. */
  concurrent: number;
  bursts: number;
  /** Deliveries sent one after the other before the bursts (after a first review has warmed the server up). */
  oneAtATime: number;
  modelLatencyMs: number;
}

export interface WebhookAckMeasurement {
  /** The bursts' answers, ms each: from a delivery's last byte leaving the sender to the answer's last byte arriving. */
  burstMs: number[];
  oneAtATimeMs: number[];
  /** Answers other than 200 (a refused signature, a full queue, an error). */
  notOk: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  oneAtATimeP50Ms: number;
  /** Size of one delivery's body. */
  bodyBytes: number;
  /** What the App itself timed, from each request to its answer (its /metrics); none for the yardstick. */
  app?: AppAnswerTimes | undefined;
}

const SECRET = "bench-webhook-secret";
const BURST_GAP_MS = 500;
const WARM_UP_TIMEOUT_MS = 120_000;

/**
 * Webhook acknowledgement latency: `bursts` bursts of `concurrent` signed `pull_request.opened`
 * deliveries, each for a pull request of its own and on a connection of its own, sent at once.
 * The App checks each signature and its handler only enqueues, so no answer waits for a review;
 * with the in-process queue the reviews of earlier deliveries run meanwhile in the same process.
 */
export async function measureWebhookAck(options: WebhookAckOptions): Promise<WebhookAckMeasurement> {
  const fakes = await startLoadFakes({ pulls: 1 + options.oneAtATime + options.bursts * options.concurrent, modelLatencyMs: options.modelLatencyMs });
  let redis: RedisServer | undefined;
  let target: { url: string; stop(): Promise<void> } | undefined;
  try {
    if (options.target === "reference") target = await spawnReferenceServer(SECRET);
    else {
      redis = options.target === "receiver" ? await startRedisServer() : undefined;
      const env = { PATCHWISE_SHUTDOWN_GRACE_MS: "500", ...(redis ? { REDIS_URL: redis.url, PATCHWISE_WORKER: "false" } : {}) };
      const app: RunningApp = await spawnApp(fakes.github.url, fakes.model.baseUrl, { entry: options.entry, env });
      if (app.webhookSecret !== SECRET) throw new Error("the bench's App and its deliveries disagree on the webhook secret");
      target = app;
    }
    const url = target.url;
    const [first, ...deliveries] = await signOpenedDeliveries(fakes.example, fakes.pulls, SECRET, `ack-${options.target}`);
    // The first review loads the pipeline's modules (tokenizer, parsers): a running server has done so.
    await sendDelivery(url, first!);
    if (options.target === "server") await waitFor(() => fakes.summariesAt.has(first!.pullNumber), () => "the warm-up review posted no summary", WARM_UP_TIMEOUT_MS);
    const oneAtATime = deliveries.slice(0, options.oneAtATime);
    const answers: Array<{ status: number; ms: number }> = [];
    for (const delivery of oneAtATime) answers.push(await sendDelivery(url, delivery));
    const burstMs: number[] = [];
    for (let burst = 0; burst < options.bursts; burst++) {
      if (burst > 0) await new Promise((resolve) => setTimeout(resolve, BURST_GAP_MS));
      const start = options.oneAtATime + burst * options.concurrent;
      const burstAnswers = await Promise.all(deliveries.slice(start, start + options.concurrent).map((delivery) => sendDelivery(url, delivery)));
      answers.push(...burstAnswers);
      burstMs.push(...burstAnswers.map((answer) => answer.ms));
    }
    const app = options.target === "reference" ? undefined : readWebhookAnswerTimes(await (await fetch(`${url}/metrics`)).text());
    const oneAtATimeMs = answers.slice(0, options.oneAtATime).map((answer) => answer.ms);
    return {
      burstMs,
      oneAtATimeMs,
      notOk: answers.filter((answer) => answer.status !== 200).length,
      p50Ms: percentile(burstMs, 50),
      p99Ms: percentile(burstMs, 99),
      maxMs: Math.max(...burstMs),
      oneAtATimeP50Ms: percentile(oneAtATimeMs, 50),
      bodyBytes: Buffer.byteLength(first!.body),
      app,
    };
  } finally {
    await target?.stop();
    await Promise.all([fakes.close(), redis?.stop()]);
  }
}
