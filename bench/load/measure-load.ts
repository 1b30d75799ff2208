import type { AppOptions } from "../pipeline/spawn-app.js";
import { measureReviewThroughput, startThroughputRig, type ThroughputMeasurement, type ThroughputRig } from "./measure-review-throughput.js";
import { measureWaitingMemory, type WaitingMemoryMeasurement } from "./measure-waiting-memory.js";
import { measureWebhookAck, type AckTarget, type WebhookAckMeasurement } from "./measure-webhook-ack.js";

/** One throughput run: PATCHWISE_CONCURRENCY per reviewing process, 0 workers (one process) or N on Redis, and how many pull requests. */
export interface ThroughputRun {
  concurrency: number;
  workers: number;
  pulls: number;
}

export interface LoadConfig {
  entry: AppOptions["entry"];
  modelLatencyMs: number;
  ack: { targets: AckTarget[]; concurrent: number; bursts: number; oneAtATime: number };
  /** With GitHub's write pacing as shipped. They wait on the pacing's timers rather than the CPU, so they are measured side by side. */
  paced: ThroughputRun[];
  /** Without GitHub's write pacing, one after another. */
  unpaced: ThroughputRun[];
  /** `githubPacing: false` only to make the scaled-down test quick: the section keeps the pacing as shipped. */
  memory: { jobs: number; concurrent: number; githubPacing?: boolean };
  timeoutMs: number;
}

export interface LoadMeasurement {
  ack: Array<{ target: AckTarget } & WebhookAckMeasurement>;
  paced: Array<ThroughputRun & ThroughputMeasurement>;
  unpaced: Array<ThroughputRun & ThroughputMeasurement>;
  memory: WaitingMemoryMeasurement;
}

/** The load section's measurements, each against fresh processes and fakes. */
export async function measureLoad(config: LoadConfig): Promise<LoadMeasurement> {
  const { entry, modelLatencyMs, timeoutMs } = config;
  const ack: LoadMeasurement["ack"] = [];
  for (const target of config.ack.targets) ack.push({ target, ...(await measureWebhookAck({ entry, target, modelLatencyMs, ...config.ack })) });
  const throughputOptions = (run: ThroughputRun, githubPacing: boolean) => ({ entry, modelLatencyMs, timeoutMs, githubPacing, ...run });
  // Started one after another, so that no start-up takes CPU from a run being measured.
  const rigs: ThroughputRig[] = [];
  let paced: LoadMeasurement["paced"];
  try {
    for (const run of config.paced) rigs.push(await startThroughputRig(throughputOptions(run, true)));
    paced = await Promise.all(rigs.map((rig, index) => rig.measure().then((result) => ({ ...config.paced[index]!, ...result }))));
  } finally {
    await Promise.all(rigs.map((rig) => rig.stop()));
  }
  const unpaced: LoadMeasurement["unpaced"] = [];
  for (const run of config.unpaced) unpaced.push({ ...run, ...(await measureReviewThroughput(throughputOptions(run, false))) });
  const memory = await measureWaitingMemory({ entry, modelLatencyMs, timeoutMs, ...config.memory });
  return { ack, paced, unpaced, memory };
}
