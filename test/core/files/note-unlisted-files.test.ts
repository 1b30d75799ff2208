import { describe, expect, it } from "@jest/globals";
import { noteUnlistedFiles } from "../../../src/core/files/note-unlisted-files.js";

describe("noteUnlistedFiles", () => {
  it.each([
    [3_412, 3_000, "Only 3000 of the 3412 changed files were listed (GitHub's API lists at most 3,000), so 412 files were not reviewed."],
    [3_001, 3_000, "Only 3000 of the 3001 changed files were listed (GitHub's API lists at most 3,000), so 1 file was not reviewed."],
    [3_000, 500, "Only 500 of the 3000 changed files were listed (more than the review's file limit, `limits.maxFiles`, can take), so 2500 files were not reviewed."],
    [120, 120, null],
    [undefined, 3_000, null],
  ])("%s changed, %s listed: %j", (changedFiles, listed, note) => {
    expect(noteUnlistedFiles(changedFiles, listed)).toBe(note);
  });
});
