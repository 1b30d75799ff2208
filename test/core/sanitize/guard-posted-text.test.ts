import { describe, expect, it } from "@jest/globals";
import { guardPostedText } from "../../../src/core/sanitize/guard-posted-text.js";
import { GITHUB_COMMENT_MAX_LENGTH } from "../../../src/core/sanitize/sanitize-posted-text.js";
import { liveBotCommands } from "../../helpers/live-bot-commands.js";

describe("guardPostedText", () => {
  it("sends a body without bot commands exactly as it came", () => {
    const body = "## Patchwise review\n\n- `src/a.ts:3` — a/b\n\n<!-- patchwise:summary -->";
    expect(guardPostedText(body)).toBe(body);
  });

  it("keeps a body at GitHub's limit within it once the zero-width spaces lengthen it, keeping our marker", () => {
    const line = "- `@dependabot merge.png` — binary\n";
    const marker = "<!-- patchwise:summary -->";
    const body = line.repeat(Math.floor((GITHUB_COMMENT_MAX_LENGTH - marker.length) / line.length)) + marker;
    const guarded = guardPostedText(body);
    expect(guarded.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_LENGTH);
    expect(liveBotCommands(guarded)).toEqual([]);
    expect(guarded).toContain("…(truncated)");
    expect(guarded.endsWith(marker)).toBe(true);
  });
});
