/** How a string literal starts and ends, as far as telling code from text needs. */
export interface QuoteSyntax {
  delimiter: string;
  /** May span lines (template literals, Python triple quotes, Go raw strings). */
  multiline: boolean;
  /** A backslash escapes the next character. */
  escapes: boolean;
}

/** Just enough of a language's lexical rules to find brackets outside strings and comments. */
export interface CodeSyntax {
  /** Fence info string for a plain code block. */
  fence: string;
  lineComments: string[];
  blockComment: [string, string] | null;
  /** Longest delimiter first, so `"""` wins over `"`. */
  quotes: QuoteSyntax[];
  /** Leading whitespace changes the meaning (Python, YAML). */
  indentationMatters: boolean;
}

const single = (delimiter: string): QuoteSyntax => ({ delimiter, multiline: false, escapes: true });
const C_COMMENTS = { lineComments: ["//"], blockComment: ["/*", "*/"] as [string, string] };

const JS = { ...C_COMMENTS, quotes: [{ delimiter: "`", multiline: true, escapes: true }, single('"'), single("'")], indentationMatters: false };
const C_LIKE = { ...C_COMMENTS, quotes: [single('"'), single("'")], indentationMatters: false };
const GO = { ...C_COMMENTS, quotes: [{ delimiter: "`", multiline: true, escapes: false }, single('"'), single("'")], indentationMatters: false };
// `'` is left out: Rust lifetimes (`'a`) would read as unclosed character literals.
const RUST = { ...C_COMMENTS, quotes: [{ delimiter: '"', multiline: true, escapes: true }], indentationMatters: false };
const PYTHON = {
  lineComments: ["#"],
  blockComment: null,
  quotes: [{ delimiter: '"""', multiline: true, escapes: true }, { delimiter: "'''", multiline: true, escapes: true }, single('"'), single("'")],
  indentationMatters: true,
};
const HASH = { lineComments: ["#"], blockComment: null, quotes: [{ delimiter: '"', multiline: true, escapes: true }, { delimiter: "'", multiline: true, escapes: false }], indentationMatters: false };
// Unknown languages: brackets only; guessing at strings and comments would do more harm.
const PLAIN = { lineComments: [], blockComment: null, quotes: [], indentationMatters: false };

const BY_EXTENSION: Record<string, CodeSyntax> = {
  ts: { fence: "ts", ...JS },
  tsx: { fence: "tsx", ...JS },
  mts: { fence: "ts", ...JS },
  cts: { fence: "ts", ...JS },
  js: { fence: "js", ...JS },
  jsx: { fence: "jsx", ...JS },
  mjs: { fence: "js", ...JS },
  cjs: { fence: "js", ...JS },
  go: { fence: "go", ...GO },
  py: { fence: "python", ...PYTHON },
  pyi: { fence: "python", ...PYTHON },
  rs: { fence: "rust", ...RUST },
  java: { fence: "java", ...C_LIKE },
  kt: { fence: "kotlin", ...C_LIKE },
  swift: { fence: "swift", ...C_LIKE },
  c: { fence: "c", ...C_LIKE },
  h: { fence: "c", ...C_LIKE },
  cc: { fence: "cpp", ...C_LIKE },
  cpp: { fence: "cpp", ...C_LIKE },
  hpp: { fence: "cpp", ...C_LIKE },
  cs: { fence: "csharp", ...C_LIKE },
  scala: { fence: "scala", ...C_LIKE },
  dart: { fence: "dart", ...C_LIKE },
  rb: { fence: "ruby", ...HASH },
  sh: { fence: "sh", ...HASH },
  bash: { fence: "bash", ...HASH },
  yml: { fence: "yaml", ...PLAIN, indentationMatters: true },
  yaml: { fence: "yaml", ...PLAIN, indentationMatters: true },
};

/** The lexical rules for a file, by its extension; unknown files get brackets-only rules. */
export function codeSyntaxFor(path: string): CodeSyntax {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  return BY_EXTENSION[extension] ?? { fence: "", ...PLAIN };
}
