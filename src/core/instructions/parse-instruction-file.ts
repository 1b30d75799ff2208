import { globListSchema } from "../config/glob-list-schema.js";
import { parseFrontMatter } from "./parse-front-matter.js";
import { COPILOT_INSTRUCTIONS_PATH, type InstructionFileSkip } from "./plan-instruction-reads.js";

/** One instruction file's instructions, and which changed files they are for. */
export interface InstructionFile {
  path: string;
  /** Globs of the changed files it applies to; "all" for the repository-wide file and `applyTo: "**"`. */
  applyTo: readonly string[] | "all";
  text: string;
}

// GitHub documents each of these as "every file".
const EVERY_FILE = new Set(["*", "**", "**/*"]);

/**
 * Reads one instruction file as GitHub's reviewer does: UTF-8 Markdown, `applyTo: "glob, glob"`
 * in the front matter of a path-scoped file, and `excludeAgent: "code-review"` keeping it from
 * reviewers. Anything else (not text, bad front matter, no globs, nothing to say) is skipped with
 * the reason, never thrown.
 */
export function parseInstructionFile(path: string, bytes: Uint8Array): InstructionFile | InstructionFileSkip {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { path, reason: "not valid UTF-8 text" };
  }
  if (text.includes("\u0000")) return { path, reason: "not text (it holds NUL bytes)" };
  const front = parseFrontMatter(text);
  if ("error" in front) return { path, reason: front.error };
  const { excludeAgent, applyTo } = front.data;
  if (excludeAgent === "code-review" || (Array.isArray(excludeAgent) && excludeAgent.includes("code-review"))) {
    return { path, reason: "its `excludeAgent: code-review` keeps it from code reviewers" };
  }
  const body = front.body.trim();
  if (body === "") return { path, reason: "it holds no instructions" };
  if (path === COPILOT_INSTRUCTIONS_PATH) return { path, applyTo: "all", text: body };
  if (applyTo === undefined) return { path, reason: "its front matter has no `applyTo` globs" };
  if (typeof applyTo !== "string") return { path, reason: "its `applyTo` is not a text of comma-separated globs" };
  const globs = splitGlobs(applyTo).map((glob) => glob.trim().replace(/^\.?\//, "")).filter((glob) => glob !== "");
  if (globs.length === 0) return { path, reason: "its `applyTo` names no globs" };
  const checked = globListSchema.safeParse(globs);
  if (!checked.success) return { path, reason: `its \`applyTo\` is not usable: ${checked.error.issues[0]?.message ?? "invalid globs"}` };
  return { path, applyTo: globs.some((glob) => EVERY_FILE.has(glob)) ? "all" : globs, text: body };
}

// Commas separate globs, except inside braces or brackets: `**/*.{ts,tsx}` is one glob (as VS Code splits it).
function splitGlobs(text: string): string[] {
  const globs: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === "{" || char === "[") depth++;
    else if ((char === "}" || char === "]") && depth > 0) depth--;
    else if (char === "," && depth === 0) {
      globs.push(text.slice(start, index));
      start = index + 1;
    }
  }
  return [...globs, text.slice(start)];
}
