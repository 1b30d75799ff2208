import { isShownInDiff, type ChangedLines } from "./collect-changed-lines.js";
import type { RepoIndex } from "./create-repo-index.js";
import { listReferencesInRange } from "./find-enclosing-definition.js";
import { isTestPath } from "./is-test-path.js";
import type { ContextCandidate, LocalDeclaration } from "./types.js";

// One line each, but a large added block uses many locals: the first ones used, in line order.
const MAX_DECLARATIONS_PER_FILE = 12;

/**
 * The lines that declare the local variables and parameters the added lines use, in the function
 * around them or in the functions around that one (a closure's outer locals). One line each, so
 * they fit where a long enclosing function shows only a window around the change and its
 * signature, or where a large change leaves that function its signature alone.
 */
export function buildDeclarationCandidates(index: RepoIndex, changed: ChangedLines): ContextCandidate[] {
  if (changed.added.length === 0) return [];
  const outline = index.outline(changed.path, true);
  const locals = outline ? index.locals(changed.path) : [];
  if (!outline || locals.length === 0) return [];
  const added = new Set(changed.added);
  const taken = new Set<LocalDeclaration>();
  const candidates: ContextCandidate[] = [];
  const reason = `declarations of the locals and parameters the change at ${changed.path}:${changed.added[0]} uses`;
  for (const reference of listReferencesInRange(outline, changed.added[0]!, changed.added[changed.added.length - 1]!)) {
    // Bare names only: `a.x` and object keys are members, not locals (the `a` of `a.x` is a reference of its own).
    if (!added.has(reference.line) || reference.qualifier !== undefined || reference.kind === "member") continue;
    const declaration = findDeclaration(locals, reference.name, reference.line);
    if (!declaration || taken.has(declaration) || isShownInDiff(changed, declaration.line, declaration.line)) continue;
    taken.add(declaration);
    candidates.push({
      path: changed.path,
      startLine: declaration.line,
      endLine: declaration.line,
      relation: "enclosing",
      // One reason for all of them (the lines name the locals): a snippet's reasons stay readable.
      reason,
      forTest: isTestPath(changed.path),
      distance: 0,
      confidence: 0,
      // After the code around the change, before the signatures of the functions around it.
      specificity: 0.5,
    });
    if (candidates.length === MAX_DECLARATIONS_PER_FILE) break;
  }
  return candidates;
}

// The declaration in the innermost scope around the use; in that scope, the last one before it.
function findDeclaration(locals: readonly LocalDeclaration[], name: string, line: number): LocalDeclaration | undefined {
  let best: LocalDeclaration | undefined;
  for (const local of locals) {
    if (local.name !== name || local.line > line || local.scopeStart > line || local.scopeEnd < line) continue;
    const size = local.scopeEnd - local.scopeStart;
    const bestSize = best === undefined ? Infinity : best.scopeEnd - best.scopeStart;
    if (size < bestSize || (size === bestSize && local.line > best!.line)) best = local;
  }
  return best;
}
