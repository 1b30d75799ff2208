import { describe, expect, it } from "@jest/globals";
import { isRemovalFinding } from "../../../src/core/findings/is-removal-finding.js";

describe("isRemovalFinding", () => {
  it.each<[string, { title: string; body: string; removal?: boolean | null }, boolean]>([
    ["a title asking to remove", { title: "Remove the console.log", body: "It leaks data." }, true],
    ["an unused import", { title: "Unused import", body: "Nothing uses `fs`." }, true],
    ["a leftover debug print", { title: "Debug print left in the handler", body: "It prints on every call." }, true],
    ["dead code", { title: "Dead code after return", body: "It never runs." }, true],
    ["a body asking to delete", { title: "Noise on stdout", body: "Delete this line." }, true],
    ["an explicit flag", { title: "Noise on stdout", body: "It spams.", removal: true }, true],
    ["an explicit flag that says no", { title: "Remove the retry loop's sleep", body: "Delete it.", removal: false }, false],
    ["a fix that is not a removal", { title: "Off-by-one in the loop bound", body: "Use `<` instead of `<=`." }, false],
    ["a word that only contains a removal word", { title: "Dropdown value ignored", body: "The undeleted rows stay." }, false],
    ["no flag (null) falls back to the words", { title: "Unused variable", body: "x", removal: null }, true],
  ])("%s", (_name, finding, removal) => {
    expect(isRemovalFinding(finding)).toBe(removal);
  });
});
