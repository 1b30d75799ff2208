import { describe, expect, it } from "@jest/globals";
import { buildPathIndex } from "../../../src/core/context/build-path-index.js";
import { readEcmaProject } from "../../../src/core/context/resolve/read-ecma-project.js";
import { resolveEcmaSpecifier } from "../../../src/core/context/resolve/resolve-ecma-specifier.js";

// A pnpm monorepo with a yarn-style package too, written here: how its own configuration names modules.
const files = new Map([
  ["package.json", JSON.stringify({ workspaces: { packages: ["tools/*"] } })],
  ["pnpm-workspace.yaml", "packages:\n  - 'packages/*'\n"],
  ["tsconfig.json", '{ "extends": "./tsconfig.base.json" /* paths come from the base */ }'],
  ["tsconfig.base.json", '{ "compilerOptions": { "paths": { "@app/*": ["./apps/web/src/*"], "#config": ["./config/index.ts"] } } }'],
  ["apps/web/tsconfig.json", '{ "compilerOptions": { "baseUrl": "src" } }'],
  ["packages/zed/package.json", JSON.stringify({ name: "zed", exports: { ".": { "@zed/source": "./src/index.ts", import: "./dist/index.js" }, "./v4/*": "./dist/v4/*.js" } })],
  ["packages/zed/src/index.ts", ""],
  ["packages/zed/src/v4/core.ts", ""],
  ["packages/old/package.json", JSON.stringify({ name: "old-style", main: "lib/main.js" })],
  ["packages/old/lib/main.js", ""],
  ["tools/cli/package.json", JSON.stringify({ name: "@acme/cli", types: "./dist/cli.d.ts" })],
  ["tools/cli/src/cli.ts", ""],
  ["apps/web/src/pages/home.ts", ""],
  ["apps/web/src/lib/store.ts", ""],
  ["config/index.ts", ""],
  ["elsewhere/package.json", JSON.stringify({ name: "not-a-workspace" })],
  ["elsewhere/index.ts", ""],
]);
const paths = buildPathIndex([...files.keys()]);
const project = readEcmaProject([...files.keys()], (path) => files.get(path));

describe("resolveEcmaSpecifier with the repository's workspaces and tsconfig", () => {
  it.each([
    ["packages/zed/src/v4/core.ts", "zed", "packages/zed/src/index.ts"],
    ["packages/zed/src/index.ts", "zed/v4/core", "packages/zed/src/v4/core.ts"],
    ["tools/cli/src/cli.ts", "old-style", "packages/old/lib/main.js"],
    ["packages/zed/src/index.ts", "@acme/cli", "tools/cli/src/cli.ts"],
    ["packages/zed/src/index.ts", "@app/lib/store", "apps/web/src/lib/store.ts"],
    ["packages/zed/src/index.ts", "#config", "config/index.ts"],
    // The nearest tsconfig wins: apps/web's `baseUrl` makes `lib/store` a path under its src.
    ["apps/web/src/pages/home.ts", "lib/store", "apps/web/src/lib/store.ts"],
    ["packages/zed/src/index.ts", "not-a-workspace", undefined],
    ["packages/zed/src/index.ts", "react", undefined],
  ])("from %s, %s is %s", (from, specifier, expected) => {
    expect(resolveEcmaSpecifier(from, specifier, paths, project)).toBe(expected);
  });

  it("follows a solution-style root's project references to the configs that hold the `paths` (Vite's tsconfig.app.json)", () => {
    const solution = new Map([
      ["tsconfig.json", '{ "files": [], "references": [{ "path": "./tsconfig.node.json" }, { "path": "./tsconfig.app.json" }, { "path": "./packages/ui" }] }'],
      ["tsconfig.node.json", '{ "compilerOptions": { "paths": { "#vite/*": ["./build/*"] } }, "include": ["vite.config.ts"] }'],
      ["tsconfig.app.json", '{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./web/*"] } }, "include": ["web"] }'],
      ["packages/ui/tsconfig.json", '{ "compilerOptions": { "paths": { "~ui/*": ["./lib/*"] } } }'],
      ["web/app.ts", ""],
      ["web/store.ts", ""],
      ["build/plugin.ts", ""],
      ["packages/ui/lib/button.ts", ""],
      ["packages/ui/lib/index.ts", ""],
    ]);
    const solutionPaths = buildPathIndex([...solution.keys()]);
    const referenced = readEcmaProject([...solution.keys()], (path) => solution.get(path));
    // Both configs of the root folder are tried: the app's `@/*` and the node config's `#vite/*`.
    expect(resolveEcmaSpecifier("web/app.ts", "@/store", solutionPaths, referenced)).toBe("web/store.ts");
    expect(resolveEcmaSpecifier("vite.config.ts", "#vite/plugin", solutionPaths, referenced)).toBe("build/plugin.ts");
    // A referenced folder's own config governs its files, and only those.
    expect(resolveEcmaSpecifier("packages/ui/lib/index.ts", "~ui/button", solutionPaths, referenced)).toBe("packages/ui/lib/button.ts");
    expect(resolveEcmaSpecifier("web/app.ts", "~ui/button", solutionPaths, referenced)).toBeUndefined();
  });

  it("reads nothing from configuration files it cannot parse", () => {
    const broken = readEcmaProject(["package.json", "tsconfig.json"], (path) => (path === "package.json" ? "{ nope" : "{ \"compilerOptions\": "));
    expect(broken).toEqual({ packages: [], aliases: [] });
  });
});
