import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_REPO_CONFIG } from "../../src/core/config/repo-config-schema.js";
import { buildLineMap } from "../../src/core/diff/build-line-map.js";
import { parsePatches } from "../../src/core/diff/parse-patches.js";
import type { ParseCheck } from "../../src/core/findings/check-suggestion.js";
import type { InlineRules } from "../../src/core/findings/select-inline-findings.js";
import { siftFindings, type SiftedFindings } from "../../src/core/findings/sift-findings.js";
import { parseReview } from "../../src/core/review/parse-review.js";
import { CATEGORIES, SEVERITIES } from "../../src/core/types.js";
import { loadParseCheck } from "../../src/syntax/create-parse-check.js";
import type { BenchSection } from "../bench-section.js";

const OUTCOMES = [
  "posted inline",
  "merged into another comment",
  "not repeated",
  "summary only",
  "dropped",
  "suggestion: committable",
  "suggestion: demoted to plain",
  "suggestion: dropped",
];
const FIXTURES = fileURLToPath(new URL("../../test/fixtures/answers/", import.meta.url));

const fixtureSchema = z.object({
  description: z.string(),
  rules: z
    .object({ minSeverity: z.enum(SEVERITIES), maxComments: z.number().int().min(0), excludeCategories: z.array(z.enum(CATEGORIES)), minConfidence: z.number() })
    .partial()
    .optional(),
  files: z.array(
    z.object({
      path: z.string(),
      previousPath: z.string().optional(),
      status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
      additions: z.number(),
      deletions: z.number(),
      patch: z.string(),
      /** The whole new file. */
      text: z.string(),
    }),
  ),
  existingComments: z.array(z.object({ body: z.string(), path: z.string(), line: z.number().nullable(), resolved: z.boolean().optional(), dismissed: z.boolean().optional() })),
  /** Fragments a stand-in parser counts as syntax errors (the unit tests' parser; the bench uses tree-sitter). */
  brokenFragments: z.array(z.string()).optional(),
  /** The model's answer, exactly as a provider returned it. */
  answer: z.unknown(),
  /** What `describeSifted` should give; tests compare it. */
  expected: z.unknown(),
});

export type AnswerFixture = z.infer<typeof fixtureSchema> & { name: string };

/** Every recorded answer in test/fixtures/answers, by file name. */
export function loadAnswerFixtures(): AnswerFixture[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ ...fixtureSchema.parse(JSON.parse(readFileSync(join(FIXTURES, name), "utf8"))), name: name.replace(/\.json$/, "") }));
}

/** Runs the pure finding filters over one recorded answer, as a review of that patch would. */
export function siftFixture(fixture: AnswerFixture, parseCheck: ParseCheck = fragmentParser(fixture.brokenFragments ?? [])): { findings: number; sifted: SiftedFindings } {
  const parsed = parseReview(fixture.answer);
  if (!parsed.ok) throw new Error(`${fixture.name}: the recorded answer does not match the review schema: ${parsed.errors.join("; ")}`);
  const { patches } = parsePatches(fixture.files);
  const texts = new Map(fixture.files.map((file) => [file.path, file.text]));
  const { minSeverity, maxComments, excludeCategories } = DEFAULT_REPO_CONFIG;
  const rules: InlineRules = { minSeverity, maxComments, excludeCategories, ...fixture.rules };
  const sifted = siftFindings({
    findings: parsed.answer.findings,
    patches,
    lineMap: buildLineMap(patches),
    rules,
    existingComments: fixture.existingComments,
    fileTextOf: (path) => texts.get(path),
    parseCheck,
  });
  return { findings: parsed.answer.findings.length, sifted };
}

