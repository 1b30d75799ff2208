import { describe, expect, it } from "@jest/globals";
import { authorText, DESCRIPTION_END, DESCRIPTION_START, mergeDescription } from "../../../src/core/review/merge-description.js";

const section = (text: string) => `${DESCRIPTION_START}\n${text}\n${DESCRIPTION_END}`;

describe("mergeDescription", () => {
  it.each([
    ["an empty description", "", section("ours")],
    ["the author's text, kept word for word above our section", "Fixes #12.\n\n  - keeps *this*  \n", `Fixes #12.\n\n  - keeps *this*\n\n${section("ours")}`],
    ["a description with our earlier section: replaced, not added", `Fixes #12.\n\n${section("old")}`, `Fixes #12.\n\n${section("ours")}`],
    ["text the author added below our section: kept, after theirs above", `Fixes #12.\n\n${section("old")}\n\nPS: deploy first.`, `Fixes #12.\n\nPS: deploy first.\n\n${section("ours")}`],
    ["an unclosed section (the end marker edited away): it and what follows are ours", `Fixes #12.\n\n${DESCRIPTION_START}\nold`, `Fixes #12.\n\n${section("ours")}`],
  ])("%s", (_case, body, expected) => {
    expect(mergeDescription(body, "ours")).toBe(expected);
  });

  it("a second run over its own result changes nothing but the section", () => {
    const once = mergeDescription("Author text.", "first");
    expect(mergeDescription(once, "second")).toBe(`Author text.\n\n${section("second")}`);
    expect(authorText(mergeDescription(once, "second"))).toBe("Author text.");
  });
});
