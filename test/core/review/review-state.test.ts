import { describe, expect, it } from "@jest/globals";
import { advanceReviewState, parseReviewStateMarker, renderReviewStateMarker, type ReviewState } from "../../../src/core/review/review-state.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const STATE: ReviewState = { reviewedSha: SHA, reviews: 2, findings: { critical: 1, major: 0, minor: 3, nit: 1 }, worstOpen: "critical" };

describe("the review state marker", () => {
  it("is a hidden comment of counts and a sha, read back as it was written", () => {
    const marker = renderReviewStateMarker(STATE);

    expect(marker).toBe(`<!-- patchwise:state v1 sha=${SHA} reviews=2 critical=1 major=0 minor=3 nit=1 worst=critical -->`);
    expect(parseReviewStateMarker(`## Patchwise review\n\ntext\n\n${marker}`)).toEqual(STATE);
    expect(parseReviewStateMarker(renderReviewStateMarker({ ...STATE, worstOpen: null }))).toEqual({ ...STATE, worstOpen: null });
  });

  it.each([
    ["no marker", "## Patchwise review"],
    ["a sha that is not 40 hex digits", renderReviewStateMarker(STATE).replace(SHA, "main")],
    ["an unknown severity", renderReviewStateMarker(STATE).replace("worst=critical", "worst=blocker")],
    ["a count that is not a number", renderReviewStateMarker(STATE).replace("minor=3", "minor=x")],
    ["an older or newer format", renderReviewStateMarker(STATE).replace(" v1 ", " v2 ")],
  ])("is ignored when it has %s", (_name, body) => {
    expect(parseReviewStateMarker(body)).toBeNull();
  });
});

describe("advanceReviewState", () => {
  it("adds this review's findings to the totals and moves to the head commit", () => {
    expect(advanceReviewState({ earlier: STATE, headSha: "f".repeat(40), incremental: true, reported: ["minor", "major"], open: ["major"] })).toEqual({
      reviewedSha: "f".repeat(40),
      reviews: 3,
      findings: { critical: 1, major: 1, minor: 4, nit: 1 },
      worstOpen: "critical",
    });
  });

  it("an incremental review keeps an earlier open finding open; a full review decides afresh", () => {
    const base = { earlier: STATE, headSha: SHA, reported: ["nit" as const], open: ["minor" as const] };
    expect(advanceReviewState({ ...base, incremental: true }).worstOpen).toBe("critical");
    expect(advanceReviewState({ ...base, incremental: false }).worstOpen).toBe("minor");
    expect(advanceReviewState({ ...base, incremental: false, open: [] }).worstOpen).toBeNull();
  });

  it("starts the totals at the first review", () => {
    expect(advanceReviewState({ earlier: null, headSha: SHA, incremental: false, reported: [], open: [] })).toEqual({
      reviewedSha: SHA,
      reviews: 1,
      findings: { critical: 0, major: 0, minor: 0, nit: 0 },
      worstOpen: null,
    });
  });
});