/** Where each finding of a sifted answer went, in the words a reviewer would check. */
export function describeSifted(sifted: SiftedFindings): unknown {
  const count = <T>(list: T[], key: (item: T) => string): Record<string, number> =>
    list.reduce<Record<string, number>>((counts, item) => ({ ...counts, [key(item)]: (counts[key(item)] ?? 0) + 1 }), {});
  return {
    inline: sifted.inline.map((finding) => ({
      title: finding.title,
      ...(finding.otherLocations.length > 0 ? { otherLocations: finding.otherLocations.map((place) => `${place.path}:${place.line}`) } : {}),
      suggestion: finding.suggestionCheck.kind === "committable" ? "committable" : `${finding.suggestionCheck.kind}: ${finding.suggestionCheck.check}`,
    })),
    overLimit: sifted.overLimit.length,
    outsideDiff: sifted.outsideDiff.length,
    belowThreshold: sifted.belowThreshold.length,
    lowConfidence: sifted.lowConfidence.length,
    mergedAway: sifted.mergedAway,
    duplicates: sifted.duplicates,
    suppressed: count(sifted.suppressed, (entry) => entry.reason),
  };
}

// A stand-in for the tree-sitter check: one syntax error per listed fragment in the text.
function fragmentParser(fragments: string[]): ParseCheck {
  return (_path, text) => ({ errors: fragments.filter((fragment) => text.includes(fragment)).length });
}

/** Bench section: what share of the recorded findings is posted, merged, left out, and how their suggestions are shown. */
export async function run(options: { parseCheck?: ParseCheck } = {}): Promise<BenchSection> {
  const fixtures = loadAnswerFixtures();
  // The parser the App, the Action and the CLI use for check (5): tree-sitter, as for related code.
  const parseCheck = options.parseCheck ?? (await loadParseCheck(fixtures.flatMap((fixture) => fixture.files.map((file) => file.path))));
  const outcomes = new Map<string, number>();
  const add = (outcome: string, reason: string, amount = 1): void => {
    const key = `${outcome}\u0000${reason}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + amount);
  };
  let total = 0;
  let suggested = 0;
  for (const fixture of fixtures) {
    const { findings, sifted } = siftFixture(fixture, parseCheck);
    total += findings;
    add("posted inline", "", sifted.inline.length);
    add("merged into another comment", "same problem elsewhere", sifted.mergedAway);
    add("dropped", "exact duplicate in the answer", sifted.duplicates);
    for (const entry of sifted.suppressed) add("not repeated", entry.reason);
    add("summary only", "over maxComments", sifted.overLimit.length);
    add("summary only", "outside the diff", sifted.outsideDiff.length);
    add("summary only", "below minSeverity or excluded category", sifted.belowThreshold.length);
    add("summary only", "below minConfidence", sifted.lowConfidence.length);
    for (const finding of sifted.inline) {
      const check = finding.suggestionCheck;
      if (check.kind === "drop" && check.check === "none") continue;
      suggested += 1;
      if (check.kind === "committable") add("suggestion: committable", "");
      else add(check.kind === "plain" ? "suggestion: demoted to plain" : "suggestion: dropped", check.check);
    }
  }
  const share = (count: number, of: number): string => (of === 0 ? "-" : `${((100 * count) / of).toFixed(1)}%`);
  const rows = [...outcomes]
    .filter(([, count]) => count > 0)
    .map(([key, count]) => {
      const [outcome = "", reason = ""] = key.split("\u0000");
      const of = outcome.startsWith("suggestion") ? suggested : total;
      return { outcome, reason: reason || "-", count, share: share(count, of) };
    })
    .sort((a, b) => OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome) || b.count - a.count);
  return {
    title: "Noise: findings posted, merged, left out; suggestions committable, demoted, dropped",
    rows,
    notes: [
      `${fixtures.length} recorded answers (test/fixtures/answers), ${total} findings; ${suggested} posted findings carry a suggestion.`,
      "Finding rows are shares of all findings; suggestion rows are shares of the posted findings that carry a suggestion.",
      options.parseCheck ? "Parse errors come from the parse check passed in." : "Parse errors are counted by the tree-sitter grammars related code uses (ERROR and MISSING nodes, before and after the splice).",
    ],
  };
}
