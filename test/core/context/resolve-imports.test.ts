import { describe, expect, it } from "@jest/globals";
import { buildPathIndex } from "../../../src/core/context/build-path-index.js";
import { createBindingEnv } from "../../../src/core/context/resolve/binding-env.js";
import { buildFileBindings } from "../../../src/core/context/resolve/build-file-bindings.js";
import { readGoModules } from "../../../src/core/context/resolve/resolve-go-package.js";
import type { FileOutline, SyntaxImport } from "../../../src/core/context/types.js";

function entry(source: string, more: Partial<SyntaxImport> = {}): SyntaxImport {
  return { source, names: [], wildcard: false, relative: false, declaresModule: false, line: 1, ...more };
}

function bindingsOf(language: string, path: string, imports: SyntaxImport[], paths: string[], packageName?: string) {
  const outline: FileOutline = { language, definitions: [], references: [], imports, ...(packageName ? { packageName } : {}) };
  const goMod = paths.includes("go.mod") ? [{ path: "go.mod", text: "module github.com/acme/app\n\ngo 1.22\n" }] : [];
  const bindings = buildFileBindings(path, outline, createBindingEnv(buildPathIndex(paths), readGoModules(goMod)));
  return { named: Object.fromEntries(bindings.named), wildcard: bindings.wildcard, scope: bindings.scope };
}

