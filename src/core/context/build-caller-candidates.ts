import { baseOf, stemOf } from "./build-path-index.js";
import { buildSnippetRange } from "./build-snippet-range.js";
import { isShownInDiff, type ChangedLines } from "./collect-changed-lines.js";
import type { ChangedSymbol } from "./collect-changed-symbols.js";
import type { RepoIndex } from "./create-repo-index.js";
import { canReference } from "./detect-language.js";
import { findEnclosingDefinition } from "./find-enclosing-definition.js";
import { isTestPath, testedStem } from "./is-test-path.js";
import type { ContextCandidate, FileOutline } from "./types.js";

// Languages whose names are visible without an import naming the file.
const GLOBAL_NAMES = new Set(["c", "cpp", "ruby", "php", "csharp", "text"]);
const CALLER_WINDOW = 5;
const TESTS_PER_SYMBOL = 3;
const USES_PER_FILE = 3;

/**
 * Code that uses the changed symbols: callers in files that import (or share a package with) the
 * changed file, and the tests among them; for a changed file without such tests, the tests named after it.
 */
export function buildCallerCandidates(index: RepoIndex, symbols: ChangedSymbol[], changes: ReadonlyMap<string, ChangedLines>): ContextCandidate[] {
  const candidates: ContextCandidate[] = [];
  const testedFiles = new Set<string>();
  for (const symbol of symbols) {
    const uses = findUses(index, symbol, changes);
    const callers = uses.filter((use) => use.relation === "caller").slice(0, index.limits.maxCallersPerSymbol);
    const tests = uses.filter((use) => use.relation === "test").slice(0, TESTS_PER_SYMBOL);
    if (tests.length > 0) testedFiles.add(symbol.path);
    candidates.push(...callers, ...tests);
  }
  for (const path of new Set(symbols.map((symbol) => symbol.path))) {
    if (!testedFiles.has(path) && !isTestPath(path)) candidates.push(...namedTests(index, path, changes));
  }
  return candidates;
}

function findUses(index: RepoIndex, symbol: ChangedSymbol, changes: ReadonlyMap<string, ChangedLines>): ContextCandidate[] {
  const files = index.mentioningNear(symbol.name, symbol.path, false).slice(0, index.limits.maxFilesPerName);
  const found: ContextCandidate[] = [];
  for (const file of files) {
    const outline = index.outline(file);
    if (!outline) continue;
    const confidence = visibility(index, file, outline, symbol);
    if (confidence === undefined) continue;
    const importLines = new Set(outline.imports.map((entry) => entry.line));
    const declared = new Set(outline.definitions.filter((d) => d.name === symbol.name).map((d) => d.nameLine));
    const own = file === symbol.path ? symbol.definition : undefined;
    const seen = new Set<string>();
    let uses = 0;
    for (const reference of outline.references) {
      if (uses >= USES_PER_FILE) break;
      if (reference.name !== symbol.name || importLines.has(reference.line) || declared.has(reference.line)) continue;
      if (own && own.startLine <= reference.line && reference.line <= own.endLine) continue;
      const enclosing = findEnclosingDefinition(outline, reference.line);
      const range = enclosing ? buildSnippetRange(index, file, enclosing, reference.line) : windowAround(index, file, reference.line);
      if (!range || seen.has(`${range.startLine}:${range.endLine}`) || isShownInDiff(changes.get(file), range.startLine, range.endLine)) continue;
      seen.add(`${range.startLine}:${range.endLine}`);
      uses += 1;
      const test = isTestPath(file) && !isTestPath(symbol.path);
      const what = symbol.definition ? `\`${symbol.name}\`` : `\`${symbol.name}\`, which the change removes`;
      found.push({
        path: file,
        startLine: range.startLine,
        endLine: range.endLine,
        relation: test ? "test" : "caller",
        reason: `${test ? "test using" : "caller of"} ${what} (${file}:${reference.line})`,
        forTest: isTestPath(symbol.path),
        distance: file === symbol.path ? 0 : 1,
        confidence,
        specificity: 0,
      });
    }
  }
  return found.sort((a, b) => a.confidence - b.confidence || a.distance - b.distance);
}

/** How surely `file` sees the changed file: 0 same file or imports it, 1 same package, 2 global names; undefined when it cannot. */
function visibility(index: RepoIndex, file: string, outline: FileOutline, symbol: ChangedSymbol): number | undefined {
  if (file === symbol.path) return 0;
  const bindings = index.bindings(file);
  if (bindings.importedFiles.has(symbol.path)) return 0;
  if (bindings.scope.includes(symbol.path)) return 1;
  // A removed file no longer resolves: an import naming its file counts.
  if (!symbol.definition && outline.imports.some((entry) => entry.source.includes(stemOf(symbol.path)))) return 1;
  return GLOBAL_NAMES.has(outline.language) && canReference(file, symbol.path) ? 2 : undefined;
}

/** Tests named after a file (`x.test.ts`, `test_x.py`, `XTest.java`, `x_spec.rb`): their blocks that use its names. */
function namedTests(index: RepoIndex, path: string, changes: ReadonlyMap<string, ChangedLines>): ContextCandidate[] {
  const stem = stemOf(path).toLowerCase();
  const names = new Set(index.outline(path)?.definitions.map((definition) => definition.name) ?? []);
  const found: ContextCandidate[] = [];
  for (const file of index.mentioning(stemOf(path))) {
    if (!isTestPath(file) || testedStem(file) !== stem || file === path) continue;
    const outline = index.outline(file);
    if (!outline) continue;
    const blocks = new Map<number, number>();
    for (const reference of outline.references) {
      if (!names.has(reference.name)) continue;
      const block = findEnclosingDefinition(outline, reference.line);
      if (block && block.kind !== "class" && block.kind !== "module" && !blocks.has(block.startLine)) blocks.set(block.startLine, reference.line);
      if (blocks.size >= 2) break;
    }
    for (const line of blocks.values()) {
      const range = buildSnippetRange(index, file, findEnclosingDefinition(outline, line)!, line);
      if (!range || isShownInDiff(changes.get(file), range.startLine, range.endLine)) continue;
      found.push({ path: file, startLine: range.startLine, endLine: range.endLine, relation: "test", reason: `test named after ${baseOf(path)} (${file}:${line})`, forTest: false, distance: 1, confidence: 1, specificity: 0 });
    }
  }
  return found;
}

function windowAround(index: RepoIndex, path: string, line: number): { startLine: number; endLine: number } | undefined {
  const lines = index.lines(path);
  if (!lines) return undefined;
  return { startLine: Math.max(1, line - CALLER_WINDOW), endLine: Math.min(lines.length, line + CALLER_WINDOW) };
}
