import ts from "typescript";
import { isTestPath } from "../../src/core/context/is-test-path.js";
import { readEcmaProject } from "../../src/core/context/resolve/read-ecma-project.js";
import type { FilePatch } from "../../src/core/types.js";

/** A definition, in the repository and outside what the diff shows, of a name an added line uses. */
export interface UsedDefinition {
  name: string;
  path: string;
  /** Line of the definition's name. */
  line: number;
  /** TypeScript's kind of the definition (function, method, property, const, local var, parameter, ...). */
  kind: string;
  /** The file whose added line uses it. */
  usedIn: string;
  /** The first added line that uses it. */
  usedLine: number;
  /** The other added lines of `usedIn` that use it, so each use can be judged on its own line. */
  alsoUsedAt?: number[];
  /** On a line the diff shows: not counted as context to find, but a right target all the same. */
  shown?: true;
}

const ROOT = "/repo/";
// JavaScript too (CommonJS `exports.x =` and `require` are definitions and imports to TypeScript).
const TS_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const NODE_MODULES = "node_modules/";

/**
 * The ground truth for context quality, independent of tree-sitter: TypeScript's own "go to
 * definition" on every identifier of every added line (those on lines the diff shows marked `shown`) of the changed TypeScript and JavaScript
 * files, with the repository's root tsconfig (its `paths`, `baseUrl`, `moduleResolution`,
 * `customConditions`) and its workspace packages linked under node_modules, as npm, yarn and pnpm
 * link them, so that package.json `exports` resolve the way TypeScript resolves them.
 */
export function findUsedDefinitions(files: ReadonlyMap<string, string>, patches: readonly FilePatch[]): UsedDefinition[] {
  const dirs = new Set<string>();
  for (const path of files.keys()) for (let dir = path; dir.includes("/"); ) dirs.add((dir = dir.slice(0, dir.lastIndexOf("/"))));
  const { packages } = readEcmaProject([...files.keys()], (path) => files.get(path));
  // A workspace package seen through node_modules is its own folder (pnpm's and npm's symlinks).
  const linked = (path: string): string => {
    const at = path.lastIndexOf(NODE_MODULES);
    if (at === -1) return path;
    const rest = path.slice(at + NODE_MODULES.length);
    const owner = packages.find((pkg) => rest === pkg.name || rest.startsWith(`${pkg.name}/`));
    return owner ? `${owner.dir === "" ? "" : `${owner.dir}/`}${rest.slice(owner.name.length + 1)}`.replace(/\/$/, "") : path;
  };
  const relative = (name: string) => linked(name.startsWith(ROOT) ? name.slice(ROOT.length) : name);
  const isLinkFolder = (path: string) => {
    const rest = path.slice(path.lastIndexOf(NODE_MODULES) + NODE_MODULES.length);
    return path.endsWith("node_modules") || packages.some((pkg) => pkg.name.startsWith(`${rest}/`));
  };
  const options = readCompilerOptions(files);
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [...files.keys()].filter((path) => TS_FILE.test(path)).map((path) => ROOT + path),
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) => {
      const text = files.get(relative(name));
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => "/repo",
    getCompilationSettings: () => options,
    getDefaultLibFileName: () => "/lib.d.ts",
    fileExists: (name) => files.has(relative(name)),
    readFile: (name) => files.get(relative(name)),
    directoryExists: (name) => name === "/repo" || dirs.has(relative(name)) || (name.includes("node_modules") && isLinkFolder(relative(name))),
    realpath: (name) => (name.startsWith(ROOT) ? ROOT + relative(name) : name),
    getDirectories: () => [],
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const shown = new Map(patches.map((patch) => [patch.path, patch.hunks.map((hunk) => [hunk.newStart, hunk.newStart + hunk.newLines - 1] as const)]));
  const isShown = (path: string, line: number) => (shown.get(path) ?? []).some(([start, end]) => start <= line && line <= end);

  const found = new Map<string, UsedDefinition>();
  for (const patch of patches) {
    if (patch.status === "removed" || !TS_FILE.test(patch.path) || !files.has(patch.path)) continue;
    const added = new Set(patch.hunks.flatMap((hunk) => hunk.lines.filter((line) => line.kind === "add").map((line) => line.newLine!)));
    const source = service.getProgram()?.getSourceFile(ROOT + patch.path);
    if (!source) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        const start = node.getStart(source);
        const usedLine = source.getLineAndCharacterOfPosition(start).line + 1;
        if (added.has(usedLine)) {
          for (const definition of service.getDefinitionAtPosition(ROOT + patch.path, start) ?? []) {
            const path = relative(definition.fileName);
            const target = service.getProgram()?.getSourceFile(definition.fileName);
            // An import alias is where go-to-definition stops when the module is a package (not in the snapshot).
            if (!files.has(path) || !target || definition.kind === "alias" || (path === patch.path && definition.textSpan.start === start)) continue;
            const line = target.getLineAndCharacterOfPosition(definition.textSpan.start).line + 1;
            if (isNotNeeded(definition, target, path, patch.path)) continue;
            const key = `${path}:${line}:${node.text}`;
            const known = found.get(key);
            if (!known) found.set(key, { name: node.text, path, line, kind: definition.kind, usedIn: patch.path, usedLine, ...(isShown(path, line) ? { shown: true as const } : {}) });
            else if (known.usedIn === patch.path && known.usedLine !== usedLine && !known.alsoUsedAt?.includes(usedLine)) (known.alsoUsedAt ??= []).push(usedLine);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found.values()];
}

/**
 * What go-to-definition names that no reviewer reads: the whole module a namespace import names
 * (its "definition" is line 1 of the file; the members used through it are counted one by one), and
 * a test file's augmentation of a module (`declare module "pkg" { interface X { … } }`), which
 * TypeScript lists beside the real declaration for every use of `X` anywhere.
 */
function isNotNeeded(definition: ts.DefinitionInfo, target: ts.SourceFile, path: string, usedIn: string): boolean {
  if (definition.kind === ts.ScriptElementKind.moduleElement && definition.textSpan.start === 0) return true;
  if (!isTestPath(path) || path === usedIn) return false;
  for (let node: ts.Node | undefined = findNode(target, definition.textSpan.start); node; node = node.parent) {
    if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) return true;
  }
  return false;
}

function findNode(source: ts.SourceFile, position: number): ts.Node | undefined {
  const inside = (node: ts.Node): ts.Node | undefined => (node.getStart(source) <= position && position < node.getEnd() ? (ts.forEachChild(node, inside) ?? node) : undefined);
  return ts.forEachChild(source, inside);
}

/** The root tsconfig's options (following `extends` inside the snapshot), without the standard library or ambient types. */
function readCompilerOptions(files: ReadonlyMap<string, string>): ts.CompilerOptions {
  const fallback: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const text = files.get("tsconfig.json");
  const parsed = text === undefined ? undefined : ts.parseConfigFileTextToJson(`${ROOT}tsconfig.json`, text).config;
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: () => [],
    fileExists: (name) => files.has(name.startsWith(ROOT) ? name.slice(ROOT.length) : name),
    readFile: (name) => files.get(name.startsWith(ROOT) ? name.slice(ROOT.length) : name),
  };
  const options = parsed === undefined ? fallback : { ...fallback, ...ts.parseJsonConfigFileContent(parsed, host, "/repo").options };
  return { ...options, noLib: true, types: [], skipLibCheck: true, allowJs: true, checkJs: false, noEmit: true };
}
