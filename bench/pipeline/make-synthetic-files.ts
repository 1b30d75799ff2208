import type { FakeFile } from "../../test/helpers/fake-github.js";

// Changed files of a synthetic pull request, as GitHub's `pulls.listFiles` returns them: mostly
// TypeScript, Python and Go files changed in several hunks, a new file now and then, and the
// files a reviewer is spared (lock files, binaries), so the filter has work to do.

interface Language {
  dir: string;
  ext: string;
  /** Lines of a function body around the change, with `NAME` standing for the file's subject. */
  context: string[];
  removed: string[];
  added: string[];
  /** What GitHub prints after the hunk header: the enclosing function. */
  scope: (name: string, hunk: number) => string;
}

const LANGUAGES: Language[] = [
  {
    dir: "src/services",
    ext: "ts",
    context: ["  const started = Date.now();", "  const rows = await db.query<NAMERow>(sql, [id]);", "  if (rows.length === 0) return null;", "  return rows.map(toNAME);", "}"],
    removed: ["  const limit = options.limit || 50;", "  logger.info(`loading NAME ${id}`);"],
    added: ["  const limit = options.limit ?? DEFAULT_LIMIT;", "  if (limit > MAX_LIMIT) throw new RangeError(`limit must be at most ${MAX_LIMIT}`);", "  logger.debug({ id, limit }, \"loading NAME\");", "  const cached = cache.get(id);"],
    scope: (name, hunk) => `export async function load${capitalise(name)}${hunk}(id: string, options: LoadOptions = {}) {`,
  },
  {
    dir: "app/handlers",
    ext: "py",
    context: ["    started = time.monotonic()", "    rows = await db.fetch(QUERY, record_id)", "    if not rows:", "        return None", "    return [to_NAME(row) for row in rows]"],
    removed: ["    limit = options.get(\"limit\") or 50", "    log.info(\"loading NAME %s\", record_id)"],
    added: ["    limit = options.get(\"limit\", DEFAULT_LIMIT)", "    if limit > MAX_LIMIT:", "        raise ValueError(f\"limit must be at most {MAX_LIMIT}\")", "    log.debug(\"loading NAME\", extra={\"id\": record_id})"],
    scope: (name, hunk) => `async def load_${name}_${hunk}(record_id: str, options: dict) -> list[NAME]:`,
  },
  {
    dir: "internal/store",
    ext: "go",
    context: ["\tstarted := time.Now()", "\trows, err := s.db.QueryContext(ctx, query, id)", "\tif err != nil {", "\t\treturn nil, fmt.Errorf(\"query NAME: %w\", err)", "\t}"],
    removed: ["\tlimit := opts.Limit", "\tlog.Printf(\"loading NAME %s\", id)"],
    added: ["\tlimit := opts.Limit", "\tif limit == 0 {", "\t\tlimit = defaultLimit", "\t}", "\ts.log.Debug(\"loading NAME\", \"id\", id)"],
    scope: (name, hunk) => `func (s *Store) Load${capitalise(name)}${hunk}(ctx context.Context, id string, opts Options) ([]NAME, error) {`,
  },
];

const SUBJECTS = ["invoice", "account", "order", "payment", "session", "report", "customer", "shipment", "ledger", "webhook"];
const LOCK_FILES = ["package-lock.json", "go.sum", "poetry.lock", "pnpm-lock.yaml"];
const HUNKS_PER_FILE = 4;
const LINES_BETWEEN_HUNKS = 40;
const ADDED_FILE_LINES = 30;

/**
 * `count` changed files, the same for the same count. Every pull request has at least one lock
 * file and one binary; larger ones have one of each per 25 and 50 files.
 */
export function makeSyntheticFiles(count: number): FakeFile[] {
  return Array.from({ length: count }, (_, index) => {
    if (index === count - 1 || index % 50 === 49) return binaryFile(index);
    if (index === count - 2 || index % 25 === 24) return lockFile(index);
    const language = LANGUAGES[index % LANGUAGES.length] as Language;
    const subject = SUBJECTS[index % SUBJECTS.length] as string;
    const path = `${language.dir}/${subject}-${index}.${language.ext}`;
    return index % 11 === 10 ? addedFile(path, language, subject) : modifiedFile(path, language, subject, index);
  });
}

function modifiedFile(path: string, language: Language, subject: string, index: number): FakeFile {
  const hunks: string[] = [];
  let shift = 0;
  let additions = 0;
  let deletions = 0;
  for (let hunk = 0; hunk < HUNKS_PER_FILE; hunk++) {
    // Vary the size of each change so files are not all alike.
    const removed = language.removed.slice(0, 1 + ((index + hunk) % language.removed.length));
    const added = language.added.slice(0, 1 + ((index * 3 + hunk) % language.added.length));
    const before = language.context.slice(0, 2);
    const after = language.context.slice(2);
    const oldStart = 12 + hunk * LINES_BETWEEN_HUNKS;
    const oldLines = before.length + removed.length + after.length;
    const newLines = before.length + added.length + after.length;
    hunks.push(
      `@@ -${oldStart},${oldLines} +${oldStart + shift},${newLines} @@ ${language.scope(subject, hunk)}`,
      ...before.map((line) => ` ${line}`),
      ...removed.map((line) => `-${line}`),
      ...added.map((line) => `+${line}`),
      ...after.map((line) => ` ${line}`),
    );
    shift += added.length - removed.length;
    additions += added.length;
    deletions += removed.length;
  }
  return { filename: path, status: "modified", additions, deletions, patch: named(hunks, subject).join("\n") };
}

function addedFile(path: string, language: Language, subject: string): FakeFile {
  const body = Array.from({ length: ADDED_FILE_LINES }, (_, line) => {
    const source = [...language.added, ...language.context];
    return source[line % source.length] as string;
  });
  const lines = [language.scope(subject, 0), ...body];
  return { filename: path, status: "added", additions: lines.length, deletions: 0, patch: named([`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)], subject).join("\n") };
}

function lockFile(index: number): FakeFile {
  const name = LOCK_FILES[index % LOCK_FILES.length] as string;
  const lines = Array.from({ length: 24 }, (_, line) => `    "node_modules/pkg-${index}-${line}": { "version": "1.${line}.0", "integrity": "sha512-${"x".repeat(40)}" },`);
  const patch = [`@@ -100,12 +100,12 @@`, ...lines.slice(0, 12).map((line) => `-${line}`), ...lines.slice(12).map((line) => `+${line}`)].join("\n");
  return { filename: `services/svc-${index}/${name}`, status: "modified", additions: 12, deletions: 12, patch };
}

// GitHub sends no patch for a binary file.
function binaryFile(index: number): FakeFile {
  return { filename: `assets/img/banner-${index}.png`, status: "added", additions: 0, deletions: 0 };
}

function named(lines: string[], subject: string): string[] {
  return lines.map((line) => line.replaceAll("NAME", capitalise(subject)));
}

function capitalise(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
