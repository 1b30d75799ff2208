import { describe, expect, it } from "@jest/globals";
import { buildRepairMessage, parseReview } from "../../../src/core/review/parse-review.js";

// Recognisable code the model might put in its answer; it must never reach an error message.
const CODE = "db.query(`SELECT * FROM users WHERE id = ${userId}`)";

const FINDING = {
  path: "src/db.ts",
  line: 12,
  startLine: null,
  side: "RIGHT",
  severity: "critical",
  category: "security",
  title: "SQL injection",
  body: "Use a parameterised query.",
  suggestion: "db.query('SELECT * FROM users WHERE id = $1', [userId])",
};
const VALID = { summary: "Adds a user lookup.", walkthrough: [{ path: "src/db.ts", change: "adds findUser" }], findings: [FINDING] };

describe("parseReview accepts", () => {
  it.each<[string, unknown]>([
    ["an object", VALID],
    ["a JSON string", JSON.stringify(VALID)],
    ["JSON in a ```json fence", "```json\n" + JSON.stringify(VALID, null, 2) + "\n```"],
    ["JSON in a bare fence with surrounding whitespace", "\n ```\n" + JSON.stringify(VALID) + "\n```\n"],
    ["an answer with extra keys (dropped)", { ...VALID, confidence: 0.9 }],
  ])("%s", (_name, content) => {
    // A finding that states no confidence gets null: the model did not say.
    expect(parseReview(content)).toEqual({ ok: true, answer: { ...VALID, findings: [{ ...FINDING, confidence: null }] } });
  });

  it("an answer without findings", () => {
    const answer = { summary: "Renames a variable.", walkthrough: [], findings: [] };
    expect(parseReview(answer)).toEqual({ ok: true, answer });
  });
});

describe("parseReview rejects", () => {
  it.each<[string, unknown, string[]]>([
    ["a missing field", { summary: "s", walkthrough: [] }, ["findings: Invalid input: expected array, received undefined"]],
    [
      "a finding without line and side",
      { ...VALID, findings: [{ ...FINDING, line: undefined, side: undefined }] },
      ["findings.0.line: Invalid input: expected number, received undefined", 'findings.0.side: Invalid option: expected one of "RIGHT"|"LEFT"'],
    ],
    [
      "a wrong enum value",
      { ...VALID, findings: [{ ...FINDING, severity: "blocker" }] },
      ['findings.0.severity: Invalid option: expected one of "critical"|"major"|"minor"|"nit"'],
    ],
    ["an answer that is not an object", ["a list"], ["(answer): Invalid input: expected object, received array"]],
  ])("%s, naming the path and the problem", (_name, content, errors) => {
    expect(parseReview(content)).toEqual({ ok: false, errors });
  });

  it.each<[string, unknown]>([
    ["prose", "I found no issues in this pull request."],
    ["truncated JSON", JSON.stringify(VALID).slice(0, 40)],
    ["an empty string", ""],
  ])("a string that is not JSON (%s)", (_name, content) => {
    expect(parseReview(content)).toEqual({ ok: false, errors: [expect.stringMatching(/not valid JSON/)] });
  });

  it.each<[string, unknown]>([
    ["code in a wrong-typed field", { ...VALID, summary: { code: CODE }, findings: [{ ...FINDING, line: CODE, suggestion: [CODE] }] }],
    ["code as an enum value", { ...VALID, findings: [{ ...FINDING, category: CODE, side: CODE }] }],
    ["code in a string that is too long", { ...VALID, findings: [{ ...FINDING, title: CODE.repeat(20) }] }],
    ["code as JSON text that is not valid", `{"summary": "${CODE}", `],
  ])("without repeating the offending values (%s)", (_name, content) => {
    const result = parseReview(content);
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    for (const fragment of ["SELECT", "userId", "db.query"]) expect(text).not.toContain(fragment);
  });

  it("with at most 20 errors, the last one counting the rest", () => {
    const findings = Array.from({ length: 30 }, () => ({ ...FINDING, severity: "urgent" }));
    const result = parseReview({ ...VALID, findings });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors).toHaveLength(20);
    expect(result.errors[0]).toMatch(/^findings\.0\.severity: /);
    expect(result.errors[19]).toBe("…and 11 more errors");
  });
});

describe("buildRepairMessage", () => {
  it("lists every error and asks for the whole answer again", () => {
    const message = buildRepairMessage(["findings.0.side: Invalid option", "summary: Too small"]);
    expect(message).toContain("- findings.0.side: Invalid option\n- summary: Too small");
    expect(message).toMatch(/did not match the required JSON schema/);
    expect(message).toMatch(/Answer again with the complete review/);
  });
});
