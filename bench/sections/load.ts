import type { BenchSection } from "../bench-section.js";
import { measureLoad, type LoadConfig } from "../load/measure-load.js";
import { renderLoadSection } from "../load/render-load-section.js";
import { buildApp } from "../pipeline/build-app.js";

// Pull requests per run: several rounds of the run's review slots without pacing; with GitHub's
// pacing a process posts about 10 reviews a minute, so fewer keep the section to a few minutes.
const CONFIG: LoadConfig = {
  entry: "built",
  modelLatencyMs: 2_000,
  ack: { targets: ["server", "receiver", "reference"], concurrent: 200, bursts: 3, oneAtATime: 20 },
  paced: [
    { concurrency: 1, workers: 0, pulls: 6 },
    { concurrency: 4, workers: 0, pulls: 6 },
    { concurrency: 16, workers: 0, pulls: 6 },
    { concurrency: 16, workers: 2, pulls: 12 },
  ],
  unpaced: [
    { concurrency: 1, workers: 0, pulls: 8 },
    { concurrency: 4, workers: 0, pulls: 32 },
    { concurrency: 16, workers: 0, pulls: 64 },
    { concurrency: 16, workers: 2, pulls: 128 },
  ],
  memory: { jobs: 1_000, concurrent: 200 },
  timeoutMs: 300_000,
};

/** Webhook answer latency, reviews per minute by concurrency and processes, memory while 1,000 jobs wait: the real processes on loopback. */
export async function run(): Promise<BenchSection> {
  buildApp();
  return renderLoadSection(CONFIG, await measureLoad(CONFIG));
}
