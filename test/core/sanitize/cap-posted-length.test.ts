import { describe, expect, it } from "@jest/globals";
import { renderReviewMarker } from "../../../src/core/review/build-review-request.js";
import { SUMMARY_MARKER } from "../../../src/core/review/render-summary.js";
import { capPostedLength, TRUNCATION_NOTE } from "../../../src/core/sanitize/cap-posted-length.js";

describe("capPostedLength", () => {
  it("leaves a text within the limit as it is", () => {
    expect(capPostedLength("short\n\ntext", 11)).toBe("short\n\ntext");
  });

  it("keeps whole lines and ends with the note, within the limit; a later line is cut between words or not at all", () => {
    const text = ["first line", "second line", "third line that does not fit"].join("\n");
    const capped = capPostedLength(text, 40);
    expect(capped).toBe(`first line\nsecond line\n\n${TRUNCATION_NOTE}`);
    expect(capped.length).toBeLessThanOrEqual(40);
  });

  it("closes a fenced code block it cuts", () => {
    const text = ["Before:", "```ts", "line 1", "line 2", "line 3", "```", "After."].join("\n");
    expect(capPostedLength(text, 40)).toBe(`Before:\n\`\`\`ts\nline 1\n\`\`\`\n\n${TRUNCATION_NOTE}`);
  });

  it("leaves out a suggestion block it would cut: half a suggestion commits broken code", () => {
    const text = ["**Bug** — off by one", "", "```suggestion", "for (let i = 0; i < n; i++) {", "  total += items[i];", "}", "```"].join("\n");
    expect(capPostedLength(text, 60)).toBe(`**Bug** — off by one\n\n${TRUNCATION_NOTE}`);
  });

  it("writes our hidden markers that fell in the cut part again at the end", () => {
    const marker = renderReviewMarker("a".repeat(40));
    const text = `${SUMMARY_MARKER}\n## Patchwise review\n\n${"finding\n".repeat(100)}\n${marker}`;
    const capped = capPostedLength(text, 200);
    expect(capped.length).toBeLessThanOrEqual(200);
    expect(capped.startsWith(`${SUMMARY_MARKER}\n## Patchwise review`)).toBe(true);
    expect(capped.endsWith(`${TRUNCATION_NOTE}\n${marker}`)).toBe(true);
    expect(capped.split(SUMMARY_MARKER)).toHaveLength(2);
  });

  it.each([
    ["a code span, whose content would turn into prose", `ab\`<img_src=x>\`${"c".repeat(20)}`, 21, "ab …(truncated)"],
    ["a URL, whose shortened host could be another site", "x(https://ghe.example.com/o/r)", 25, "x( …(truncated)"],
    ["an entity", `ab&amp;cd${"e".repeat(20)}`, 18, "ab …(truncated)"],
    ["a surrogate pair", `ab😀${"e".repeat(20)}`, 16, "ab …(truncated)"],
  ])("does not cut inside %s", (_case, text, maxLength, expected) => {
    expect(capPostedLength(text, maxLength)).toBe(expected);
  });

  it("refuses a limit that leaves no room for the note", () => {
    expect(() => capPostedLength("x".repeat(100), 5)).toThrow(RangeError);
  });
});
