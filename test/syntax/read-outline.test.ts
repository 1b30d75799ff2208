import { beforeAll, describe, expect, it } from "@jest/globals";
import type { FileOutline, SyntaxService } from "../../src/core/context/types.js";
import { loadGrammar, loadSyntaxService } from "../../src/syntax/load-parsers.js";

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

function outline(path: string, lines: string[]): FileOutline {
  const result = syntax.outline(path, lines.join("\n"));
  if (!result) throw new Error(`no outline for ${path}`);
  return result;
}

const defs = (o: FileOutline) => o.definitions.map((d) => `${d.kind} ${d.name} ${d.startLine}-${d.endLine}@${d.nameLine}`);
const refs = (o: FileOutline) => o.references.filter((r) => r.kind !== "identifier").map((r) => `${r.kind} ${r.qualifier ? `${r.qualifier}.` : ""}${r.name}@${r.line}`);

describe("tree-sitter outlines", () => {
  it("TypeScript: functions, classes and members, interfaces, types, top-level consts, test blocks; calls and types; imports and re-exports", () => {
    const o = outline("src/a.ts", [
      'import { a, b as c } from "./x.js";',
      'import * as ns from "../y";',
      'export * from "./r";',
      "export const LIMIT = 3;",
      "export function f<T>(x: T): Box<T> {",
      "  return ns.g(x, new Cls(), LIMIT);",
      "}",
      "export class Cls { private p = 1; m(): void { this.n(); } }",
      "interface I { x: string }",
      "type U = A | B;",
      "const arrow = async (x: number) => x + 1;",
      'describe("thing", () => { it("works", () => { expect(f(1)).toBe(1); }); });',
    ]);
    expect(defs(o)).toEqual([
      "constant LIMIT 4-4@4",
      "function f 5-7@5",
      "class Cls 8-8@8",
      "property p 8-8@8",
      "method m 8-8@8",
      "interface I 9-9@9",
      "property x 9-9@9",
      "type U 10-10@10",
      "function arrow 11-11@11",
      "test thing 12-12@12",
      "test works 12-12@12",
    ]);
    expect(o.imports).toEqual([
      { source: "./x.js", names: [{ name: "a" }, { name: "b", alias: "c" }], wildcard: false, relative: false, declaresModule: false, line: 1 },
      { source: "../y", names: [], alias: "ns", wildcard: false, relative: false, declaresModule: false, line: 2 },
      { source: "./r", names: [], wildcard: true, relative: false, declaresModule: false, line: 3 },
    ]);
    expect(refs(o)).toEqual(expect.arrayContaining(["type Box@5", "call ns.g@6", "call Cls@6", "call this.n@8", "call f@12"]));
  });

  it("TypeScript: a barrel file's long import and export lists are read whole, and quickly", () => {
    const names = Array.from({ length: 2000 }, (_, i) => `Name${i}`);
    const started = performance.now();
    const o = outline("src/index.ts", [`import { ${names.join(", ")} } from "./names.js";`, `export { ${names.map((name) => `type ${name} as T${name}`).join(", ")} } from "./types.js";`, "export { local };", "export {} from \"./empty.js\";"]);
    // Matching each name until the statement's source was seen took seconds for lists this long.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(o.imports.map((entry) => [entry.source, entry.names.length, entry.names[1999]])).toEqual([
      ["./names.js", 2000, { name: "Name1999" }],
      ["./types.js", 2000, { name: "Name1999", alias: "TName1999" }],
    ]);
  });

  it("TypeScript: a receiver that is a call chain is kept as its calls without arguments, anything else as a member of an unknown receiver", () => {
    const o = outline("src/a.ts", ["const a = z.string().min(1, { message: f(2) }).url();", "const b = this.client.get<T>(x).items;", "const c = make()().x;", "const d = (await load()).y;", "const e = list[0].z;", "const f = result.error!.issues;"]);
    expect(refs(o)).toEqual(expect.arrayContaining(["call z.string@1", "call z.string().min@1", "call z.string().min().url@1", "call this.client.get@2", "member this.client.get().items@2", "member ().x@3", "member ().y@4", "member ().z@5", "member result.error.issues@6"]));
  });

  it("TSX and JavaScript: JSX elements are calls of the component", () => {
    expect(refs(outline("src/a.tsx", ["export const A = () => <Badge label={x} />;"]))).toContain("call Badge@1");
    expect(refs(outline("src/a.jsx", ["export function A() { return <ui.Badge />; }"]))).toContain("call ui.Badge@1");
  });

  it("Python: methods in classes, decorated methods, module constants; attribute calls; relative and aliased imports", () => {
    const o = outline("pkg/m.py", ["from ..core import helper, Other as O", "import pkg.mod as m", "MAX = 3", "class Foo(Base):", "    @property", "    def bar(self):", "        return self.baz(helper(1), m.run())", "def top():", "    return Foo()"]);
    expect(defs(o)).toEqual(["constant MAX 3-3@3", "class Foo 4-7@4", "method bar 6-7@6", "function top 8-9@8"]);
    expect(o.imports.map((i) => [i.source, i.names, i.alias])).toEqual([
      ["..core", [{ name: "helper" }, { name: "Other", alias: "O" }], undefined],
      ["pkg.mod", [], "m"],
    ]);
    expect(refs(o)).toEqual(expect.arrayContaining(["call self.baz@7", "call helper@7", "call m.run@7", "call Foo@9"]));
  });

  it("Go: package, functions, methods, struct/interface types, fields; selector calls; aliased imports", () => {
    const o = outline("store/s.go", ["package store", "", 'import cfg "github.com/acme/app/config"', "", "type Store struct {", "\titems map[string]int", "}", "", "func (s *Store) Get(k string) int { return cfg.Limit(s.items[k]) }"]);
    expect(o.packageName).toBe("store");
    expect(defs(o)).toEqual(["class Store 5-7@5", "property items 6-6@6", "method Get 9-9@9"]);
    expect(o.imports.map((i) => [i.source, i.alias])).toEqual([["github.com/acme/app/config", "cfg"]]);
    expect(refs(o)).toEqual(expect.arrayContaining(["call cfg.Limit@9", "member s.items@9"]));
  });

  it("Java: package, classes, methods, constructors, fields, records; qualified calls; wildcard imports", () => {
    const o = outline("S.java", ["package com.acme;", "import com.acme.util.*;", "public class S {", "  private int n;", "  public S() {}", "  int get() { return Strings.clean(n); }", "  record P(int x) {}", "}"]);
    expect(o.packageName).toBe("com.acme");
    expect(defs(o)).toEqual(["class S 3-8@3", "property n 4-4@4", "method S 5-5@5", "method get 6-6@6", "class P 7-7@7"]);
    expect(o.imports.map((i) => [i.source, i.wildcard])).toEqual([["com.acme.util", true]]);
    expect(refs(o)).toContain("call Strings.clean@6");
  });

  it("Rust: items, impl methods, `mod` declarations and `use` lists with aliases", () => {
    const o = outline("src/lib.rs", ["mod parser;", "use crate::config::{Config, load as ld};", "pub struct S { n: u8 }", "impl S {", "    fn get(&self) -> u8 { Config::new(); ld(); self.n }", "}"]);
    expect(defs(o)).toEqual(["class S 3-3@3", "property n 3-3@3", "class S 4-6@4", "method get 5-5@5"]);
    expect(o.imports.map((i) => [i.source, i.names, i.declaresModule])).toEqual([
      ["parser", [], true],
      ["crate::config", [{ name: "Config" }, { name: "load", alias: "ld" }], false],
    ]);
    expect(refs(o)).toEqual(expect.arrayContaining(["call Config.new@5", "call ld@5"]));
  });

  it("Ruby: modules, classes, methods, attr_readers, RSpec blocks; require_relative", () => {
    const o = outline("lib/s.rb", ['require_relative "book"', "module Lib", "  class S < Base", "    attr_reader :title", "    def get(k)", "      Strings.clean(k)", "    end", "  end", "end", 'describe S do', '  it "works" do', "  end", "end"]);
    expect(defs(o)).toEqual(["module Lib 2-9@2", "class S 3-8@3", "property title 4-4@4", "method get 5-7@5", "test S 10-13@10", "test works 11-12@11"]);
    expect(o.imports).toEqual([{ source: "book", names: [], wildcard: false, relative: true, declaresModule: false, line: 1 }]);
    expect(refs(o)).toContain("call Strings.clean@6");
  });

  it("C (through the C++ grammar): functions returning pointers, prototypes, structs, macros; local includes only", () => {
    const o = outline("src/list.c", ['#include "list.h"', "#include <stdlib.h>", "#define MAX 3", "struct node { int v; };", "int count(struct node *n);", "struct node *push(struct node *head) {", "  struct node *new = malloc(sizeof *new);", "  return new;", "}"]);
    expect(defs(o)).toEqual(["constant MAX 3-3@3", "class node 4-4@4", "property v 4-4@4", "declaration count 5-5@5", "function push 6-9@6"]);
    expect(o.imports.map((i) => i.source)).toEqual(["list.h"]);
  });

  it("C++: out-of-line methods, classes, namespace-qualified calls", () => {
    const o = outline("src/r.cpp", ["class R { int n_; };", "int R::len() const { return geo::dist(n_); }"]);
    expect(defs(o)).toEqual(["class R 1-1@1", "property n_ 1-1@1", "method len 2-2@2"]);
    expect(refs(o)).toContain("call geo.dist@2");
  });

  it("C#: namespaces, classes, methods, properties; aliased usings", () => {
    const o = outline("S.cs", ["using Acme.Util;", "using M = Acme.Models;", "namespace Acme.Store;", "public class S {", "  public int Count { get; set; }", "  public int Get() { return Strings.Clean(Count); }", "}"]);
    expect(o.packageName).toBe("Acme.Store");
    expect(defs(o)).toEqual(["class S 4-7@4", "property Count 5-5@5", "method Get 6-6@6"]);
    expect(o.imports.map((i) => [i.source, i.alias])).toEqual([["Acme.Util", undefined], ["Acme.Models", "M"]]);
    expect(refs(o)).toContain("call Strings.Clean@6");
  });

  it("PHP: namespace, functions, classes, methods; static and member calls; grouped uses", () => {
    const o = outline("src/S.php", ["<?php", "namespace App\\Store;", "use App\\Models\\{Item, Tag as T};", "function helper() {}", "class S {", "  public function get() { return Strings::clean($this->put(helper())); }", "}"]);
    expect(o.packageName).toBe("App\\Store");
    expect(defs(o)).toEqual(["function helper 4-4@4", "class S 5-7@5", "method get 6-6@6"]);
    expect(o.imports.map((i) => [i.source, i.names])).toEqual([["App\\Models", [{ name: "Item" }, { name: "Tag", alias: "T" }]]]);
    expect(refs(o)).toEqual(expect.arrayContaining(["call Strings.clean@6", "call $this.put@6", "call helper@6"]));
  });

  it("has no outline for a language without a grammar", () => {
    expect(syntax.outline("build.gradle.kts", "fun main() {}")).toBeUndefined();
  });
});

describe("loadSyntaxService", () => {
  it("loads only the grammars the paths need and compiles each language once per process", async () => {
    const service = await loadSyntaxService(["src/a.py", "README.md"]);
    expect(service.outline("src/a.py", "def f():\n    pass\n")?.definitions.map((d) => d.name)).toEqual(["f"]);
    expect(service.outline("src/a.go", "package a")).toBeUndefined();
    expect(loadGrammar("python")).toBe(loadGrammar("python"));
    expect(await loadGrammar("python")).toBe(await loadGrammar("python"));
  });
});
