import { beforeAll, describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { RelatedSnippet, SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";
import { changeLine, lines } from "./change-written-file.js";

// Code laid out the way other projects lay it out: workspaces, tsconfig `paths`, classes reached
// through `this`, CommonJS modules. Each scenario is a few small files written here.

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

const where = (snippets: readonly RelatedSnippet[]) => snippets.map(({ path, startLine, endLine }) => `${path}:${startLine}-${endLine}`);
const covers = (snippets: readonly RelatedSnippet[], path: string, line: number) => snippets.some((s) => s.path === path && s.startLine <= line && line <= s.endLine);

describe("related code in other people's layouts", () => {
  it("finds definitions in sibling workspace packages (package.json `exports` to sources) and through tsconfig `paths`", () => {
    const files = new Map([
      ["package.json", JSON.stringify({ private: true, workspaces: ["packages/*"] })],
      ["tsconfig.json", lines(["{", "  // shared code by alias", '  "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["shared/src/*"], }, },', "}"])],
      ["packages/core/package.json", JSON.stringify({ name: "@acme/core", exports: { ".": { types: "./dist/index.d.ts", import: "./dist/index.js" }, "./money": "./dist/money.js" } })],
      ["packages/core/src/index.ts", lines(["export function parseAmount(text: string): number {", "  return Number(text);", "}"])],
      ["packages/core/src/money.ts", lines(["export function formatMoney(cents: number): string {", "  return (cents / 100).toFixed(2);", "}"])],
      ["shared/src/clock.ts", lines(["export function nowIso(): string {", "  return new Date(0).toISOString();", "}"])],
      ["packages/app/package.json", JSON.stringify({ name: "@acme/app" })],
      [
        "packages/app/src/checkout.ts",
        lines([
          'import { parseAmount } from "@acme/core";',
          'import { formatMoney } from "@acme/core/money";',
          'import { nowIso } from "@shared/clock";',
          "",
          "export function receipt(text: string): string {",
          "  return `${nowIso()} ${formatMoney(parseAmount(text))}`;",
          "}",
        ]),
      ],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "packages/app/src/checkout.ts", 6)], repo: createRepoSnapshot(files), syntax });
    expect(where(snippets)).toEqual(expect.arrayContaining(["packages/core/src/index.ts:1-3", "packages/core/src/money.ts:1-3", "shared/src/clock.ts:1-3"]));
  });

  it("resolves `this.x` and `this.#x` to the enclosing class, never to a same-named member elsewhere or a test helper", () => {
    const files = new Map([
      [
        "src/cart.ts",
        lines([
          "export class Cart {",
          "  #count = 0;",
          "  total(): number {",
          "    return 1;",
          "  }",
          "  add(): number {",
          "    return this.total() + this.#count;",
          "  }",
          "}",
          "export class Invoice {",
          "  total(): number {",
          "    return 2;",
          "  }",
          "}",
        ]),
      ],
      ["src/ledger.ts", lines(["export class Ledger {", "  total(): number {", "    return 3;", "  }", "}"])],
      ["test/helpers.ts", lines(["export function total(): number {", "  return 4;", "}"])],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/cart.ts", 7)], repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "src/cart.ts", 2)).toBe(true);
    expect(covers(snippets, "src/cart.ts", 3)).toBe(true);
    expect(covers(snippets, "src/cart.ts", 11)).toBe(false);
    expect(snippets.filter((s) => s.path !== "src/cart.ts")).toEqual([]);
  });

  it("resolves `a.x` through `a`'s declared type and `this.x` through the class's base, not to a same-named member of another imported class", () => {
    const files = new Map([
      ["src/store.ts", lines(["export class Store {", "  get(key: string): string {", "    return key;", "  }", "}"])],
      ["src/cache.ts", lines(["export class Cache {", "  get(key: string): string {", '    return "";', "  }", "}"])],
      ["src/base.ts", lines(["export class Base {", "  protected log(): void {", "    return;", "  }", "}"])],
      [
        "src/service.ts",
        lines([
          'import { Base } from "./base.js";',
          'import { Cache } from "./cache.js";',
          'import type { Store } from "./store.js";',
          "export class Service extends Base {",
          "  private cache = new Cache();",
          "  run(store: Store): string {",
          "    this.log();",
          '    return store.get("a");',
          "  }",
          "}",
        ]),
      ],
    ]);
    const patches = [parsePatch({ path: "src/service.ts", status: "modified", additions: 2, deletions: 2, patch: '@@ -7,2 +7,2 @@\n-    this.warn();\n-    return "";\n+    this.log();\n+    return store.get("a");' })];
    const { snippets } = selectRelatedCode({ patches, repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "src/store.ts", 2)).toBe(true);
    expect(covers(snippets, "src/base.ts", 2)).toBe(true);
    expect(covers(snippets, "src/cache.ts", 2)).toBe(false);
  });

  it("resolves a member of a call-chain receiver (`s.string().url()`) through the barrel the file imports, not in a file it does not import", () => {
    const files = new Map([
      ["src/schemas.ts", lines(["export class ZString {", "  url(): ZString {", "    return this;", "  }", "}", "export function string(): ZString {", "  return new ZString();", "}"])],
      ["src/index.ts", lines(['export * from "./schemas.js";'])],
      ["src/links.ts", lines(["export class Link {", "  url(): string {", '    return "";', "  }", "}"])],
      ["src/use.ts", lines(['import * as s from "./index.js";', "export const link = s.string().url();"])],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/use.ts", 2, "export const link = s.string();")], repo: createRepoSnapshot(files), syntax });
    expect(covers(snippets, "src/schemas.ts", 2)).toBe(true);
    expect(covers(snippets, "src/schemas.ts", 6)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "src/links.ts")).toEqual([]);
  });

  it("gives no snippet for a member of a receiver it cannot resolve, rather than a same-named member of an unrelated file", () => {
    const files = new Map([
      ["src/report.ts", lines(["export function report(inst: { internals: { def: string } }): string {", "  return inst.internals.definition;", "}"])],
      ["src/schemas/other.ts", lines(["export class Other {", "  definition(): string {", '    return "other";', "  }", "}"])],
    ]);
    const { snippets } = selectRelatedCode({ patches: [changeLine(files, "src/report.ts", 2)], repo: createRepoSnapshot(files), syntax });
    expect(snippets.filter((s) => s.path !== "src/report.ts")).toEqual([]);
  });

  describe("CommonJS", () => {
    // The case: `normalizeType` changes what it returns; both callers must be in the context.
    const files = new Map([
      [
        "lib/utils.js",
        lines([
          "'use strict';",
          "var mime = require('mime-types');",
          "",
          "exports.normalizeType = function(type){",
          "  return ~type.indexOf('/')",
          "    ? { value: type, params: {} }",
          "    : { value: mime.lookup(type) || 'application/octet-stream', params: {} };",
          "};",
          "",
          "exports.flat = function flat(list) {",
          "  return [].concat.apply([], list);",
          "};",
        ]),
      ],
      [
        "lib/response.js",
        lines([
          "'use strict';",
          "var normalizeType = require('./utils').normalizeType;",
          "var send = require('send');",
          "var res = Object.create(null);",
          "module.exports = res;",
          "",
          "res.send = function send(body) {",
          "  this.end(body);",
          "  return this;",
          "};",
          "",
          "res.json = function json(obj) {",
          "  var body = JSON.stringify(obj);",
          "  return this.send(body);",
          "};",
          "",
          "res.format = function(obj){",
          "  var type = normalizeType(Object.keys(obj)[0]).value;",
          "  this.setHeader('Content-Type', type);",
          "  return this;",
          "};",
        ]),
      ],
      [
        "lib/request.js",
        lines([
          "'use strict';",
          "var utils = require('./utils');",
          "",
          "function Request() {}",
          "",
          "Request.prototype.accepts = function accepts(type) {",
          "  return utils.normalizeType(type).params;",
          "};",
          "",
          "module.exports = Request;",
        ]),
      ],
    ]);

    it("brings both callers of an `exports.x = function` whose result changes", () => {
      const patch = changeLine(files, "lib/utils.js", 6, "    ? { value: type }");
      const { snippets } = selectRelatedCode({ patches: [patch], repo: createRepoSnapshot(files), syntax });
      expect(covers(snippets, "lib/response.js", 18)).toBe(true);
      expect(covers(snippets, "lib/request.js", 7)).toBe(true);
    });

    it("takes `res.send = function` as the definition of `this.send()`, not `var send = require('send')`", () => {
      const { snippets } = selectRelatedCode({ patches: [changeLine(files, "lib/response.js", 14)], repo: createRepoSnapshot(files), syntax });
      expect(covers(snippets, "lib/response.js", 7)).toBe(true);
      expect(covers(snippets, "lib/response.js", 3)).toBe(false);
    });

    it("resolves a `require()` binding like an import: `utils.flat` to `exports.flat` in lib/utils.js", () => {
      const withUse = new Map(files);
      withUse.set("lib/request.js", files.get("lib/request.js")!.replace("utils.normalizeType(type).params", "utils.flat([type])"));
      const { snippets } = selectRelatedCode({ patches: [changeLine(withUse, "lib/request.js", 7)], repo: createRepoSnapshot(withUse), syntax });
      expect(covers(snippets, "lib/utils.js", 10)).toBe(true);
    });
  });
});
