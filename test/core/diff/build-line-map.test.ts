import { describe, expect, it } from "@jest/globals";
import { buildLineMap } from "../../../src/core/diff/build-line-map.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { lineKey, type ChangedFile, type Side } from "../../../src/core/types.js";

// Two hunks: lines 10-12 / 10-13 and 40-42 / 41-42 (one line added in the first, one deleted in the second).
const SERVER_PATCH = [
  "@@ -10,3 +10,4 @@ export function start(port: number) {",
  "   const server = createServer(handler);",
  "-  server.listen(port);",
  "+  server.listen(port, \"127.0.0.1\");",
  "+  server.on(\"error\", onError);",
  "   return server;",
  "@@ -40,3 +41,2 @@ function onError(error: Error) {",
  "   log(error);",
  "-  process.exit(1);",
  " }",
].join("\n");

const server: ChangedFile = { path: "src/server.ts", status: "modified", additions: 2, deletions: 2, patch: SERVER_PATCH };

describe("buildLineMap", () => {
  const map = buildLineMap([server].map(parsePatch));
  const file = map.get("src/server.ts")!;

  it.each<[string, Side, number, number | undefined]>([
    ["a context line by its new number", "RIGHT", 10, 0],
    ["an added line by its new number", "RIGHT", 12, 0],
    ["the last line of the first hunk", "RIGHT", 13, 0],
    ["a deleted line by its old number", "LEFT", 11, 0],
    ["a context line by its old number", "LEFT", 12, 0],
    ["a context line of the second hunk by its new number", "RIGHT", 42, 1],
    ["a deleted line of the second hunk by its old number", "LEFT", 41, 1],
    ["a context line of the second hunk by its old number", "LEFT", 42, 1],
    ["nothing between the hunks", "RIGHT", 20, undefined],
    ["nothing past the old file's end of the first hunk", "LEFT", 13, undefined],
    ["nothing past the new file's end of the second hunk", "RIGHT", 43, undefined],
  ])("maps %s", (_name, side, line, hunk) => {
    expect(file.get(lineKey(side, line))).toBe(hunk);
  });

  it("lists exactly the commentable lines of every hunk", () => {
    expect([...file.keys()].sort()).toEqual(
      ["RIGHT:10", "LEFT:10", "LEFT:11", "RIGHT:11", "RIGHT:12", "RIGHT:13", "LEFT:12", "RIGHT:41", "LEFT:40", "LEFT:41", "RIGHT:42", "LEFT:42"].sort(),
    );
  });

  it("gives a removed file only LEFT lines and a file without a patch an empty map", () => {
    const removed: ChangedFile = { path: "bin/run.sh", status: "removed", additions: 0, deletions: 2, patch: "@@ -1,2 +0,0 @@\n-#!/bin/sh\n-exec node main.js" };
    const binary: ChangedFile = { path: "logo.png", status: "modified", additions: 0, deletions: 0 };

    const both = buildLineMap([removed, binary].map(parsePatch));

    expect([...both.get("bin/run.sh")!.entries()]).toEqual([["LEFT:1", 0], ["LEFT:2", 0]]);
    expect(both.get("logo.png")!.size).toBe(0);
    expect(both.has("src/server.ts")).toBe(false);
  });
});
