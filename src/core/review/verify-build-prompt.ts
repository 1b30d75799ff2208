import { HUNK_FORMAT_NOTE } from "../diff/number-hunks.js";
import { fenceUntrusted } from "../prompt/fence-untrusted.js";
import { renderTemplate } from "../prompt/render-template.js";
import type { FilePatch, Finding } from "../types.js";
import { readCitedExcerpt } from "./verify-read-excerpt.js";

export interface VerifyPromptInput {
  templates: { system: string; user: string };
  /** The findings of one review answer (one chunk), already scrubbed of redacted values. */
  findings: readonly Finding[];
  /** The patches as they were sent (redacted). */
  patches: readonly FilePatch[];
}

/** A finding the verifier is asked to score: the id it is named by and its index in the answer. */
export interface VerifyCandidate {
  id: string;
  index: number;
}

export interface VerifyPrompt {
  system: string;
  user: string;
  candidates: VerifyCandidate[];
}

/**
 * The prompt of the verify pass for one answer: each finding whose cited lines the diff shows,
 * with those lines, to be scored against them. Findings without cited code are not asked about
 * (and so kept). Null when no finding can be scored. The finding text is model output about
 * author-written code, so it sits inside the untrusted delimiters with the code. It carries no
 * `language`: nothing the verifier writes is posted (its scores decide what is kept, its reasons
 * are read by no one), so there is no text for people to translate.
 */
export function buildVerifyPrompt(input: VerifyPromptInput): VerifyPrompt | null {
  const candidates: VerifyCandidate[] = [];
  const blocks: string[] = [];
  input.findings.forEach((finding, index) => {
    const excerpt = readCitedExcerpt(input.patches, finding);
    if (excerpt === null) return;
    const id = `f${candidates.length + 1}`;
    candidates.push({ id, index });
    blocks.push(renderCandidate(id, finding, excerpt));
  });
  if (candidates.length === 0) return null;
  const system = renderTemplate(input.templates.system, { hunkFormat: HUNK_FORMAT_NOTE });
  const user = renderTemplate(input.templates.user, { count: String(candidates.length), findings: fenceUntrusted("findings", blocks.join("\n\n")) });
  return { system, user, candidates };
}

function renderCandidate(id: string, finding: Finding, excerpt: string): string {
  const range = finding.startLine !== null && finding.startLine < finding.line ? `lines ${finding.startLine}-${finding.line}` : `line ${finding.line}`;
  return [
    `Finding ${id}: ${finding.path}, ${range} (${finding.side}), ${finding.severity} ${finding.category}`,
    `Title: ${oneLine(finding.title)}`,
    `Explanation: ${finding.body.trim()}`,
    "Cited code (cited lines marked with >):",
    excerpt,
  ].join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
