import { RELATIONS, type ContextCandidate, type Relation } from "./types.js";

/** A range kept for the prompt: merged candidates of one file. */
export interface KeptRange {
  path: string;
  startLine: number;
  endLine: number;
  reasons: string[];
  relation: Relation;
  /** Rank of the first candidate kept in it (snippets are listed in this order). */
  order: number;
}

export interface BudgetResult {
  kept: KeptRange[];
  /** Candidates left out, and their lines that no kept range shows. */
  dropped: { count: number; lines: number };
  /** Distinct definitions shown by their header only. */
  signaturesOnly: number;
  lines: number;
}

interface Span {
  startLine: number;
  endLine: number;
}

type Form = "whole" | "signature";

// A candidate without a signature this short is its own short form.
const SHORT_LINES = 12;

/**
 * Takes ranked candidates while they fit, in two passes. First the short form of the code around
 * the change and of each definition it uses: its signature, or the whole when that is short, so a
 * large change still shows the contract of everything it touches. Then, in rank order, whole
 * enclosing code and definitions, callers and tests. Overlapping or adjacent ranges of a file
 * merge (the overlap costs nothing); a candidate that would pass the budget is skipped while
 * smaller ones after it may still fit.
 */
export function selectWithinBudget(ranked: readonly ContextCandidate[], budgetLines: number): BudgetResult {
  const byPath = new Map<string, Span[]>();
  const forms: Array<Form | undefined> = ranked.map(() => undefined);
  let used = 0;

  const take = (path: string, span: Span): boolean => {
    const ranges = byPath.get(path) ?? [];
    const touching = ranges.filter((range) => range.startLine <= span.endLine + 1 && span.startLine <= range.endLine + 1);
    const merged = { startLine: Math.min(span.startLine, ...touching.map((r) => r.startLine)), endLine: Math.max(span.endLine, ...touching.map((r) => r.endLine)) };
    const cost = length(merged) - touching.reduce((sum, range) => sum + length(range), 0);
    if (used + cost > budgetLines) return false;
    used += cost;
    byPath.set(path, [...ranges.filter((range) => !touching.includes(range)), merged]);
    return true;
  };
  const takeWhole = (candidate: ContextCandidate, order: number) => {
    if (take(candidate.path, candidate)) forms[order] = "whole";
  };
  const takeSignature = (candidate: ContextCandidate, order: number) => {
    if (candidate.signature && forms[order] === undefined && take(candidate.path, candidate.signature)) forms[order] = "signature";
  };

  ranked.forEach((candidate, order) => {
    if (candidate.relation !== "enclosing" && candidate.relation !== "definition") return;
    if (candidate.signature) takeSignature(candidate, order);
    else if (length(candidate) <= SHORT_LINES) takeWhole(candidate, order);
  });
  ranked.forEach((candidate, order) => {
    if (forms[order] === "whole") return;
    takeWhole(candidate, order);
    takeSignature(candidate, order);
  });

  return { kept: describeRanges(byPath, ranked, forms), dropped: countDropped(byPath, ranked, forms), signaturesOnly: countSignaturesOnly(ranked, forms), lines: used };
}

// Distinct definitions whose header was taken and that no range taken whole contains (a name
// used twice is one definition; a method inside a class taken whole is shown whole).
function countSignaturesOnly(ranked: readonly ContextCandidate[], forms: ReadonlyArray<Form | undefined>): number {
  const whole = ranked.filter((_, order) => forms[order] === "whole");
  const headers = new Set<string>();
  ranked.forEach((candidate, order) => {
    const signature = candidate.signature;
    if (forms[order] !== "signature" || !signature) return;
    const shownWhole = whole.some((other) => other.path === candidate.path && other.startLine <= candidate.startLine && candidate.endLine <= other.endLine);
    if (!shownWhole) headers.add(`${candidate.path}:${signature.startLine}`);
  });
  return headers.size;
}

function describeRanges(byPath: ReadonlyMap<string, Span[]>, ranked: readonly ContextCandidate[], forms: ReadonlyArray<Form | undefined>): KeptRange[] {
  const kept = new Map<Span, KeptRange>();
  ranked.forEach((candidate, order) => {
    const form = forms[order];
    if (form === undefined) return;
    const taken = form === "signature" ? candidate.signature! : candidate;
    const span = byPath.get(candidate.path)!.find((range) => range.startLine <= taken.startLine && taken.endLine <= range.endLine)!;
    const reason = form === "signature" ? `${candidate.reason} (signature only)` : candidate.reason;
    const range = kept.get(span);
    if (!range) {
      kept.set(span, { path: candidate.path, ...span, reasons: [reason], relation: candidate.relation, order });
    } else {
      if (!range.reasons.includes(reason)) range.reasons.push(reason);
      range.relation = strongest(range.relation, candidate.relation);
    }
  });
  return [...kept.values()].sort((a, b) => a.order - b.order);
}

function countDropped(byPath: ReadonlyMap<string, Span[]>, ranked: readonly ContextCandidate[], forms: ReadonlyArray<Form | undefined>): { count: number; lines: number } {
  const dropped = { count: 0, lines: 0 };
  ranked.forEach((candidate, order) => {
    if (forms[order] !== undefined) return;
    dropped.count += 1;
    const shown = (byPath.get(candidate.path) ?? []).reduce((sum, range) => sum + Math.max(0, Math.min(range.endLine, candidate.endLine) - Math.max(range.startLine, candidate.startLine) + 1), 0);
    dropped.lines += length(candidate) - shown;
  });
  return dropped;
}

function length(span: Span): number {
  return span.endLine - span.startLine + 1;
}

function strongest(a: Relation, b: Relation): Relation {
  return RELATIONS.indexOf(a) <= RELATIONS.indexOf(b) ? a : b;
}
