import { describe, expect, it } from "@jest/globals";
import { detectIndentation, type Indentation } from "../../../src/core/findings/detect-indentation.js";
import { reindentSuggestion } from "../../../src/core/findings/reindent-suggestion.js";

const TAB: Indentation = { char: "\t", width: 1 };
const TWO: Indentation = { char: " ", width: 2 };
const FOUR: Indentation = { char: " ", width: 4 };

describe("detectIndentation", () => {
  it.each<[string, string[], Indentation | null]>([
    ["tabs", ["func f() {", "\tif x {", "\t\treturn", "\t}", "}"], TAB],
    ["two spaces", ["function f() {", "  if (x) {", "    return;", "  }", "}"], TWO],
    ["four spaces", ["def f():", "    if x:", "        return 1", "    return 2"], FOUR],
    ["the common step despite a continuation line", ["def f():", "    x = g(", "            a)", "    if x:", "        return x", "    return 0"], FOUR],
    ["spaces, ignoring JSDoc's one-space offsets", ["/**", " * Doc.", " */", "function f() {", "  return 1;", "}"], TWO],
    ["tabs when most lines use them", ["\tif x {", "\t\tfoo()", "  // aligned"], TAB],
    ["nothing without indented lines", ["a", "b", ""], null],
  ])("%s", (_name, lines, indentation) => {
    expect(detectIndentation(lines)).toEqual(indentation);
  });
});

describe("reindentSuggestion", () => {
  it.each<[string, string[], string, Indentation | null, string[]]>([
    ["leaves a well-indented suggestion alone", ["    return x;"], "    ", FOUR, ["    return x;"]],
    ["leaves a deliberate other indentation alone", ["  return x;"], "    ", FOUR, ["  return x;"]],
    ["adds the lost indentation", ["return x;"], "    ", FOUR, ["    return x;"]],
    ["adds the lost indentation, keeping relative depth", ["if (x) {", "  return y;", "}"], "  ", TWO, ["  if (x) {", "    return y;", "  }"]],
    ["turns four spaces into tabs", ["    if err != nil {", "        return err", "    }"], "\t", TAB, ["\tif err != nil {", "\t\treturn err", "\t}"]],
    ["turns tabs into two spaces", ["\tif (x) {", "\t\treturn y;", "\t}"], "  ", TWO, ["  if (x) {", "    return y;", "  }"]],
    ["turns tabs into four spaces below a nested base", ["\t\tx = 1", "\t\tif x:", "\t\t\ty = 2"], "        ", FOUR, ["        x = 1", "        if x:", "            y = 2"]],
    ["makes a continuation indent one level", ["foo(a,", "    b)"], "\t", TAB, ["\tfoo(a,", "\t\tb)"]],
    ["keeps blank lines empty", ["if (x) {", "   ", "  y();", "}"], "  ", TWO, ["  if (x) {", "", "    y();", "  }"]],
    ["indents a closing brace less than the first line", ["        sum += x", "    }"], "\t\t", TAB, ["\t\tsum += x", "\t}"]],
    ["without the file's indentation uses the base alone", ["return x;"], "\t", null, ["\treturn x;"]],
    ["leaves a suggestion of blank lines alone", ["", "  "], "    ", FOUR, ["", "  "]],
  ])("%s", (_name, lines, baseIndent, fileIndentation, expected) => {
    expect(reindentSuggestion(lines, { baseIndent, fileIndentation })).toEqual(expected);
  });

  it("leaves lines that start inside a multi-line string as they are", () => {
    const lines = ["query(`", "SELECT *", "  FROM t`);"];
    expect(reindentSuggestion(lines, { baseIndent: "  ", fileIndentation: TWO, startsInString: [false, true, true] })).toEqual(["  query(`", "SELECT *", "  FROM t`);"]);
  });
});
