import { performance } from "node:perf_hooks";
import { countShownLines } from "../../src/core/context/count-shown-lines.js";
import { selectRelatedCode } from "../../src/core/context/select-related-code.js";
import type { RelatedSnippet, SyntaxService } from "../../src/core/context/types.js";
import { loadSyntaxService } from "../../src/syntax/load-parsers.js";
import { listContextFixtures, loadContextFixture } from "../../test/fixtures/context/load-context-fixture.js";
import type { BenchSection, SectionOptions } from "../bench-section.js";
import { findForeignDefinitions, prepareForeignTools } from "../context/find-foreign-definitions.js";
import { findUsedDefinitions, type UsedDefinition } from "../context/find-used-definitions.js";
import { findWrongTargets } from "../context/find-wrong-targets.js";
import { listCommits, readCommit } from "../context/read-commit.js";

const COMMITS = 40;
const BUDGET = 800;

interface Tally {
  symbols: number;
  covered: number;
}

/**
 * Context quality: the share of the symbols used in changed lines whose definition (in the
 * repository, outside what the diff shows) is in the selected context at the default budget.
 * Ground truth: TypeScript's go-to-definition (jedi's for Python, go/types' for Go) over the
 * repository's commits, and the hand-written symbol lists of the multi-language fixtures.
 */
