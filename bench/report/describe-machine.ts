import { arch, cpus, loadavg, platform, totalmem } from "node:os";

/**
 * Where and when the figures were measured: "2026-11-23, Node v20.20.2, linux x64, 8 × <cpu model>,
 * 16 GiB, load 0.42". The load (1-minute average at the start) says how far to trust the times.
 */
export function describeMachine(now: Date = new Date()): string {
  const processors = cpus();
  const model = processors[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown CPU";
  const memory = `${Math.round(totalmem() / 2 ** 30)} GiB`;
  const load = loadavg()[0]?.toFixed(2) ?? "unknown";
  return `${now.toISOString().slice(0, 10)}, Node ${process.version}, ${platform()} ${arch()}, ${processors.length} × ${model}, ${memory}, load ${load}`;
}
