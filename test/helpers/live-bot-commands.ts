import { COMMAND_BOTS } from "../../src/core/sanitize/neutralise-bot-commands.js";

// What other bots would take as a command in a comment body, read the way they read it: the raw
// markdown (code spans and fences included), line by line, where a line may end at any break
// Python's `splitlines` knows. Written from the bots' own parsers, apart from Patchwise's
// neutraliser, so that a test can tell whether the neutraliser closes each bot's door. The logins
// are Patchwise's list: a test that finds a bot's command live before neutralising shows its
// login is on it.

const LINE_BREAK = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

const AT_LINE_START: Array<[string, RegExp]> = [
  // Prow: `(?mi)^/lgtm`, `^/approve`, `^/hold`...; also the Gemini and Qodo slash commands.
  ["slash command", /^\/[a-z0-9-]/i],
  // bors-ng: `^bors:?\s(.+)` with one of its commands.
  ["bors-ng", /^bors:?\s+(?:r[+=-]|[+-]r|merge|try|retry|delegate|d[+=]|p=|ping|single)/i],
];
const ANYWHERE: Array<[string, RegExp]> = [
  ["mention", new RegExp(`@(?:${COMMAND_BOTS.join("|")})(?![A-Za-z0-9-])`, "i")],
  ["bors-ng anywhere", /(?<![A-Za-z0-9_])bors:?\s+(?:r[+=-]|merge|try)/i],
];

/** Each live command in `body` as `kind: line`; empty when no bot would act on it. */
export function liveBotCommands(body: string): string[] {
  return body.split(LINE_BREAK).flatMap((line) => {
    const bare = stripMarkers(line);
    const found = [...AT_LINE_START.filter(([, pattern]) => pattern.test(bare)), ...ANYWHERE.filter(([, pattern]) => pattern.test(line))];
    return found.map(([kind]) => `${kind}: ${line}`);
  });
}

/** The text a reader sees: zero-width spaces do not show. */
export function visible(text: string): string {
  return text.replaceAll("\u200B", "");
}

// Whitespace, quote markers and list markers (`-`, `*`, `+`, `1.`, `1)`), which lenient bots skip.
function stripMarkers(line: string): string {
  let rest = line;
  for (;;) {
    const next = rest.replace(/^\s+/, "").replace(/^[>*+-]/, "").replace(/^\d+[.)]/, "");
    if (next === rest) return rest;
    rest = next;
  }
}
