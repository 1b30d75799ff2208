import type { ChangedFile } from "../../src/core/types.js";

// A pull request of `files` files of 100 changed lines each (4 hunks of 20 added and 5 removed
// lines of TypeScript, every line distinct), the size the sizing figures are about: 300 files
// make a 30,000-line pull request.

const HUNKS = 4;
const ADDED = 20;
const REMOVED = 5;

/** `files` changed files of 100 changed lines each, the same for the same count. */
export function makeLargePullRequest(files: number): ChangedFile[] {
  return Array.from({ length: files }, (_, index) => {
    const subject = `module${String(index).padStart(4, "0")}`;
    const lines: string[] = [];
    for (let hunk = 0; hunk < HUNKS; hunk++) {
      const start = 10 + hunk * 60;
      lines.push(`@@ -${start},${REMOVED + 2} +${start + hunk * (ADDED - REMOVED)},${ADDED + 2} @@ export function ${subject}Step${hunk}(input: Input): Output {`);
      lines.push(`   const started = clock.now();`);
      for (let line = 0; line < REMOVED; line++) lines.push(`-  const legacy${line} = input.values[${line}] || ${hunk * 10 + line};`);
      for (let line = 0; line < ADDED; line++) lines.push(`+  const ${subject}Value${hunk}_${line} = clampLimit(input.values[${line}] ?? DEFAULT_${line}, MAX_${hunk});`);
      lines.push(`   return finish(started);`);
    }
    return { path: `src/${subject.slice(0, 8)}/${subject}.ts`, status: "modified", additions: HUNKS * ADDED, deletions: HUNKS * REMOVED, patch: lines.join("\n") };
  });
}
