// Preloaded into the App's process by the benchmark (`node --import`), plain JavaScript so that it
// also loads into the built App: answers a "resource-usage" message on the IPC channel with
// `process.resourceUsage()`, its maxRSS (KiB) being this process's own peak resident set size.
// On Linux, getrusage's maxRSS keeps the peak of the process that spawned it (the benchmark,
// holding the fake repositories) across exec; the kernel's VmHWM of this process image does not.
import { readFileSync } from "node:fs";

function ownPeakKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: getrusage's figure is the process's own there.
  }
  return undefined;
}

process.on("message", (message) => {
  if (message !== "resource-usage") return;
  const usage = process.resourceUsage();
  process.send?.({ ...usage, maxRSS: ownPeakKiB() ?? usage.maxRSS });
});
// The channel must not keep the App alive once it decides to exit.
process.channel?.unref();
