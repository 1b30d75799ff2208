import { spawnApp, type AppOptions, type RunningApp } from "../pipeline/spawn-app.js";
import { sendDelivery, signOpenedDeliveries } from "./sign-opened-deliveries.js";
import { startLoadFakes } from "./start-load-fakes.js";
import { startWebhookFlood, type FloodTally } from "./start-webhook-flood.js";
import { waitFor } from "../../test/helpers/wait-for.js";

export interface WebhookFloodOptions {
  entry: AppOptions["entry"];
  /** Connections POSTing unsigned bodies at once, each again as soon as its last one ended. */
  attackers: number;
  bodyBytes: number;
  /** How long the flood lasts; the signed delivery is sent halfway through. */
  floodMs: number;
  /** How long the signed delivery's answer is waited for before it counts as not answered. */
  answerTimeoutMs: number;
  timeoutMs: number;
}

export interface WebhookFloodMeasurement {
  /** The App's own peak RSS (KiB, see report-resource-usage.mjs) after a first review, before the flood. */
  beforeKiB: number;
  /** Its peak RSS once the flood has ended. */
  afterKiB: number;
  /** The signed delivery sent mid-flood: its status (0: no answer within `answerTimeoutMs`) and ms from its request's start to the answer's last byte. */
  signed: { status: number; ms: number };
  /** The flood's POSTs by how they ended. */
  flood: FloodTally;
}

/**
 * Peak RSS of `npm start` while `attackers` connections POST unsigned bodies of `bodyBytes` to its
 * webhook path for `floodMs`, and how long a signed delivery sent halfway through waits for its
 * answer (GitHub gives up after 10 s).
 */
export async function measureWebhookFlood(options: WebhookFloodOptions): Promise<WebhookFloodMeasurement> {
  const fakes = await startLoadFakes({ pulls: 2, modelLatencyMs: 0 });
  let app: RunningApp | undefined;
  try {
    app = await spawnApp(fakes.github.url, fakes.model.baseUrl, { entry: options.entry, env: { PATCHWISE_SHUTDOWN_GRACE_MS: "500" } });
    const running = app;
    const [first, second] = await signOpenedDeliveries(fakes.example, fakes.pulls, running.webhookSecret, "flood");
    // A first review loads the pipeline's modules, so they count before the flood, not as its cost.
    await sendDelivery(running.url, first!);
    await waitFor(() => fakes.summariesAt.has(first!.pullNumber), () => `the first review posted no summary:\n${running.output().slice(-3000)}`, options.timeoutMs);
    const beforeKiB = (await running.resourceUsage()).maxRSS;

    const flood = startWebhookFlood({ port: Number(new URL(running.url).port), attackers: options.attackers, bodyBytes: options.bodyBytes });
    await new Promise((resolve) => setTimeout(resolve, options.floodMs / 2));
    const sent = performance.now();
    const signed = timed(sendDelivery(running.url, second!), sent, options.answerTimeoutMs);
    await new Promise((resolve) => setTimeout(resolve, options.floodMs / 2));
    const tally = await flood.stop();
    const answer = await signed;
    const afterKiB = (await running.resourceUsage()).maxRSS;
    return { beforeKiB, afterKiB, signed: answer, flood: tally };
  } finally {
    await app?.stop();
    await fakes.close();
  }
}

/** The delivery's status and its time since `sent`; status 0 once `timeoutMs` passed without an answer. */
async function timed(answer: Promise<{ status: number }>, sent: number, timeoutMs: number): Promise<{ status: number; ms: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ status: number }>((resolve) => (timer = setTimeout(() => resolve({ status: 0 }), timeoutMs)));
  const { status } = await Promise.race([answer.catch(() => ({ status: 0 })), timeout]);
  clearTimeout(timer);
  return { status, ms: performance.now() - sent };
}
