/** The App's own answer times, from its patchwise_webhook_answer_seconds histogram (status 200). */
export interface AppAnswerTimes {
  count: number;
  meanMs: number;
  /** The smallest bucket bound that holds 99% of the answers, in ms. */
  p99WithinMs: number;
}

const BUCKET = /^patchwise_webhook_answer_seconds_bucket\{le="([^"]+)",status="200"\} (\d+)$/gm;

/** Reads the histogram out of a /metrics text; undefined when it has no answered delivery. */
export function readWebhookAnswerTimes(metrics: string): AppAnswerTimes | undefined {
  const count = Number(/^patchwise_webhook_answer_seconds_count\{status="200"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
  const sum = Number(/^patchwise_webhook_answer_seconds_sum\{status="200"\} ([\d.e+-]+)$/m.exec(metrics)?.[1] ?? 0);
  if (count === 0) return undefined;
  const buckets = [...metrics.matchAll(BUCKET)].map(([, le, n]) => ({ le: Number(le), n: Number(n) })).sort((a, b) => a.le - b.le);
  const within = buckets.find((bucket) => bucket.n >= count * 0.99)?.le ?? Number.POSITIVE_INFINITY;
  return { count, meanMs: (sum / count) * 1000, p99WithinMs: within * 1000 };
}