export async function run(options: SectionOptions = {}): Promise<BenchSection> {
  const cwd = options.repo ?? process.cwd();
  const foreign = options.repo !== undefined;
  const syntax = await loadSyntaxService();
  const rows: Record<string, string | number>[] = [];
  const history = { symbols: 0, covered: 0 };
  const byKind = new Map<string, Tally>();
  const shares: number[] = [];

  const times: number[] = [];
  const serviceMs: number[] = [];
  const serviceMb: number[] = [];
  const targets = { judged: 0, wrong: 0 };
  const tools = prepareForeignTools();
  for (const sentence of tools.missing) console.error(`bench: ${sentence}`);
  try {
    for (const { sha, subject } of listCommits(cwd, options.commits ?? COMMITS, options.rev)) {
      const commit = readCommit(cwd, sha, subject);
      // The TypeScript ground truth is TypeScript's language service over the same snapshot: its cost is what adopting it would cost a review.
      const heapBefore = process.memoryUsage().heapUsed;
      const serviceStarted = performance.now();
      // What the diff already shows is no context to find, but still a right target for a snippet.
      const typescriptDefinitions = findUsedDefinitions(commit.files, commit.patches);
      const typescriptUsed = typescriptDefinitions.filter((definition) => !definition.shown);
      const serviceTook = { ms: performance.now() - serviceStarted, mb: (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024 };
      const foreignDefinitions = findForeignDefinitions(tools, commit.files, commit.patches);
      const used = [...typescriptUsed, ...foreignDefinitions.filter((definition) => !definition.shown)];
      if (used.length === 0) continue;
      const { snippets, dropped, ms } = timeSelection(syntax, commit);
      // Only the commits the selection is timed on (those with a definition to find), as for the selection.
      if (typescriptUsed.length > 0) {
        serviceMs.push(serviceTook.ms);
        serviceMb.push(serviceTook.mb);
      }
      const covered = used.filter((definition) => isCovered(snippets, definition));
      const { judged, wrong } = findWrongTargets(snippets, [...typescriptDefinitions, ...foreignDefinitions], (path, line) => commit.files.get(path)?.split("\n")[line - 1] ?? "");
      targets.judged += judged;
      targets.wrong += wrong.length;
      if (options.misses) for (const guess of wrong) console.error(`wrong ${sha.slice(0, 7)} ${guess.name} used in ${guess.usedIn} -> ${guess.path}:${guess.startLine}-${guess.endLine}`);
      // `--misses`: what the context lacked, to sort into causes.
      if (options.misses) for (const miss of used.filter((definition) => !covered.includes(definition))) console.error(`miss ${sha.slice(0, 7)} ${miss.kind} ${miss.name} ${miss.path}:${miss.line} used at ${miss.usedIn}:${miss.usedLine}`);
      history.symbols += used.length;
      history.covered += covered.length;
      shares.push(covered.length / used.length);
      times.push(ms);
      for (const definition of used) {
        const tally = byKind.get(kindGroup(definition)) ?? { symbols: 0, covered: 0 };
        tally.symbols += 1;
        if (covered.includes(definition)) tally.covered += 1;
        byKind.set(kindGroup(definition), tally);
      }
      rows.push(row(`commit ${sha.slice(0, 7)} ${subject.slice(0, 40)}`, commit.patches.length, used.length, covered.length, snippets, dropped, ms));
    }
  } finally {
    tools.dispose();
  }

  const fixtures = { symbols: 0, covered: 0 };
  for (const name of foreign ? [] : listContextFixtures()) {
    const fixture = loadContextFixture(name);
    const { snippets, dropped, ms } = timeSelection(syntax, fixture);
    const covered = fixture.expected.symbols.filter((symbol) => isCovered(snippets, symbol)).length;
    fixtures.symbols += fixture.expected.symbols.length;
    fixtures.covered += covered;
    rows.push(row(`fixture ${name}`, fixture.patches.length, fixture.expected.symbols.length, covered, snippets, dropped, ms));
  }

  const medianMs = Math.round(median(times));
  rows.push({ set: foreign ? `ALL commits of ${options.repo}` : "ALL this repository's commits", "changed files": "", symbols: history.symbols, covered: history.covered, share: percent(history.covered, history.symbols), "context lines": "", dropped: "", "select ms": `median ${medianMs}` });
  if (!foreign) rows.push({ set: "ALL language fixtures", "changed files": "", symbols: fixtures.symbols, covered: fixtures.covered, share: percent(fixtures.covered, fixtures.symbols), "context lines": "", dropped: "", "select ms": "" });
  const medianShare = median(shares);
  return {
    title: `Related-code context quality (budget ${BUDGET} lines)`,
    rows,
    notes: [
      `Share of symbols used in added lines whose definition (in the repository, not on a line the diff shows) is inside a selected snippet; target ≥ 90%. Median per commit: ${(medianShare * 100).toFixed(1)}%.`,
      `TypeScript's language service (the ground truth: go-to-definition of every identifier on the added lines, over the same in-memory snapshot): median ${Math.round(median(serviceMs))} ms per commit (max ${Math.round(Math.max(0, ...serviceMs))}), heap grown by a median ${Math.round(median(serviceMb))} MB while it ran (max ${Math.round(Math.max(0, ...serviceMb))}); the selection: median ${medianMs} ms.`,
      `Wrong targets: ${targets.wrong} of ${targets.judged} definition snippets chosen for a use the ground truth resolves (its name on that added line) hold none of the definitions it gives that use (a same-named definition chosen instead; a name written twice on its line is not judged).`,
      `By kind of definition (${foreign ? "these" : "this repository's"} commits): ${[...byKind].map(([kind, tally]) => `${kind} ${percent(tally.covered, tally.symbols)} of ${tally.symbols}`).join(", ")}.`,
      "Ground truth for commits: TypeScript's go-to-definition (no lib, no node_modules, so names from packages are not counted), jedi's goto (follow_imports) for Python, go/types for Go (the repository's own modules from source, other imports empty); for fixtures: the symbols listed in test/fixtures/context/<language>/expected.json.",
      ...tools.missing,
      `Up to ${options.commits ?? COMMITS} latest non-merge commits${options.rev === undefined ? "" : ` from ${options.rev}`} of ${foreign ? "that" : "this"} repository (git log), each read in memory at that commit and reviewed as one change.`,
    ],
  };
}

function timeSelection(syntax: SyntaxService, input: Pick<ReturnType<typeof loadContextFixture>, "patches" | "repo">) {
  const started = performance.now();
  const { snippets, dropped } = selectRelatedCode({ patches: input.patches, repo: input.repo, syntax, budgetLines: BUDGET });
  return { snippets, dropped, ms: performance.now() - started };
}

// A line in a snippet's gap is not shown.
function isCovered(snippets: readonly RelatedSnippet[], definition: { path: string; line: number }): boolean {
  const inside = (span: { startLine: number; endLine: number }) => span.startLine <= definition.line && definition.line <= span.endLine;
  return snippets.some((snippet) => snippet.path === definition.path && inside(snippet) && !(snippet.gaps ?? []).some(inside));
}

function kindGroup(definition: UsedDefinition): string {
  if (definition.kind === "local var" || definition.kind === "parameter" || definition.kind === "let" || definition.kind === "var") return "locals/parameters";
  if (definition.kind === "property" || definition.kind === "method") return "members";
  return definition.path === definition.usedIn ? "same-file declarations" : "imported declarations";
}

function row(set: string, files: number, symbols: number, covered: number, snippets: readonly RelatedSnippet[], dropped: { count: number; lines: number }, ms: number) {
  const lines = snippets.reduce((sum, snippet) => sum + countShownLines(snippet), 0);
  return { set, "changed files": files, symbols, covered, share: percent(covered, symbols), "context lines": lines, dropped: `${dropped.count} (${dropped.lines} lines)`, "select ms": Math.round(ms) };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((part / whole) * 100).toFixed(1)}%`;
}
