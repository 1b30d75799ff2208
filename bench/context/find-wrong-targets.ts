import type { RelatedSnippet } from "../../src/core/context/types.js";
import type { UsedDefinition } from "./find-used-definitions.js";

/** A definition snippet chosen for a name that holds none of the definitions TypeScript gives that name. */
export interface WrongTarget {
  name: string;
  usedIn: string;
  path: string;
  startLine: number;
  endLine: number;
}

// The reason `buildDefinitionCandidates` writes: "definition of method `get` called in src/a.ts:42".
const DEFINITION_REASON = /^definition of (?:\S+ )?`([^`]+)` (?:called|used) in (.+):\d+/;

/**
 * The selection's definition snippets for names that TypeScript resolves where they are used
 * (`judged`), and those of them that hold none of the definitions TypeScript gives that name
 * anywhere in the commit (`wrong`): a same-named definition guessed instead of the right one.
 */
export function findWrongTargets(snippets: readonly RelatedSnippet[], used: readonly UsedDefinition[]): { judged: number; wrong: WrongTarget[] } {
  let judged = 0;
  const wrong: WrongTarget[] = [];
  for (const snippet of snippets) {
    for (const entry of snippet.reason.split("; ")) {
      const match = DEFINITION_REASON.exec(entry);
      if (!match) continue;
      const [, name, usedIn] = match as unknown as [string, string, string];
      if (!used.some((definition) => definition.name === name && definition.usedIn === usedIn)) continue;
      judged += 1;
      const holdsOne = used.some((definition) => definition.name === name && definition.path === snippet.path && snippet.startLine <= definition.line && definition.line <= snippet.endLine);
      if (!holdsOne) wrong.push({ name, usedIn, path: snippet.path, startLine: snippet.startLine, endLine: snippet.endLine });
    }
  }
  return { judged, wrong };
}
