import type { BenchSection } from "../bench-section.js";
import { measureWebhookFlood, type WebhookFloodOptions } from "../load/measure-webhook-flood.js";
import { buildApp } from "../pipeline/build-app.js";

const MB = 1024 * 1024;
const ATTACKERS = [20, 200];
const OPTIONS: Omit<WebhookFloodOptions, "attackers"> = { entry: "built", bodyBytes: 24 * MB, floodMs: 6_000, answerTimeoutMs: 60_000, timeoutMs: 120_000 };

/** Unsigned 24 MB POSTs from 20 and 200 connections at once: the App's peak RSS, and a signed delivery's answer meanwhile. */
export async function run(): Promise<BenchSection> {
  buildApp();
  const rows: BenchSection["rows"] = [];
  for (const attackers of ATTACKERS) {
    const measured = await measureWebhookFlood({ ...OPTIONS, attackers });
    rows.push({
      attack: `${attackers} connections at once, ${OPTIONS.bodyBytes / MB} MB each`,
      "peak RSS before / after, MiB": `${mib(measured.beforeKiB)} / ${mib(measured.afterKiB)}`,
      "signed delivery mid-flood": measured.signed.status === 0 ? `no answer in ${OPTIONS.answerTimeoutMs / 1000} s` : `${measured.signed.status} in ${Math.round(measured.signed.ms)} ms`,
      "flood POSTs by answer": Object.entries(measured.flood)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outcome, n]) => `${outcome}: ${n}`)
        .join(", "),
    });
  }
  return {
    title: "Webhook flood: unsigned bodies against memory and answers",
    rows,
    notes: [
      `node dist/main.js (npm start), built first, on loopback against the fake GitHub and model. Each attacking connection POSTs a ${OPTIONS.bodyBytes / MB} MB body with GitHub's headers, a Content-Length and a well-formed X-Hub-Signature-256 that does not match, and starts another as soon as the App answers or closes; the flood lasts ${OPTIONS.floodMs / 1000} s.`,
      "Halfway through, one signed pull_request.opened delivery (23 KiB) is sent on a connection of its own; its time runs from the request's start to the answer's last byte (GitHub gives up after 10 s).",
      "Peak RSS is the App's own peak resident set size (VmHWM), before the flood (after a first review) and once it has ended.",
      '"no answer": the App answered and closed, but the sender did not read the answer before the connection was reset (closing with a body still unread resets it).',
    ],
  };
}

function mib(kib: number): number {
  return Math.round(kib / 1024);
}
