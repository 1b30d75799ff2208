import { describe, expect, it } from "@jest/globals";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";

// Globs are refused before anything compiles them: minimatch compiles one pattern per brace
// expansion and matches every changed file against each, on every review.
describe("include and exclude globs within limits", () => {
  it.each([
    ["a brace bomb ({a,b} 17 times: 131,072 patterns)", ["{a,b}".repeat(17)], "`exclude[0]`: its braces expand to more than 32 patterns"],
    ["a numeric range of 100 values", ["logs/{1..100}.txt"], "`exclude[0]`: its braces expand to more than 32 patterns"],
    ["a glob longer than 256 characters", [`${"a/".repeat(128)}x`], "`exclude[0]`: Too big: expected string to have <=256 characters"],
    ["globs that expand to more than 256 patterns in all", Array.from({ length: 9 }, (_, i) => `d${i}/{a,b}/{c,d}/{e,f}/{g,h}/*.{x,y}`), "`exclude`: its globs expand to more than 256 patterns in all"],
    ["more than 256 plain globs", Array.from({ length: 257 }, (_, i) => `dir${i}/**`), "`exclude`: its globs expand to more than 256 patterns in all"],
  ])("refuses %s, and the review stops", (_case, exclude, message) => {
    expect(parseRepoConfig({ exclude, maxComments: 3 })).toEqual({
      config: expect.objectContaining({ exclude: [], maxComments: 3 }),
      problems: [{ key: "exclude", message, outcome: "stop" }],
    });
  });

  it("refuses a brace bomb in include the same way", () => {
    expect(parseRepoConfig({ include: ["x{a,{b,{c,{d,e}}}}".repeat(10)] }).problems).toEqual([
      { key: "include", message: "`include[0]`: its braces expand to more than 32 patterns", outcome: "stop" },
    ]);
  });

  it.each([
    ["braces within the limit", ["src/**/*.{ts,tsx,js,jsx,mjs,cjs}", "{a,b}/{c,d}/{e,f}/{g,h}/*.{x,y}"]],
    ["a long list of plain globs", Array.from({ length: 256 }, (_, i) => `dir${i}/**`)],
    ["a glob of 256 characters", [`${"a/".repeat(127)}xy`]],
  ])("accepts %s", (_case, exclude) => {
    expect(parseRepoConfig({ exclude })).toEqual({ config: expect.objectContaining({ exclude }), problems: [] });
  });
});
