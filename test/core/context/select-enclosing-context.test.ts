import { beforeAll, describe, expect, it } from "@jest/globals";
import { countShownLines } from "../../../src/core/context/count-shown-lines.js";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { RelatedSnippet, SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { FilePatch } from "../../../src/core/types.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";
import { changeLine, lines } from "./change-written-file.js";

// What a change uses from the code around it: the locals and parameters of a long function, of
// the functions around a closure, of an anonymous callback; CommonJS modules that export one
// function; private members. Each scenario is a few small files written here.

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

const inside = (line: number) => (span: { startLine: number; endLine: number }) => span.startLine <= line && line <= span.endLine;
// A line in a snippet's gap is not shown.
const covers = (snippets: readonly RelatedSnippet[], path: string, line: number) => snippets.some((s) => s.path === path && inside(line)(s) && !(s.gaps ?? []).some(inside(line)));
const shownLines = (snippets: readonly RelatedSnippet[]) => snippets.reduce((sum, s) => sum + countShownLines(s), 0);
const filler = (count: number, indent = "  ") => Array.from({ length: count }, (_, i) => `${indent}step${i}();`);

describe("enclosing context: the declarations of what the change uses", () => {
  // 1 outer(config) · 2 const limit · 3 function long(items, { strict }) · 4 let total · 5-154 filler · 155 the change
  const longFile = lines([
    "export function outer(config: { max: number }): (items: number[], options: { strict: boolean }) => number {",
    "  const limit = config.max * 2;",
    "  function long(items: number[], { strict }: { strict: boolean }): number {",
    "    let total = 0;",
    ...filler(150, "    "),
    "    return strict && total > limit ? items.length : total + config.max;",
    "  }",
    "  return long;",
    "}",
  ]);

  it("shows, besides a window of a long function, the lines that declare its locals, its parameters and the outer function's", () => {
    const files = new Map([["src/long.ts", longFile]]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/long.ts", 155)], repo: createRepoSnapshot(files), syntax });
    // The window around the change does not reach them: the 154-line function is cut.
    expect(snippets.find((s) => s.startLine <= 155 && 155 <= s.endLine)!.reason).toContain("enclosing function `long` of the change at src/long.ts:155 (part of 154 lines)");
    for (const line of [1, 2, 3, 4]) expect(covers(snippets, "src/long.ts", line)).toBe(true);
    const declaration = snippets.find((s) => s.startLine <= 2 && 2 <= s.endLine)!;
    expect(declaration.reason).toContain("declarations of the locals and parameters the change at src/long.ts:155 uses");
  });

  it("joins the declarations and the window of the function around them into one snippet, the lines between left out", () => {
    const files = new Map([["src/long.ts", longFile]]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/long.ts", 155)], repo: createRepoSnapshot(files), syntax, budgetLines: 18 });
    expect(snippets).toHaveLength(1);
    const [snippet] = snippets;
    // Lines 1-4 declare what line 155 uses; 3-5 are the signature of `long`; 145-156 the window around the change.
    expect(snippet!.gaps).toEqual([{ startLine: 6, endLine: 144 }]);
    expect(snippet!.text.split("\n")).toEqual([...longFile.split("\n").slice(0, 5), ...longFile.split("\n").slice(144, 156)]);
    expect(snippet!.reason).toContain("enclosing function `long` of the change at src/long.ts:155 (part of 154 lines)");
  });

  it("keeps the declaration lines, one line each, within a budget that leaves little besides the window around the change", () => {
    const files = new Map([["src/long.ts", longFile]]);
    const budgetLines = 18;
    const { snippets, stats } = selectRelatedCode({ patches: [changeLine(files, "src/long.ts", 155)], repo: createRepoSnapshot(files), syntax, budgetLines });
    for (const line of [1, 2, 3, 4, 155]) expect(covers(snippets, "src/long.ts", line)).toBe(true);
    expect(shownLines(snippets)).toBeLessThanOrEqual(budgetLines);
    expect(stats.selectedLines).toBe(shownLines(snippets));
  });

  it("in a large change, shows the used locals of every changed function before the bodies of a few", () => {
    const files = new Map<string, string>();
    const patches: FilePatch[] = [];
    for (let i = 0; i < 20; i++) {
      const path = `src/part${i}.ts`;
      files.set(path, lines([`export function part${i}(input: string): string {`, `  const prefix${i} = input.trim();`, ...filler(40), `  return prefix${i} + input;`, "}"]));
      patches.push(changeLine(files, path, 43));
    }
    const budgetLines = 60;
    const { snippets } = selectRelatedCode({ patches, repo: createRepoSnapshot(files), syntax, budgetLines });
    for (let i = 0; i < 20; i++) expect(covers(snippets, `src/part${i}.ts`, 2)).toBe(true);
    expect(shownLines(snippets)).toBeLessThanOrEqual(budgetLines);
  });

  it("finds the locals of an anonymous callback (no named definition around the change), never a same-named local of another function", () => {
    const files = new Map([
      [
        "lib/request.js",
        lines([
          "'use strict';",
          "defineGetter(req, 'stale', function () {",
          "  var method = 'POST';",
          "  return method;",
          "});",
          "",
          "defineGetter(req, 'fresh', function(){",
          "  var method = this.method;",
          "  var res = this.res",
          "  var status = res.statusCode",
          "",
          "  // GET or HEAD for weak freshness validation only",
          "  if ('GET' !== method && 'HEAD' !== method) return false;",
          "  return status === 304;",
          "});",
        ]),
      ],
    ]);
    const patch = parsePatch({ path: "lib/request.js", status: "modified", additions: 1, deletions: 1, patch: "@@ -12,2 +12,2 @@\n   // GET or HEAD for weak freshness validation only\n-  if ('GET' !== method) return false;\n+  if ('GET' !== method && 'HEAD' !== method) return false;" });
    const { snippets } = selectRelatedCode({ patches: [patch], repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "lib/request.js", 8)).toBe(true);
    expect(covers(snippets, "lib/request.js", 3)).toBe(false);
  });
});

describe("CommonJS modules of one function, and private members", () => {
  const files = new Map([
    [
      "lib/normalize.js",
      lines(["'use strict';", "", "module.exports = function normalizeType(type) {", "  return type.indexOf('/') === -1 ? 'text/' + type : type;", "};"]),
    ],
    ["lib/router.js", lines(["'use strict';", "", "function createRouter(options) {", "  return { options: options };", "}", "", "module.exports = createRouter;"])],
    [
      "lib/response.js",
      lines([
        "'use strict';",
        "var normalizeType = require('./normalize');",
        "var createRouter = require('./router');",
        "var send = require('send');",
        "",
        "exports.format = function format(obj) {",
        "  var router = createRouter({});",
        "  return normalizeType(Object.keys(obj)[0]) + router;",
        "};",
      ]),
    ],
  ]);

  it("resolves a `require()` of a module that exports one function (`module.exports = function name`, `module.exports = name`) to that function", () => {
    const patch = parsePatch({ path: "lib/response.js", status: "modified", additions: 2, deletions: 1, patch: "@@ -7,2 +7,2 @@\n-  var router = null;\n-  return obj;\n+  var router = createRouter({});\n+  return normalizeType(Object.keys(obj)[0]) + router;" });
    const { snippets } = selectRelatedCode({ patches: [patch], repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "lib/normalize.js", 3)).toBe(true);
    expect(covers(snippets, "lib/router.js", 3)).toBe(true);
    // The `require` lines are imports, not definitions of the names they bind.
    expect(covers(snippets, "lib/response.js", 2)).toBe(false);
    expect(covers(snippets, "lib/response.js", 3)).toBe(false);
  });

  it("takes `exports.name = name` for the function it names, not the alias line", () => {
    const helpers = new Map([
      ["test/support/utils.js", lines(["'use strict';", "exports.shouldHaveHeader = shouldHaveHeader;", "", "function shouldHaveHeader(header) {", "  return header;", "}"])],
      ["test/res.send.js", lines(["var utils = require('./support/utils');", "it('sends', function () {", "  utils.shouldHaveHeader('ETag');", "});"])],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(helpers, "test/res.send.js", 3)], repo: createRepoSnapshot(helpers), syntax });
    expect(covers(snippets, "test/support/utils.js", 4)).toBe(true);
    expect(covers(snippets, "test/support/utils.js", 2)).toBe(false);
  });

  it("brings the callers of a changed `module.exports = function name`", () => {
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "lib/normalize.js", 4)], repo: createRepoSnapshot(files), syntax });
    const caller = snippets.find((s) => s.path === "lib/response.js");
    expect(caller?.reason).toContain("caller of `normalizeType` (lib/response.js:8)");
  });

  it("resolves `this.#x` and `this.#m()` in a JavaScript class to its private members", () => {
    const cart = new Map([
      ["lib/cart.js", lines(["class Cart {", "  #count = 0;", "  #bump() {", "    return 1;", "  }", "  add() {", "    return this.#bump() + this.#count;", "  }", "}", "module.exports = Cart;"])],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(cart, "lib/cart.js", 7)], repo: createRepoSnapshot(cart), syntax });
    expect(covers(snippets, "lib/cart.js", 2)).toBe(true);
    expect(covers(snippets, "lib/cart.js", 3)).toBe(true);
  });

  it.each([
    ["a function of another name", "export default function other() {\n  return 1;\n}\n"],
    ["a class", "export default class Other {\n  x = 1;\n}\n"],
    ["an object", "export default {\n  a: 1,\n};\n"],
    ["an arrow function", "export default () => {\n  return 1;\n};\n"],
  ])("resolves a default import to `export default` %s, whatever local name the import takes", (_, module) => {
    const files = new Map([
      ["src/m.ts", module],
      ["src/use.ts", 'import run from "./m.js";\n\nexport const v = run();\n'],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/use.ts", 3, "export const v = 0;")], repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "src/m.ts", 1)).toBe(true);
  });
});
