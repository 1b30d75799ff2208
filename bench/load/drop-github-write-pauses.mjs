// Preloaded into an App process (`node --import`) for the benchmark's "without GitHub's write
// pacing" runs: @octokit/plugin-throttling keeps 1 s between writes and 3 s between writes that
// notify (reviews, comments), in groups shared by the whole process. Against the fake GitHub those
// pauses, not the queue or the model, would set the pace; this makes the two groups pause 0 ms and
// leaves everything else (one write at a time, the other groups, retries) as it is. Plain
// JavaScript, so it also loads into the built App.
import { createRequire } from "node:module";

const Bottleneck = createRequire(import.meta.url)("bottleneck/light.js");
const PACED = new Set(["octokit-write", "octokit-notifications"]);
const Group = Bottleneck.Group;
Bottleneck.Group = class extends Group {
  constructor(options = {}) {
    super(PACED.has(options.id) ? { ...options, minTime: 0 } : options);
  }
};
