import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { lintWithSecretlint } from "../../src/core/redact/lint-with-secretlint.js";
import { redactPatches } from "../../src/core/redact/redact-patches.js";
import { redactSecrets } from "../../src/core/redact/redact-secrets.js";
import type { FilePatch } from "../../src/core/types.js";
import { createRandom, makeSecretCases, type SecretCase } from "../../test/fixtures/secrets/make-secret-cases.js";
import type { BenchSection } from "../bench-section.js";

const FILES = 50;
const LINES_PER_FILE = 200;
const LINT_CALLS = 500;
const SEEDS = 25;
// Real code no one meant to hold secrets: this repository's sources and some installed packages.
const REAL_CODE = ["src", ...["@octokit", "probot", "openai", "@anthropic-ai", "pino", "zod", "nock", "bullmq"].map((name) => `node_modules/${name}`)];

/** Secret redaction over the fixture corpus: recall by type, false positives on look-alikes, speed. */
export async function run(): Promise<BenchSection> {
  const cases = Array.from({ length: SEEDS }, (_, seed) => makeSecretCases(seed + 1)).flat();
  const lookalikes = readFileSync(join(process.cwd(), "test/fixtures/secrets/lookalikes.txt"), "utf8");
  const rows: Record<string, string | number>[] = [];

  const { byType, hidden } = await measureRecall(cases);
  for (const [type, { hit, total }] of byType) rows.push({ metric: `recall: ${type}`, value: ratio(hit, total) });
  const overall = [...byType.values()].reduce((sum, entry) => ({ hit: sum.hit + entry.hit, total: sum.total + entry.total }), { hit: 0, total: 0 });
  rows.push({ metric: "recall: all types", value: ratio(overall.hit, overall.total) });
  rows.push({ metric: "values hidden, whatever the type", value: ratio(hidden, cases.length) });

  const lookalikeResult = await redactSecrets([{ id: "lookalikes", text: lookalikes }]);
  const changed = lookalikes.split("\n").filter((line, index) => line !== lookalikeResult.texts[0]?.text.split("\n")[index]).length;
  rows.push({ metric: "false positives: look-alike lines changed", value: `${changed} of ${lookalikes.split("\n").length}` });
  rows.push({ metric: "false positives: findings on look-alikes", value: lookalikeResult.total });

  const real = await scanRealCode();
  rows.push({ metric: "real code: files, lines scanned", value: `${real.files} files, ${real.lines} lines` });
  rows.push({ metric: "real code: secrets reported", value: `${real.total} (${Object.entries(real.counts).map(([type, count]) => `${type}: ${count}`).join(", ") || "none"})` });
  rows.push({ metric: "real code: redactSecrets ms per 1000 lines", value: ((real.ms / real.lines) * 1000).toFixed(2) });

  const files = makeCodeFiles(cases, lookalikes);
  const lineCount = FILES * LINES_PER_FILE;
  const textsMs = await timeIt(() => redactSecrets(files.map((text, index) => ({ id: `file:${index}`, text }))));
  const patchesMs = await timeIt(() => redactPatches(files.map((text, index) => addedFilePatch(`src/file-${index}.ts`, text))));
  rows.push({ metric: "redactSecrets: ms per 1000 lines", value: ((textsMs / lineCount) * 1000).toFixed(2) });
  rows.push({ metric: "redactPatches: ms per 1000 diff lines", value: ((patchesMs / lineCount) * 1000).toFixed(2) });

  const oneFile = files[0] ?? "";
  const perFileMs = await timeIt(() => lintWithSecretlint(oneFile));
  const perLineMs = await timeIt(async () => {
    for (const line of oneFile.split("\n")) await lintWithSecretlint(line);
  });
  rows.push({ metric: "secretlint, one call per file: ms per 1000 lines", value: ((perFileMs / LINES_PER_FILE) * 1000).toFixed(2) });
  rows.push({ metric: "secretlint, one call per line: ms per 1000 lines", value: ((perLineMs / LINES_PER_FILE) * 1000).toFixed(2) });
  rows.push({ metric: `secretlint: performance marks left after ${LINT_CALLS} calls`, value: await marksLeftAfterCalls(oneFile) });

  return {
    title: "Secret redaction",
    rows,
    notes: [
      `Recall: a case counts when every secret value is gone from the text and a finding of the expected type is reported (${cases.length} cases: test/fixtures/secrets/make-secret-cases.ts with seeds 1-${SEEDS}).`,
      "Look-alikes: test/fixtures/secrets/lookalikes.txt (UUIDs, git shas, data URIs, integrity hashes, placeholder and example keys, env references).",
      `Real code: ${REAL_CODE.join(", ")} (.js/.ts/.json/.md/.yml files under 300 KB); what it reports there are mostly key-shaped examples in docs and tests.`,
      `Speed: ${FILES} files of ${LINES_PER_FILE} lines mixing code, look-alikes and secrets; best of 3 runs after a warm-up.`,
      "secretlint's profiler would keep ~60 marks (about 19 KB) per call for ever; Patchwise switches its recorder off, so the last row must read 0.",
    ],
  };
}

