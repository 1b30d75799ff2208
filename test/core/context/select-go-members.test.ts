import { beforeAll, describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { RelatedSnippet, SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";

// Go members by their receiver's method set, the way chi and cobra write them (a measured miss of
// `npm run bench -- --only context-quality --repo ...`: `r.Middlewares()` on an `r Routes`
// parameter): never a same-named method of another type in the package.

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

const text = (lines: readonly string[]) => `${lines.join("\n")}\n`;
const at = (snippets: readonly RelatedSnippet[], path: string, line: number) => snippets.some((s) => s.path === path && s.startLine <= line && line <= s.endLine);

const files = new Map([
  ["go.mod", text(["module example.com/router", "", "go 1.22"])],
  ["router/routes.go", text(["package router", "", "type Routes interface {", "\tMiddlewares() Middlewares", "}", "", "type Middlewares []func()"])],
  [
    "router/mux.go",
    text(["package router", "", "type Mux struct {", "\tinline bool", "\tBase", "}", "", "func (mx *Mux) Middlewares() Middlewares {", "\treturn nil", "}", "", "func (mx *Mux) Use() {", "\tmx.inline = true", "\tmx.Handle()", "}", "", "func NewMux() *Mux {", "\treturn &Mux{}", "}"]),
  ],
  ["router/base.go", text(["package router", "", "type Base struct{}", "", "func (b *Base) Handle() {}"])],
  ["router/other.go", text(["package router", "", "type Other struct {", "\tinline bool", "}", "", "func (o *Other) Handle() {}", "", "func (o *Other) Middlewares() Middlewares { return nil }", "", "func (o *Other) Use() {}", "", "func (o *Other) HandlerFunc() {}"])],
  [
    "router/table_test.go",
    text(["package router", "", 'import "testing"', "", "func TestPatterns(t *testing.T) {", "\ttests := []struct {", "\t\tname    string", "\t\tpattern string", "\t}{", '\t\t{name: "root", pattern: "/"},', "\t}", "\tfor _, tc := range tests {", "\t\tt.Run(tc.name, func(t *testing.T) { _ = tc.pattern })", "\t}", "}"]),
  ],
  ["router/other_test.go", text(["package router", "", 'import "testing"', "", "func TestOther(t *testing.T) {", "\tcases := []struct {", "\t\tname    string", "\t\tpattern string", "\t}{}", "\t_ = cases", "}"])],
  ["router/serve.go", text(["package router", "", 'import "net/http"', "", "func serve() http.Handler {", "\treturn http.HandlerFunc(nil)", "}"])],
  ["router/walk.go", text(["package router", "", "func walk(r Routes) int {", "\treturn len(r.Middlewares())", "}", "", "func build() {", "\tr := NewMux()", "\tr.Use()", "\tif r != nil {", "\t\twalk(func(r Routes) {", "\t\t\t_ = r", "\t\t})", "\t}", "\tr.Use()", "}"])],
]);

/** Related code when lines `from`..`to` of `path` are changed. */
function selectForChange(path: string, from: number, to: number): RelatedSnippet[] {
  const head = files.get(path)!.split("\n").slice(from - 1, to);
  const count = to - from + 1;
  const patch = parsePatch({ path, status: "modified", additions: count, deletions: count, patch: `@@ -${from},${count} +${from},${count} @@\n${head.map(() => "-\t_ = 0").join("\n")}\n${head.map((line) => `+${line}`).join("\n")}` });
  return selectRelatedCode({ patches: [patch], repo: createRepoSnapshot(files), syntax }).snippets;
}

describe("Go members", () => {
  it("resolves a method of an interface-typed parameter to the interface's method, not to another type's same-named method", () => {
    const snippets = selectForChange("router/walk.go", 4, 4);
    expect(at(snippets, "router/routes.go", 4)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "router/other.go")).toEqual([]);
  });

  it("resolves the receiver's field and a method promoted from an embedded struct, not another type's", () => {
    const snippets = selectForChange("router/mux.go", 13, 14);
    expect(at(snippets, "router/mux.go", 4)).toBe(true);
    expect(at(snippets, "router/base.go", 5)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "router/other.go")).toEqual([]);
  });

  it("resolves a member of `r := NewMux()` through the type the function's signature returns, past a closure's own `r`", () => {
    const snippets = selectForChange("router/walk.go", 9, 9);
    expect(at(snippets, "router/mux.go", 12)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "router/other.go")).toEqual([]);
    // After a closure whose parameter is another `r`: still the `r := NewMux()` of the function.
    const after = selectForChange("router/walk.go", 15, 15);
    expect(at(after, "router/mux.go", 12)).toBe(true);
    expect(after.filter((snippet) => snippet.path === "router/other.go")).toEqual([]);
  });

  it("resolves nothing for a member of a package from outside the repository (`http.HandlerFunc`), not a same-named method", () => {
    expect(selectForChange("router/serve.go", 6, 6).filter((snippet) => snippet.path === "router/other.go")).toEqual([]);
  });

  it("resolves a test table's loop variable (`for _, tc := range tests`) to the fields of that table's struct, not another table's", () => {
    const snippets = selectForChange("router/table_test.go", 13, 13);
    expect(at(snippets, "router/table_test.go", 7)).toBe(true);
    expect(at(snippets, "router/table_test.go", 8)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "router/other_test.go")).toEqual([]);
  });
});
