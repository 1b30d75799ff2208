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
const DEFINITION_REASON = /^definition of (?:\S+ )?`([^`]+)` (?:called|used) in (.+):(\d+)/;

/**
 * The selection's definition snippets for names that TypeScript resolves on the line they are
 * used on (`judged`), and those of them that hold none of the definitions TypeScript gives that
 * use (`wrong`): a same-named definition guessed instead of the right one. A use TypeScript does
 * not resolve (a key of `Partial<T>` without the standard library) is not judged, nor a name written
 * twice on its line (`{ paths: prompt.paths }`): which of the two a snippet is for, the line does not say.
 */
export function findWrongTargets(snippets: readonly RelatedSnippet[], used: readonly UsedDefinition[], lineText: (path: string, line: number) => string): { judged: number; wrong: WrongTarget[] } {
  let judged = 0;
  const wrong: WrongTarget[] = [];
  for (const snippet of snippets) {
    for (const entry of snippet.reason.split("; ")) {
      const match = DEFINITION_REASON.exec(entry);
      if (!match) continue;
      const [, name, usedIn, line] = match as unknown as [string, string, string, string];
      const usedLine = Number(line);
      if (occurrences(lineText(usedIn, usedLine), name) > 1) continue;
      const truths = used.filter((definition) => definition.name === name && definition.usedIn === usedIn && (definition.usedLine === usedLine || definition.alsoUsedAt?.includes(usedLine)));
      if (truths.length === 0) continue;
      judged += 1;
      const holdsOne = truths.some((definition) => definition.path === snippet.path && snippet.startLine <= definition.line && definition.line <= snippet.endLine);
      if (!holdsOne) wrong.push({ name, usedIn, path: snippet.path, startLine: snippet.startLine, endLine: snippet.endLine });
    }
  }
  return { judged, wrong };
}

function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`(?<![\\w$#])${name.replace(/\$/g, "\\$")}(?![\\w$])`, "g"))?.length ?? 0;
}
