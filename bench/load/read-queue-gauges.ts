/** The queue's depth as an App process reports it on /metrics (with REDIS_URL: the shared queue, as Redis holds it). */
export async function readQueueGauges(appUrl: string): Promise<{ waiting: number; running: number }> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  const gauge = (state: string) => Number(new RegExp(`^patchwise_queue_jobs\\{state="${state}"\\} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);
  return { waiting: gauge("waiting"), running: gauge("running") };
}
