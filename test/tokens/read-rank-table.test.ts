import { describe, expect, it } from "@jest/globals";
import { readRankTable } from "../../src/tokens/read-rank-table.js";

const tiktoken = (entries: Array<[string, number]>, end = "\n") => new TextEncoder().encode(entries.map(([token, rank]) => `${Buffer.from(token, "latin1").toString("base64")} ${rank}`).join("\n") + end);
const rankOf = (table: ReturnType<typeof readRankTable>, token: string) => {
  const bytes = new Uint8Array(Buffer.from(token, "latin1"));
  return table.rankOf(bytes, 0, bytes.length);
};

describe("readRankTable", () => {
  it("finds each token's rank by its bytes, and -1 for bytes that are no token", () => {
    const table = readRankTable(tiktoken([["a", 0], ["b", 1], ["ab", 7], ["\xef\xbb\xbf", 3], ["abcd", 12]]));
    expect(table.size).toBe(5);
    expect(["a", "b", "ab", "\xef\xbb\xbf", "abcd", "abc", "ba", ""].map((token) => rankOf(table, token))).toEqual([0, 1, 7, 3, 12, -1, -1, -1]);
  });

  it("reads a file without a final newline or with Windows line ends", () => {
    expect(rankOf(readRankTable(tiktoken([["x", 4], ["yz", 5]], "")), "yz")).toBe(5);
    const crlf = new TextEncoder().encode("eA== 4\r\neXo= 5\r\n");
    expect(rankOf(readRankTable(crlf), "yz")).toBe(5);
  });

  it("refuses a file that is not base64 tokens", () => {
    expect(() => readRankTable(new TextEncoder().encode("not-base64! 1\n"))).toThrow("not a .tiktoken file");
  });
});
