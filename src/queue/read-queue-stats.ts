import type { Queue } from "bullmq";
import type { QueueStats } from "../app/create-metrics.js";

// Enough of the oldest jobs of each waiting state to find the oldest among them.
const OLDEST_SAMPLE = 50;

/**
 * Depth and age of the shared queue, as every process sees it: waiting counts jobs ready to run,
 * delayed (retrying, or waiting for their pull request's running review) and prioritized ones;
 * running counts jobs active in any worker. Unknown (NaN) while Redis is unreachable.
 */
export async function readQueueStats(queue: Queue): Promise<QueueStats> {
  try {
    const counts = await queue.getJobCounts("waiting", "delayed", "prioritized", "active");
    const oldest = await queue.getJobs(["waiting", "prioritized", "delayed"], 0, OLDEST_SAMPLE - 1, true);
    const first = Math.min(...oldest.map((job) => job.timestamp));
    return {
      waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0),
      running: counts.active ?? 0,
      oldestWaitSeconds: Number.isFinite(first) ? Math.max(0, (Date.now() - first) / 1000) : 0,
    };
  } catch {
    return { waiting: Number.NaN, running: Number.NaN, oldestWaitSeconds: Number.NaN };
  }
}
