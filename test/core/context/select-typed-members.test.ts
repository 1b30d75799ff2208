import { beforeAll, describe, expect, it } from "@jest/globals";
import { createRepoSnapshot } from "../../../src/core/context/repo-snapshot.js";
import { selectRelatedCode } from "../../../src/core/context/select-related-code.js";
import { rankCandidates } from "../../../src/core/context/rank-candidates.js";
import { GUESSED, type ContextCandidate, type RelatedSnippet, type SyntaxService } from "../../../src/core/context/types.js";
import { parsePatch } from "../../../src/core/diff/parse-patch.js";
import type { FilePatch } from "../../../src/core/types.js";
import { loadSyntaxService } from "../../../src/syntax/load-parsers.js";

// TypeScript whose types come from somewhere the changed line does not name: a factory's declared
// return type, a namespace re-exported through barrels, the parameter an object literal is passed
// to. Each scenario is a few small files written here; each has a same-named decoy that must not be chosen.

let syntax: SyntaxService;

beforeAll(async () => {
  syntax = await loadSyntaxService();
});

const lines = (text: readonly string[]) => `${text.join("\n")}\n`;
const covers = (snippets: readonly RelatedSnippet[], path: string, line: number) => snippets.some((s) => s.path === path && s.startLine <= line && line <= s.endLine);

/** Selects for a change that rewrites the given lines of `path` (1-based) to their head text. */
function select(files: ReadonlyMap<string, string>, path: string, changed: readonly number[]): RelatedSnippet[] {
  const head = files.get(path)!.split("\n");
  const patches: FilePatch[] = changed.map((line) => parsePatch({ path, status: "modified", additions: 1, deletions: 1, patch: `@@ -${line},1 +${line},1 @@\n-  old();\n+${head[line - 1]}` }));
  const merged: FilePatch = { ...patches[0]!, hunks: patches.flatMap((patch) => patch.hunks) };
  return selectRelatedCode({ patches: [merged], repo: createRepoSnapshot(files), syntax }).snippets;
}

// A client made by a factory whose return type is declared, as `ky` is.
const client = new Map([
  [
    "src/types.ts",
    lines([
      "export interface RetryOptions {", // 1
      "  limit?: number;", // 2
      "}", // 3
      "export interface Options {", // 4
      "  timeout?: number;", // 5
      "  retry?: RetryOptions;", // 6
      "}", // 7
      "export interface Client {", // 8
      "  (url: string, options?: Options): Promise<string>;", // 9
      "  extend: (options: Options) => Client;", // 10
      "}", // 11
    ]),
  ],
  [
    "src/index.ts",
    lines([
      'import type { Client, Options } from "./types.js";', // 1
      "const createClient = (defaults?: Options): Client => {", // 2
      "  const call = (url: string) => Promise.resolve(url);", // 3
      "  return Object.assign(call, { extend: (options: Options) => createClient(options) });", // 4
      "};", // 5
      "const client = createClient();", // 6
      "export default client;", // 7
    ]),
  ],
  // Decoys: same-named members of an unrelated type, and a test's own object with a `timeout` key.
  ["src/server.ts", lines(["export class Server {", "  timeout = 5;", "  limit = 1;", "  extend(): void {", "    return;", "  }", "}"])],
]);

