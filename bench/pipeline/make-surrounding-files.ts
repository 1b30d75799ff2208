import type { FakeFile } from "../../test/helpers/fake-github.js";

// The rest of a repository around a synthetic pull request: files the pull request does not
// change, about 4 KB each, in the changed files' languages. Some call the changed functions (the
// callers related-code search must find among all the others), all use common names (`logger`,
// `limit`, `rows`) so that searching by name has to read past many files that mention them.

const FUNCTIONS_PER_FILE = 8;
// One file in this many imports a changed file and calls one of its functions.
const CALLER_EVERY = 7;
const AREAS = ["billing", "accounts", "orders", "payments", "sessions", "reports", "customers", "shipping", "ledger", "hooks"];

interface Template {
  ext: string;
  header: (caller: ChangedFunction | undefined) => string[];
  body: (name: string, caller: ChangedFunction | undefined) => string[];
}

interface ChangedFunction {
  /** Module path as the importing language writes it. */
  module: string;
  name: string;
}

const TEMPLATES: Template[] = [
  {
    ext: "ts",
    header: (caller) => ['import { logger } from "../../lib/logger";', ...(caller ? [`import { ${caller.name} } from "../../../${caller.module}";`] : []), ""],
    body: (name, caller) => [
      `export interface ${name}Options {`,
      "  limit?: number;",
      "  cursor?: string;",
      "}",
      "",
      `export async function ${name}(db: Db, id: string, options: ${name}Options = {}): Promise<Row[]> {`,
      "  const limit = Math.min(options.limit ?? 50, 500);",
      "  const rows = await db.query<Row>(SQL, [id, limit, options.cursor ?? null]);",
      `  logger.debug({ id, limit, rows: rows.length }, "${name}");`,
      ...(caller ? [`  const related = await ${caller.name}(id, { limit });`, "  return [...rows, ...(related ?? [])];"] : ["  return rows.filter((row) => row.deletedAt === null);"]),
      "}",
      "",
    ],
  },
  {
    ext: "py",
    header: (caller) => ["import logging", ...(caller ? [`from ${caller.module.replaceAll("/", ".")} import ${caller.name}`] : []), "", "log = logging.getLogger(__name__)", ""],
    body: (name, caller) => [
      `async def ${name}(db, record_id: str, options: dict | None = None) -> list[dict]:`,
      "    options = options or {}",
      '    limit = min(options.get("limit", 50), 500)',
      "    rows = await db.fetch(QUERY, record_id, limit)",
      `    log.debug("${name}", extra={"id": record_id, "rows": len(rows)})`,
      ...(caller ? [`    related = await ${caller.name}(record_id, {"limit": limit})`, "    return rows + (related or [])"] : ["    return [row for row in rows if row.get(\"deleted_at\") is None]"]),
      "",
      "",
    ],
  },
  {
    ext: "go",
    header: () => ["package store", "", 'import "context"', ""],
    body: (name, caller) => [
      `// ${name} lists the rows of one record, at most limit of them.`,
      `func (s *Store) ${name}(ctx context.Context, id string, limit int) ([]Row, error) {`,
      "\tif limit <= 0 || limit > 500 {",
      "\t\tlimit = 50",
      "\t}",
      "\trows, err := s.query(ctx, id, limit)",
      "\tif err != nil {",
      "\t\treturn nil, err",
      "\t}",
      ...(caller ? [`\tif _, err := s.${caller.name}(ctx, id, Options{Limit: limit}); err != nil {`, "\t\treturn nil, err", "\t}"] : []),
      "\treturn rows, nil",
      "}",
      "",
    ],
  },
];

/**
 * `count` unchanged files around the pull request's `changed` files, the same for the same
 * arguments, as path → text. Callers are spread over the changed files of each language.
 */
export function makeSurroundingFiles(count: number, changed: readonly FakeFile[]): Record<string, string> {
  const callable = new Map(TEMPLATES.map((template) => [template.ext, changedFunctions(changed, template.ext)]));
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const template = TEMPLATES[index % TEMPLATES.length]!;
    const targets = callable.get(template.ext) ?? [];
    const caller = index % CALLER_EVERY === 0 && targets.length > 0 ? targets[Math.floor(index / CALLER_EVERY) % targets.length] : undefined;
    const area = AREAS[Math.floor(index / TEMPLATES.length) % AREAS.length]!;
    const stem = `${area}${Math.floor(index / (TEMPLATES.length * AREAS.length))}`;
    const lines = [...template.header(caller)];
    for (let fn = 0; fn < FUNCTIONS_PER_FILE; fn++) lines.push(...template.body(`${template.ext === "py" ? "list" : "List"}${capitalise(stem)}Page${fn}`, fn === 0 ? caller : undefined));
    files[`${template.ext === "go" ? "internal" : template.ext === "py" ? "app" : "src"}/modules/${area}/${stem}.${template.ext}`] = lines.join("\n");
  }
  return files;
}

// The first function of each changed file of a language, named as make-synthetic-files names it.
function changedFunctions(changed: readonly FakeFile[], ext: string): ChangedFunction[] {
  const found: ChangedFunction[] = [];
  for (const file of changed) {
    if (!file.filename.endsWith(`.${ext}`) || file.patch === undefined) continue;
    const name = /(?:function |def |func \(s \*Store\) )(\w+)/.exec(file.patch)?.[1];
    if (name) found.push({ module: file.filename.slice(0, -(ext.length + 1)), name });
  }
  return found;
}

function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
