import { CATEGORIES, type SkippedFile } from "../types.js";
import { fenceUntrusted } from "./fence-untrusted.js";
import { renderTemplate } from "./render-template.js";

export interface PromptFile {
  path: string;
  /** The file's hunks as `numberHunks` renders them. */
  numberedHunks: string;
  status: string;
  previousPath?: string;
}

export interface ReviewPromptInput {
  templates: { system: string; user: string };
  title: string;
  body: string;
  files: PromptFile[];
  /** How the numbered hunks read, so the model cites lines the way the line map expects. */
  hunkFormat: string;
  /** The repository's configured extra instructions ("" for none). */
  instructions: string;
  skipped: SkippedFile[];
  /** Related code (enclosing functions, definitions, callers, tests), already redacted. */
  related?: PromptSnippet[];
  /** What a `/review` comment asked the review to focus on, already redacted ("" or absent for none). */
  focus?: string;
}

/** A snippet of related code as the prompt shows it: where it is, why it is there, its lines. */
export interface PromptSnippet {
  path: string;
  startLine: number;
  endLine: number;
  reason: string;
  /** Lines inside the range that are not shown; `text` holds the shown lines only. */
  gaps?: Array<{ startLine: number; endLine: number }>;
  text: string;
}

/** Fills the review templates; every piece of text the PR author wrote goes inside untrusted delimiters. */
export function buildReviewPrompt(input: ReviewPromptInput): { system: string; user: string } {
  const system = renderTemplate(input.templates.system, {
    hunkFormat: input.hunkFormat,
    categories: CATEGORIES.join(", "),
    extraInstructions: input.instructions.trim() === "" ? "(none)" : input.instructions.trim(),
  });
  const user = renderTemplate(input.templates.user, {
    title: fenceUntrusted("pr-title", orPlaceholder(input.title, "(no title)")),
    body: fenceUntrusted("pr-body", orPlaceholder(input.body, "(no description)")),
    // Written by whoever commented `/review`: data about where to look, fenced like the PR text.
    focus: fenceUntrusted("review-focus", orPlaceholder(input.focus ?? "", "(no particular focus)")),
    diff: fenceUntrusted("diff", input.files.length === 0 ? "(no files to review)" : input.files.map(renderFile).join("\n\n")),
    related: fenceUntrusted("related-code", renderRelated(input.related ?? [])),
    skippedNote: renderSkippedNote(input.skipped),
  });
  return { system, user };
}

// File names are chosen by the PR author too, which is why the header sits inside the fence.
function renderFile(file: PromptFile): string {
  const renamed = file.previousPath !== undefined && file.previousPath !== file.path ? `, from ${file.previousPath}` : "";
  const hunks = file.numberedHunks.trim() === "" ? "(no changed lines to show)" : file.numberedHunks;
  return `File: ${file.path} (${file.status}${renamed})\n${hunks}`;
}

// Numbered like the file, so the model can name a line of it in the text of a finding; lines a
// snippet leaves out are marked where they were, as a cut definition is marked in its reason.
function renderRelated(snippets: PromptSnippet[]): string {
  if (snippets.length === 0) return "(none)";
  return snippets
    .map((snippet) => {
      const width = String(snippet.endLine).length;
      const gaps = snippet.gaps ?? [];
      const lines: string[] = [];
      let number = snippet.startLine;
      for (const line of snippet.text.split("\n")) {
        lines.push(`${String(number).padStart(width)} | ${line}`);
        number += 1;
        const gap = gaps.find((candidate) => candidate.startLine === number);
        if (gap) {
          lines.push(`${" ".repeat(width)} | … (lines ${gap.startLine}-${gap.endLine} not shown)`);
          number = gap.endLine + 1;
        }
      }
      return `Related: ${snippet.path}:${snippet.startLine}-${snippet.endLine} (${snippet.reason})\n${lines.join("\n")}`;
    })
    .join("\n\n");
}

// Every request carries this note: a PR of thousands of files must not pay for the list each time.
const MAX_LISTED_SKIPPED = 50;

function renderSkippedNote(skipped: SkippedFile[]): string {
  if (skipped.length === 0) return "No changed files were left out of this review.";
  const listed = skipped.slice(0, MAX_LISTED_SKIPPED).map((file) => `- ${file.path}: ${file.reason}`);
  const more = skipped.length - listed.length;
  const list = [...listed, ...(more > 0 ? [`- ...and ${more} more files`] : [])].join("\n");
  return `These changed files were left out of the review; do not report findings on them:\n${fenceUntrusted("skipped-files", list)}`;
}

function orPlaceholder(text: string, placeholder: string): string {
  return text.trim() === "" ? placeholder : text;
}