describe("members typed by what TypeScript would infer from declarations", () => {
  it("resolves `client.extend` through the factory's declared return type (`createClient(): Client`), not to a same-named member elsewhere", () => {
    const files = new Map([
      ...client,
      ["src/app.ts", lines(['import client from "./index.js";', "", "export const api = client.extend({});"])],
    ]);
    const snippets = select(files, "src/app.ts", [3]);
    expect(covers(snippets, "src/types.ts", 10)).toBe(true);
    expect(covers(snippets, "src/server.ts", 4)).toBe(false);
  });

  it("resolves a member of a local made by a factory (`const s = make(); s.extend()`)", () => {
    const files = new Map([
      ...client,
      ["src/make.ts", lines(['import type { Client } from "./types.js";', "export function make(): Client {", "  return undefined as unknown as Client;", "}"])],
      ["src/use.ts", lines(['import { make } from "./make.js";', "", "export function run(): void {", "  const s = make();", "  s.extend({});", "}"])],
    ]);
    const snippets = select(files, "src/use.ts", [5]);
    expect(covers(snippets, "src/types.ts", 10)).toBe(true);
    expect(covers(snippets, "src/server.ts", 4)).toBe(false);
  });

  it("resolves option-object keys to the callee's parameter type, nested keys through their property types, never to a same-named field elsewhere", () => {
    const files = new Map([
      ...client,
      [
        "src/fetch-user.ts",
        lines([
          'import client from "./index.js";', // 1
          "", // 2
          "export async function fetchUser(): Promise<string> {", // 3
          '  return client("/user", {', // 4
          "    timeout: 10,", // 5
          "    retry: {", // 6
          "      limit: 2,", // 7
          "    },", // 8
          "  });", // 9
          "}", // 10
        ]),
      ],
    ]);
    const snippets = select(files, "src/fetch-user.ts", [4, 5, 7]);
    // `client(…)` itself: the call signature of the type `createClient` declares it returns.
    expect(covers(snippets, "src/types.ts", 9)).toBe(true);
    expect(covers(snippets, "src/types.ts", 5)).toBe(true);
    expect(covers(snippets, "src/types.ts", 2)).toBe(true);
    expect(covers(snippets, "src/server.ts", 2)).toBe(false);
    expect(covers(snippets, "src/server.ts", 3)).toBe(false);
  });

  it("follows a namespace through barrels: `import { z }` of a module that does `import * as z …; export { z }`, `export * as core from`, and a local `export { _enum as enum }`", () => {
    const files = new Map([
      ["src/schemas.ts", lines(["export function object(shape: unknown): unknown {", "  return shape;", "}", "function _enum(values: string[]): string[] {", "  return values;", "}", "export { _enum as enum };"])],
      ["src/core/config.ts", lines(["export function config(value: boolean): boolean {", "  return value;", "}"])],
      ["src/core/index.ts", lines(['export * from "./config.js";'])],
      ["src/external.ts", lines(['export * from "./schemas.js";', 'export * as core from "./core/index.js";'])],
      ["src/index.ts", lines(['import * as z from "./external.js";', "export { z };"])],
      // A decoy `object` and `config` that the barrels do not lead to.
      ["src/legacy.ts", lines(["export function object(): null {", "  return null;", "}", "export function config(): null {", "  return null;", "}"])],
      ["src/use.ts", lines(['import { z } from "./index.js";', "", "export const user = z.object({});", "export const on = z.core.config(true);", 'export const kinds = z.enum(["a"]);'])],
    ]);
    const snippets = select(files, "src/use.ts", [3, 4, 5]);
    expect(covers(snippets, "src/schemas.ts", 1)).toBe(true);
    // Exported under another name: `export { _enum as enum }`.
    expect(covers(snippets, "src/schemas.ts", 4)).toBe(true);
    expect(covers(snippets, "src/core/config.ts", 1)).toBe(true);
    expect(covers(snippets, "src/legacy.ts", 1)).toBe(false);
    expect(covers(snippets, "src/legacy.ts", 4)).toBe(false);
  });

  it("brings the constructor a `new` expression calls, beside its class", () => {
    const body = Array.from({ length: 50 }, (_, at) => `  step${at}(): number {\n    return ${at};\n  }`);
    const files = new Map([
      ["src/timeout-error.ts", lines(["export class TimeoutError extends Error {", ...body, "  constructor(readonly ms: number) {", "    super(`timed out after ${ms}`);", "  }", "}"])],
      ["src/wait.ts", lines(['import { TimeoutError } from "./timeout-error.js";', "", "export function fail(ms: number): never {", "  throw new TimeoutError(ms);", "}"])],
    ]);
    const snippets = select(files, "src/wait.ts", [4]);
    expect(covers(snippets, "src/timeout-error.ts", 152)).toBe(true);
  });

  it("resolves `this.client` to the base class's field, not to a key of a parameter's type literal inside the subclass's constructor", () => {
    const files = new Map([
      [
        "src/sdk.ts",
        lines([
          "class BaseClient {", // 1
          "  protected client: string = '';", // 2
          "}", // 3
          "export class Sdk extends BaseClient {", // 4
          "  constructor(args?: {", // 5
          "    client?: string;", // 6
          "  }) {", // 7
          "    super();", // 8
          "  }", // 9
          "  hello(): string {", // 10
          "    return this.client;", // 11
          "  }", // 12
          "}", // 13
        ]),
      ],
    ]);
    const snippets = select(files, "src/sdk.ts", [11]);
    expect(covers(snippets, "src/sdk.ts", 2)).toBe(true);
    expect(snippets.filter((s) => s.path === "src/sdk.ts" && s.startLine <= 6 && 6 <= s.endLine && s.reason.includes("`client`"))).toEqual([]);
  });

  it("types a call chain call by call (`s.string().url().describe(…).nullable().unwrap()`): declared return types, `this`, bases with nested type arguments, never a same-named member elsewhere", () => {
    const files = new Map([
      [
        "src/schemas.ts",
        lines([
          "export interface Base<T extends Inner<unknown> = Inner<unknown>>", // 1
          "  extends Root<T> {", // 2
          "  nullable(): Nullable;", // 3
          "}", // 4
          "export interface Root<T> {", // 5
          "  describe(text: string): this;", // 6
          "}", // 7
          "export interface Str extends Base<Inner<string>> {", // 8
          "  url(): this;", // 9
          "}", // 10
          "export interface Nullable {", // 11
          "  unwrap(): Str;", // 12
          "}", // 13
          "export interface Inner<T> { value: T }", // 14
          "export function string(): Str {", // 15
          "  return undefined as never;", // 16
          "}", // 17
        ]),
      ],
      ["src/index.ts", lines(['export * from "./schemas.js";'])],
      ["src/link.ts", lines(["export class Link {", "  url(): string { return ''; }", "  describe(): string { return ''; }", "  nullable(): null { return null; }", "  unwrap(): void {}", "}"])],
      ["src/use.ts", lines(['import * as s from "./index.js";', 'import { Link } from "./link.js";', 'export const a = s.string().url().describe("x").nullable().unwrap();', "export const b = new Link();"])],
    ]);
    const snippets = select(files, "src/use.ts", [3]);
    for (const line of [15, 9, 6, 3, 12]) expect(covers(snippets, "src/schemas.ts", line)).toBe(true);
    expect(snippets.filter((s) => s.path === "src/link.ts")).toEqual([]);
  });

  it("takes an imported name for the module's top-level definition, never a same-named method, object literal key or function local of that module", () => {
    const files = new Map([
      [
        "src/schemas.ts",
        lines([
          "export interface Schema {", // 1
          "  array(): Schema[];", // 2
          "}", // 3
          "const proto = {", // 4
          "  array() {", // 5
          "    return [];", // 6
          "  },", // 7
          "};", // 8
          "export function array(item: Schema): Schema[] {", // 9
          "  return [item, proto];", // 10
          "}", // 11
          "const make = () => {", // 12
          "  const client = { get: () => 1 };", // 13
          "  return client;", // 14
          "};", // 15
          "export const client = make();", // 16
        ]),
      ],
      ["src/use.ts", lines(['import * as z from "./schemas.js";', 'import { client } from "./schemas.js";', "export const list = z.array(undefined as never);", "export const c = client;"])],
    ]);
    const snippets = select(files, "src/use.ts", [3, 4]);
    expect(covers(snippets, "src/schemas.ts", 9)).toBe(true);
    expect(covers(snippets, "src/schemas.ts", 16)).toBe(true);
    const chosenFor = (name: string) => snippets.filter((s) => s.path === "src/schemas.ts" && s.reason.includes(`\`${name}\``));
    expect(chosenFor("array").filter((s) => s.startLine <= 5)).toEqual([]);
    expect(chosenFor("client").filter((s) => s.startLine <= 13 && 13 <= s.endLine)).toEqual([]);
  });

  it("takes a bare name for a variable, never for an object literal's method of the same name", () => {
    const files = new Map([
      [
        "test/count.test.ts",
        lines([
          "const server = {", // 1
          "  requestCount() {", // 2
          "    return 0;", // 3
          "  },", // 4
          "};", // 5
          "export function check(requestCount: number): boolean {", // 6
          "  return requestCount > server.requestCount();", // 7
          "}", // 8
        ]),
      ],
    ]);
    const snippets = select(files, "test/count.test.ts", [7]);
    // `server.requestCount()` is the method (a member of `server`); the bare `requestCount` is the parameter, shown with its function.
    expect(covers(snippets, "test/count.test.ts", 2)).toBe(true);
    expect(snippets.filter((s) => s.reason.includes("`requestCount` used"))).toEqual([]);
  });

  // Types that come through a declaration's other parts: a destructured value, an annotation, a dotted receiver, a union alias, an arrow's body.
  const ports = [
    "src/ports.ts",
    lines([
      "export interface Logger {", // 1
      "  info(message: string): void;", // 2
      "}", // 3
      "export interface Deps {", // 4
      "  log: Logger;", // 5
      "  client: Client;", // 6
      "}", // 7
      "export interface Client {", // 8
      "  send(request: Request): Promise<Outcome>;", // 9
      "}", // 10
      "export interface Request {", // 11
      "  body: string;", // 12
      "  timeout?: number;", // 13
      "}", // 14
      "export type Outcome = Sent | Failed;", // 15
      "export type Sent = { sent: true; id: string };", // 16
      "export type Failed = { sent: false; reason: string };", // 17
      "export interface Parsed {", // 18
      "  config: Request;", // 19
      "  problems: string[];", // 20
      "}", // 21
      "export function parse(text: string): Parsed {", // 22
      "  return { config: { body: text }, problems: [] };", // 23
      "}", // 24
      "export function createClient(): Client {", // 25
      "  return { send: async () => ({ sent: true, id: '1' }) };", // 26
      "}", // 27
    ]),
  ] as const;
  // Decoys near the changed file: same-named members of types it does not use.
  const decoys = ["src/other.ts", lines(["export class Other {", "  info = 1;", "  body = '';", "  timeout = 2;", "  config = 3;", "  sent = 4;", "  reason = '';", "  list(): void {}", "}"])] as const;

  it("types keys and members through what declares them: destructuring a call's result, an annotation, a destructured parameter, a dotted receiver, a method call's argument on it, a shorthand key, a union alias, an arrow's body", () => {
    const files = new Map([
      ports,
      decoys,
      [
        "src/use.ts",
        lines([
          'import { createClient, parse, type Deps, type Request } from "./ports.js";', // 1
          "export async function run(deps: Deps, text: string, timeout: number): Promise<string> {", // 2
          "  const { config, problems } = parse(text);", // 3
          "  const request: Request = { body: text };", // 4
          "  deps.log.info(problems.join());", // 5
          "  const outcome = await deps.client.send({ body: config.body, timeout });", // 6
          "  const client = () => createClient();", // 7
          "  await client().send(request);", // 8
          "  return outcome.sent ? 'ok' : outcome.reason;", // 9
          "}", // 10
          "export const limit = ({ timeout }: Request) => timeout;", // 11
        ]),
      ],
    ]);
    const snippets = select(files, "src/use.ts", [3, 4, 5, 6, 8, 9, 11]);
    // config, problems (3); body (4); log, info (5); client, send, body, timeout (6); send (8); sent, reason (9); timeout (11).
    for (const line of [19, 20, 12, 5, 2, 6, 9, 13, 16, 17]) expect([line, covers(snippets, "src/ports.ts", line)]).toEqual([line, true]);
    expect(snippets.filter((s) => s.path === "src/other.ts")).toEqual([]);
  });

  it("guesses a member of an untyped receiver only when one definition of that name is near, and ranks the guess below every resolved candidate", () => {
    const files = new Map([
      ports,
      decoys,
      ["src/more.ts", lines(["export class More {", "  info = 2;", "}"])],
      ["src/use.ts", lines(['import "./other.js";', 'import "./more.js";', "export function run(thing: any, logger: any): void {", "  thing.list();", "  logger.info('x');", "}"])],
    ]);
    const snippets = select(files, "src/use.ts", [4, 5]);
    // `list` is defined once near the file: a guess; `info` twice (other.ts, more.ts): none.
    expect(snippets.filter((s) => s.reason.includes("`list`")).map((s) => s.path)).toEqual(["src/other.ts"]);
    expect(snippets.filter((s) => s.reason.includes("`info`"))).toEqual([]);
    // Ranked after every resolved candidate, callers and tests included.
    const candidate = (relation: ContextCandidate["relation"], confidence: number): ContextCandidate => ({ path: `${relation}.ts`, startLine: 1, endLine: 1, relation, reason: relation, forTest: false, distance: 1, confidence, specificity: 0 });
    expect(rankCandidates([candidate("definition", GUESSED), candidate("test", 1), candidate("caller", 2)]).map((c) => c.relation)).toEqual(["caller", "test", "definition"]);
  });

  it("takes a bare name for the declaration in scope: a test's own `const fetch`, not another test's", () => {
    const files = new Map([
      [
        "test/hooks.test.ts",
        lines([
          'test("first", async () => {', // 1
          "  const fetch = async () => 1;", // 2
          "  await fetch();", // 3
          "});", // 4
          'test("second", async () => {', // 5
          "  const fetch = async () => 2;", // 6
          "  await use({ fetch });", // 7
          "});", // 8
          "function use(options: { fetch: () => Promise<number> }): void {", // 9
          "  void options;", // 10
          "}", // 11
        ]),
      ],
    ]);
    const snippets = select(files, "test/hooks.test.ts", [7]);
    expect(snippets.filter((s) => s.reason.includes("`fetch`") && s.startLine <= 2 && 2 <= s.endLine)).toEqual([]);
  });
});