async function measureRecall(cases: SecretCase[]): Promise<{ byType: Map<string, { hit: number; total: number }>; hidden: number }> {
  const result = await redactSecrets(cases.map((secretCase, index) => ({ id: String(index), text: secretCase.text, path: secretCase.path })));
  const byType = new Map<string, { hit: number; total: number }>();
  let hidden = 0;
  cases.forEach((secretCase, index) => {
    const text = result.texts[index]?.text ?? "";
    const gone = secretCase.secrets.every((secret) => !text.includes(secret));
    const typed = result.findings.some((finding) => finding.id === String(index) && finding.type === secretCase.type);
    const entry = byType.get(secretCase.type) ?? { hit: 0, total: 0 };
    byType.set(secretCase.type, { hit: entry.hit + (gone && typed ? 1 : 0), total: entry.total + 1 });
    hidden += gone ? 1 : 0;
  });
  return { byType: new Map([...byType].sort(([a], [b]) => a.localeCompare(b))), hidden };
}

// Mostly ordinary code, with look-alikes and a secret now and then, as a diff of a real change.
function makeCodeFiles(cases: SecretCase[], lookalikes: string): string[] {
  const random = createRandom(99);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Number.parseInt(random("0123456789", 6), 10) / 1e6 * items.length)] as T;
  const lookalikeLines = lookalikes.split("\n");
  const code = ["export function total(items: Item[]): number {", "  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);", "}", "", "const result = await client.request({ method: \"GET\", path: `/repos/${owner}/${repo}` });", "if (!response.ok) throw new Error(`request failed: ${response.status}`);", "  // keep the order stable for the summary"];
  return Array.from({ length: FILES }, () => {
    const lines: string[] = [];
    while (lines.length < LINES_PER_FILE) {
      const roll = Number.parseInt(random("0123456789", 2), 10);
      lines.push(...(roll < 3 ? pick(cases).text.split("\n") : roll < 15 ? [pick(lookalikeLines)] : [pick(code)]));
    }
    return lines.slice(0, LINES_PER_FILE).join("\n");
  });
}

async function scanRealCode(): Promise<{ files: number; lines: number; ms: number; total: number; counts: Record<string, number> }> {
  const paths = REAL_CODE.filter((root) => existsSync(root)).flatMap((root) => listFiles(root));
  const inputs = paths.map((path) => ({ id: path, path, text: readFileSync(path, "utf8") }));
  const start = performance.now();
  const result = await redactSecrets(inputs);
  const ms = performance.now() - start;
  const lines = inputs.reduce((sum, input) => sum + input.text.split("\n").length, 0);
  return { files: inputs.length, lines, ms, total: result.total, counts: result.counts };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(path);
      return /\.(?:[cm]?js|ts|json|md|ya?ml)$/.test(entry.name) && statSync(path).size < 300_000 ? [path] : [];
    });
}

function addedFilePatch(path: string, text: string): FilePatch {
  const lines = text.split("\n").map((content, index) => ({ kind: "add" as const, content, newLine: index + 1 }));
  return { path, status: "added", additions: lines.length, deletions: 0, hunks: [{ header: `@@ -0,0 +1,${lines.length} @@`, oldStart: 0, oldLines: 0, newStart: 1, newLines: lines.length, lines }] };
}

async function timeIt(task: () => Promise<unknown>): Promise<number> {
  await task();
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await task();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

async function marksLeftAfterCalls(text: string): Promise<number> {
  const before = performance.getEntriesByType("mark").length;
  for (let call = 0; call < LINT_CALLS; call++) await lintWithSecretlint(text, `src/file-${call}.ts`);
  return performance.getEntriesByType("mark").length - before;
}

function ratio(hit: number, total: number): string {
  return `${hit}/${total} (${((hit / total) * 100).toFixed(1)}%)`;
}