describe("import resolution", () => {
  it("TypeScript: `.js` specifiers to .ts sources, folders to index files, aliases, namespace and default imports", () => {
    const paths = ["src/a.ts", "src/util/env.ts", "src/lib/index.ts", "src/widget.tsx", "src/alias.ts"];
    expect(
      bindingsOf("typescript", "src/a.ts", [entry("./util/env.js", { names: [{ name: "readNumber" }, { name: "readFlag", alias: "flag" }] }), entry("./lib", { alias: "lib" }), entry("./widget", { names: [{ name: "default", alias: "Widget" }] }), entry("@/alias", { names: [{ name: "x" }] }), entry("zod", { names: [{ name: "z" }] })], paths).named,
    ).toEqual({
      readNumber: [{ files: ["src/util/env.ts"], symbol: "readNumber" }],
      flag: [{ files: ["src/util/env.ts"], symbol: "readFlag" }],
      lib: [{ files: ["src/lib/index.ts"] }],
      Widget: [
        { files: ["src/widget.tsx"], symbol: "Widget" },
        { files: ["src/widget.tsx"], symbol: "default" },
      ],
      x: [{ files: ["src/alias.ts"], symbol: "x" }],
    });
  });

  it("TypeScript: `export * from` makes a barrel's sources wildcard files", () => {
    expect(bindingsOf("typescript", "src/index.ts", [entry("./a.js", { wildcard: true })], ["src/index.ts", "src/a.ts"]).wildcard).toEqual(["src/a.ts"]);
  });

  it("Python: relative and absolute modules, packages, submodules imported by name, src layouts", () => {
    const paths = ["src/shop/__init__.py", "src/shop/money.py", "src/shop/pricing/__init__.py", "src/shop/pricing/totals.py", "src/shop/pricing/rates.py"];
    expect(bindingsOf("python", "src/shop/pricing/totals.py", [entry("..money", { names: [{ name: "Money" }] }), entry(".", { names: [{ name: "rates" }] }), entry("shop.pricing.rates", { alias: "r" })], paths).named).toEqual({
      Money: [{ files: ["src/shop/money.py"], symbol: "Money" }],
      rates: [{ files: ["src/shop/pricing/__init__.py"], symbol: "rates" }, { files: ["src/shop/pricing/rates.py"] }],
      r: [{ files: ["src/shop/pricing/rates.py"] }],
    });
  });

  it("Go: module paths through go.mod (package name, alias), same-folder files as the package scope", () => {
    const paths = ["go.mod", "internal/store/store.go", "internal/store/item.go", "internal/store/store_test.go", "internal/clock/v2/clock.go"];
    const result = bindingsOf("go", "internal/store/store.go", [entry("github.com/acme/app/internal/clock/v2"), entry("github.com/acme/app/internal/store", { alias: "st" }), entry("fmt")], paths);
    expect(result.named).toEqual({ clock: [{ files: ["internal/clock/v2/clock.go"] }], st: [{ files: ["internal/store/store.go", "internal/store/item.go"] }] });
    expect(result.scope).toEqual(["internal/store/store.go", "internal/store/item.go"]);
  });

  it("Java: single-type, static and on-demand imports; the package spans source roots", () => {
    const paths = ["src/main/java/com/acme/util/Strings.java", "src/main/java/com/acme/model/Item.java", "src/main/java/com/acme/model/Tag.java", "src/main/java/com/acme/svc/Store.java", "src/test/java/com/acme/svc/StoreTest.java"];
    const result = bindingsOf("java", "src/main/java/com/acme/svc/Store.java", [entry("com.acme.util.Strings"), entry("com.acme.util.Strings.clean"), entry("com.acme.model", { wildcard: true })], paths, "com.acme.svc");
    expect(result.named).toEqual({ Strings: [{ files: ["src/main/java/com/acme/util/Strings.java"], symbol: "Strings" }], clean: [{ files: ["src/main/java/com/acme/util/Strings.java"], symbol: "clean" }] });
    expect(result.wildcard).toEqual(["src/main/java/com/acme/model/Item.java", "src/main/java/com/acme/model/Tag.java"]);
    expect(result.scope).toEqual(["src/main/java/com/acme/svc/Store.java", "src/test/java/com/acme/svc/StoreTest.java"]);
  });

  it("Rust: `mod x;` child files, `crate::`/`super::` paths, modules and items, wildcards", () => {
    const paths = ["Cargo.toml", "src/lib.rs", "src/error.rs", "src/parser/mod.rs", "src/parser/token.rs", "src/util.rs"];
    const result = bindingsOf(
      "rust",
      "src/parser/mod.rs",
      [entry("token", { declaresModule: true }), entry("crate::error", { names: [{ name: "CalcError" }, { name: "Other", alias: "O" }] }), entry("crate::util"), entry("super::util", { wildcard: true }), entry("std::fmt")],
      paths,
    );
    expect(result.named).toEqual({
      token: [{ files: ["src/parser/token.rs"] }],
      CalcError: [{ files: ["src/error.rs"], symbol: "CalcError" }],
      O: [{ files: ["src/error.rs"], symbol: "Other" }],
      util: [{ files: ["src/util.rs"] }],
    });
    expect(result.wildcard).toEqual(["src/util.rs"]);
  });

  it("Ruby: require_relative next to the file, require from lib/", () => {
    const paths = ["lib/library/loans.rb", "lib/library/book.rb", "lib/json_ext.rb", "app/models/book.rb"];
    expect(bindingsOf("ruby", "lib/library/loans.rb", [entry("book", { relative: true }), entry("json_ext"), entry("missing", { relative: true })], paths).wildcard).toEqual(["lib/library/book.rb", "lib/json_ext.rb"]);
  });

  it("C/C++: #include \"…\" next to the file or by path suffix, with the implementation file named like the header", () => {
    const paths = ["src/buffer.h", "src/buffer.c", "src/log.c", "include/geo/point.hpp", "lib/point.cpp"];
    expect(bindingsOf("c", "src/log.c", [entry("buffer.h")], paths).wildcard).toEqual(["src/buffer.h", "src/buffer.c"]);
    expect(bindingsOf("cpp", "src/main.cpp", [entry("geo/point.hpp")], paths).wildcard).toEqual(["include/geo/point.hpp", "lib/point.cpp"]);
  });

  it("PHP: `use` of a class by PSR-4 folders, grouped uses with aliases, require with __DIR__", () => {
    const paths = ["src/Support/Money.php", "src/Models/Item.php", "src/Models/Tag.php", "src/Cart/Cart.php", "src/Cart/helpers.php"];
    const result = bindingsOf("php", "src/Cart/Cart.php", [entry("App\\Support\\Money"), entry("App\\Models", { names: [{ name: "Item" }, { name: "Tag", alias: "T" }] }), entry("/helpers.php", { relative: true })], paths, "App\\Cart");
    expect(result.named).toEqual({
      Money: [{ files: ["src/Support/Money.php"], symbol: "Money" }],
      Item: [{ files: ["src/Models/Item.php"], symbol: "Item" }],
      T: [{ files: ["src/Models/Tag.php"], symbol: "Tag" }],
    });
    expect(result.wildcard).toEqual(["src/Cart/helpers.php"]);
  });

  it("C#: namespaces in use are recorded, not mapped to files", () => {
    const outline: FileOutline = { language: "csharp", definitions: [], references: [], imports: [entry("Shop.Pricing")], packageName: "Shop.Orders" };
    const bindings = buildFileBindings("src/Orders/OrderService.cs", outline, createBindingEnv(buildPathIndex([]), []));
    expect(bindings.namespaces).toEqual(["Shop.Orders", "Shop.Pricing"]);
  });
});
