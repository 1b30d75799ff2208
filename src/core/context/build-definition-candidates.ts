import { buildSignatureRange } from "./build-signature-range.js";
import { buildSnippetRange, describeKind } from "./build-snippet-range.js";
import type { ChangedLines } from "./collect-changed-lines.js";
import type { RepoIndex } from "./create-repo-index.js";
import { listReferencesInRange } from "./find-enclosing-definition.js";
import { isTestPath } from "./is-test-path.js";
import { resolveReference } from "./resolve-reference.js";
import type { ContextCandidate, ReferenceKind, SyntaxReference } from "./types.js";

const SPECIFICITY: Record<ReferenceKind, number> = { call: 0, type: 1, identifier: 2, member: 3 };
const MAX_REFERENCES_PER_FILE = 400;
const KEYS_BY_CALL = new Set(["typescript", "tsx", "javascript"]);

/** Definitions, outside the diff, of the names the added lines use. */
export function buildDefinitionCandidates(index: RepoIndex, changed: ChangedLines, changes: ReadonlyMap<string, ChangedLines>): ContextCandidate[] {
  const outline = index.outline(changed.path, true);
  if (!outline || changed.added.length === 0) return [];
  const added = new Set(changed.added);
  const references = uniqueReferences(listReferencesInRange(outline, changed.added[0]!, changed.added[changed.added.length - 1]!).filter((r) => added.has(r.line)), KEYS_BY_CALL.has(outline.language));
  const candidates: ContextCandidate[] = [];
  for (const reference of references.slice(0, MAX_REFERENCES_PER_FILE)) {
    for (const resolved of resolveReference(index, changed.path, reference)) {
      const { definition } = resolved;
      // The definition around the use is the enclosing candidate; one the diff adds is already shown.
      if (resolved.path === changed.path && definition.startLine <= reference.line && reference.line <= definition.endLine) continue;
      if (changes.get(resolved.path)?.added.includes(definition.nameLine)) continue;
      const range = buildSnippetRange(index, resolved.path, definition);
      if (!range) continue;
      const signature = buildSignatureRange(index.lines(resolved.path)!, definition, range, index.outline(resolved.path)!.language);
      const cut = range.cutFrom === undefined ? "" : ` (first ${range.endLine - range.startLine + 1} of ${range.cutFrom} lines)`;
      candidates.push({
        path: resolved.path,
        startLine: range.startLine,
        endLine: range.endLine,
        ...(signature && { signature }),
        relation: "definition",
        reason: `definition of ${describeKind(definition)}\`${definition.name}\` ${verb(reference)} in ${changed.path}:${reference.line}${cut}`,
        forTest: isTestPath(changed.path),
        distance: resolved.path === changed.path ? 0 : 1,
        confidence: resolved.confidence,
        // A body says more than a bodiless prototype of the same name.
        specificity: SPECIFICITY[reference.kind] + (definition.kind === "declaration" ? 0.5 : 0),
      });
    }
  }
  return candidates;
}

function verb(reference: SyntaxReference): string {
  return reference.kind === "call" ? "called" : "used";
}

// One resolution per name and receiver; the most specific use names the relation. An object
// literal's key is resolved through the call it is passed to, so each line's key is its own.
function uniqueReferences(references: SyntaxReference[], keysByCall: boolean): SyntaxReference[] {
  const byKey = new Map<string, SyntaxReference>();
  for (const reference of references) {
    const key = keysByCall && reference.kind === "member" && reference.qualifier === undefined ? `${reference.line}:|${reference.name}` : `${reference.qualifier ?? ""}|${reference.name}`;
    const existing = byKey.get(key);
    if (!existing || SPECIFICITY[reference.kind] < SPECIFICITY[existing.kind]) byKey.set(key, reference);
  }
  return [...byKey.values()].sort((a, b) => a.line - b.line);
}
