import { describe, expect, it } from "@jest/globals";
import { describeSifted, loadAnswerFixtures, run, siftFixture } from "../../../bench/sections/noise.js";
import { renderInlineExtras } from "../../../src/core/findings/render-inline-extras.js";

// Recorded model answers (test/fixtures/answers): each names where its findings must end up.
const fixtures = loadAnswerFixtures();

describe("recorded model answers", () => {
  it("cover every scenario", () => {
    expect(fixtures.map((fixture) => fixture.name)).toEqual(["nits-and-limits", "renamed-file", "repeated-findings", "suggestions-go", "suggestions-python", "suggestions-typescript"]);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s: every finding ends up where expected", (_name, fixture) => {
    expect(describeSifted(siftFixture(fixture).sifted)).toEqual(fixture.expected);
  });

  it("repeated-findings: one comment names the other places and carries every place's fingerprint", () => {
    const fixture = fixtures.find((entry) => entry.name === "repeated-findings")!;
    const [comment] = siftFixture(fixture).sifted.inline;
    const extras = renderInlineExtras(comment!);
    expect(extras.slice(0, 2)).toEqual([
      "The same problem is also at `src/api/users.ts:5`, `src/api/users.ts:11`.",
      '```suggestion\n  const order = await db.query("SELECT * FROM orders WHERE id = $1", [id]);\n```',
    ]);
    expect(extras[2]).toMatch(/^<!-- patchwise:fp v1 [0-9a-f]{16} [0-9a-f]{16} [0-9a-f]{16} -->$/);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s: a second run does not post its own comments again", (_name, fixture) => {
    const first = siftFixture(fixture).sifted;
    const posted = first.inline.map((finding) => ({ body: renderInlineExtras(finding).join("\n\n"), path: finding.path, line: finding.line }));
    const second = siftFixture({ ...fixture, existingComments: [...fixture.existingComments, ...posted] }).sifted;
    const titles = first.inline.map((finding) => finding.title);
    expect(second.inline.filter((finding) => titles.includes(finding.title))).toEqual([]);
    // Every place a first comment stood for is recognised, merged places included.
    const places = first.inline.reduce((sum, finding) => sum + 1 + finding.mergedFrom.length, 0);
    expect(second.suppressed.length - first.suppressed.length).toBe(places);
  });

  it("suggestions-go: the suggestion indented with spaces is offered with the file's tabs", () => {
    const fixture = fixtures.find((entry) => entry.name === "suggestions-go")!;
    const lock = siftFixture(fixture).sifted.inline.find((finding) => finding.title === "Lock is never released");
    expect(lock?.suggestionCheck).toEqual({ kind: "committable", text: "\ts.mu.Lock()\n\tdefer s.mu.Unlock()" });
  });
});

describe("noise bench section", () => {
  it("reports the shares of findings by outcome and reason", async () => {
    const section = await run();
    const row = (outcome: string, reason = "-") => section.rows.find((entry) => entry.outcome === outcome && entry.reason === reason);
    expect(section.notes?.[0]).toBe("6 recorded answers (test/fixtures/answers), 42 findings; 20 posted findings carry a suggestion.");
    expect(row("merged into another comment", "same problem elsewhere")).toEqual({ outcome: "merged into another comment", reason: "same problem elsewhere", count: 2, share: "4.8%" });
    expect(row("not repeated", "dismissed")).toMatchObject({ count: 1, share: "2.4%" });
    expect(row("suggestion: demoted to plain", "parse")).toMatchObject({ count: 3, share: "15.0%" });
  });

  it("puts every finding in exactly one outcome, and every suggestion too", async () => {
    const section = await run();
    const sum = (suggestions: boolean) =>
      section.rows.filter((entry) => String(entry.outcome).startsWith("suggestion") === suggestions).reduce((total, entry) => total + Number(entry.count), 0);
    expect(sum(false)).toBe(42);
    expect(sum(true)).toBe(20);
  });
});
