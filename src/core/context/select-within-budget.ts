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
  dropped: { count: number; lines: number };
  lines: number;
}

/**
 * Takes ranked candidates in order while they fit: overlapping or adjacent ranges of a file merge
 * (the overlap costs nothing), a candidate already covered only adds its reason, and one that
 * would pass the budget is dropped while smaller ones after it may still fit.
 */
export function selectWithinBudget(ranked: readonly ContextCandidate[], budgetLines: number): BudgetResult {
  const byPath = new Map<string, KeptRange[]>();
  let used = 0;
  const dropped = { count: 0, lines: 0 };
  ranked.forEach((candidate, order) => {
    const ranges = byPath.get(candidate.path) ?? [];
    const touching = ranges.filter((range) => range.startLine <= candidate.endLine + 1 && candidate.startLine <= range.endLine + 1);
    const startLine = Math.min(candidate.startLine, ...touching.map((range) => range.startLine));
    const endLine = Math.max(candidate.endLine, ...touching.map((range) => range.endLine));
    const cost = endLine - startLine + 1 - touching.reduce((sum, range) => sum + range.endLine - range.startLine + 1, 0);
    if (used + cost > budgetLines) {
      dropped.count += 1;
      dropped.lines += cost;
      return;
    }
    used += cost;
    const merged: KeptRange = {
      path: candidate.path,
      startLine,
      endLine,
      reasons: [...touching.flatMap((range) => range.reasons), candidate.reason].filter((reason, index, all) => all.indexOf(reason) === index),
      relation: strongest([candidate.relation, ...touching.map((range) => range.relation)]),
      order: Math.min(order, ...touching.map((range) => range.order)),
    };
    byPath.set(candidate.path, [...ranges.filter((range) => !touching.includes(range)), merged]);
  });
  const kept = [...byPath.values()].flat().sort((a, b) => a.order - b.order);
  return { kept, dropped, lines: used };
}

function strongest(relations: Relation[]): Relation {
  return relations.reduce((best, relation) => (RELATIONS.indexOf(relation) < RELATIONS.indexOf(best) ? relation : best));
}
