import { beforeAll, describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import type { RelatedSnippet, SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";

// Python members the way Flask and httpx write them (measured misses of `npm run bench -- --only
// context-quality --repo ...`): attributes that methods assign (`self.x = ...`), found through
// `self` in the class and its bases, and through a receiver's annotation or constructor call.

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

/** Related code when line `line` of `path` is changed (the head text is `files`'). */
function selectForChangedLine(files: ReadonlyMap<string, string>, path: string, line: number): RelatedSnippet[] {
  const head = files.get(path)!.split("\n")[line - 1]!;
  const patch = parsePatch({ path, status: "modified", additions: 1, deletions: 1, patch: `@@ -${line},1 +${line},1 @@\n-    pass\n+${head}` });
  return selectRelatedCode({ patches: [patch], repo: createRepoSnapshot(files), syntax }).snippets;
}

const text = (lines: readonly string[]) => `${lines.join("\n")}\n`;
const covers = (snippets: readonly RelatedSnippet[], path: string, line: number) => snippets.some((s) => s.path === path && s.startLine <= line && line <= s.endLine);

describe("Python members", () => {
  // Another class of the same package assigns attributes of the same names: never its lines.
  const decoy = text(["class Unrelated:", "    def __init__(self):", "        self._request = 1", "        self.config = 2", "        self.instance_path = 3", "", "    def run(self):", "        return 4"]);

  it("resolves `self.x` to the `self.x = ...` of the class's methods and of its base class in another module", () => {
    const files = new Map([
      ["src/app/__init__.py", ""],
      ["src/app/base.py", text(["class BaseContext:", "    def __init__(self):", "        self.config = {}"])],
      [
        "src/app/ctx.py",
        text([
          "from .base import BaseContext",
          "",
          "",
          "class RequestContext(BaseContext):",
          "    def __init__(self, request):",
          "        self._request = request",
          "        if request:",
          "            self.url_adapter = None",
          "",
          "    def push(self):",
          "        return self._request, self.url_adapter, self.config",
        ]),
      ],
      ["src/app/unrelated.py", decoy],
    ]);
    const snippets = selectForChangedLine(files, "src/app/ctx.py", 11);
    expect(covers(snippets, "src/app/ctx.py", 6)).toBe(true);
    expect(covers(snippets, "src/app/ctx.py", 8)).toBe(true);
    expect(covers(snippets, "src/app/base.py", 3)).toBe(true);
    expect(snippets.filter((snippet) => snippet.path === "src/app/unrelated.py")).toEqual([]);
  });

  it("resolves `a.x` through `a = Flask(...)` and `a: Flask` to the class and its base, not to a same-named attribute of another class", () => {
    const files = new Map([
      ["src/pkg/__init__.py", ""],
      ["src/pkg/sansio.py", text(["class App:", "    def __init__(self):", '        self.instance_path = "/tmp"'])],
      ["src/pkg/app.py", text(["from .sansio import App", "", "", "class Flask(App):", "    def run(self):", "        return 1"])],
      ["src/pkg/unrelated.py", decoy],
      [
        "src/pkg/tutorial.py",
        text(["import os", "", "from .app import Flask", "", "", "def create_app():", "    app = Flask()", "    return app.instance_path", "", "", "def serve(app: Flask):", "    return app.run()"]),
      ],
    ]);
    const attribute = selectForChangedLine(files, "src/pkg/tutorial.py", 8);
    expect(covers(attribute, "src/pkg/sansio.py", 3)).toBe(true);
    expect(attribute.filter((snippet) => snippet.path === "src/pkg/unrelated.py")).toEqual([]);
    const method = selectForChangedLine(files, "src/pkg/tutorial.py", 12);
    expect(covers(method, "src/pkg/app.py", 5)).toBe(true);
    expect(method.filter((snippet) => snippet.path === "src/pkg/unrelated.py")).toEqual([]);
  });

  it("resolves nothing for a member of a module from outside the repository (`os.getcwd`), not a same-named method", () => {
    const files = new Map([
      ["src/tool/paths.py", text(["import os", "", "", "def where():", "    return os.getcwd()"])],
      ["src/tool/shell.py", text(["class Shell:", "    def getcwd(self):", '        return "/"'])],
    ]);
    expect(selectForChangedLine(files, "src/tool/paths.py", 5).filter((snippet) => snippet.path === "src/tool/shell.py")).toEqual([]);
  });

  it("takes a bare name for the one in scope, never a class attribute or method of another test's class", () => {
    const files = new Map([
      [
        "tests/test_cli.py",
        text([
          "def test_find_app():", // 1
          "    class Module:", // 2
          "        app = object()", // 3
          "    assert Module.app", // 4
          "", // 5
          "class TestRoutes:", // 6
          "    def app(self):", // 7
          "        return object()", // 8
          "", // 9
          "def test_second(app):", // 10
          "    assert app", // 11
        ]),
      ],
    ]);
    const snippets = selectForChangedLine(files, "tests/test_cli.py", 11);
    expect(snippets.filter((s) => s.reason.includes("`app`") && s.startLine <= 8 && 3 <= s.endLine && s.reason.startsWith("definition"))).toEqual([]);
  });
});
