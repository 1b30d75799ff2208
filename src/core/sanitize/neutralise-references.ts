/** Zero-width space: invisible, and it breaks GitHub's `@mention`, `#123` and keyword patterns. */
export const ZERO_WIDTH_SPACE = "\u200B";

// `@login` and `@org/team` notify unless a letter or digit precedes the `@` (an e-mail address).
// `_` counts as nothing: as an emphasis delimiter it vanishes and the `@` starts a text node.
const MENTION = /(^|[^A-Za-z0-9])@(?=[A-Za-z0-9]|$)/g;
// `#12`, `owner/repo#12` and `GH-12` link issues and pull requests, and leave a trace in them.
const ISSUE_REF = /#(?=\d|$)/g;
const GH_REF = /(?<![A-Za-z0-9])(GH-)(?=\d|$)/gi;
// "fixes #12" and friends; `$` covers a reference that follows in the next piece (a link, say).
const CLOSING_KEYWORD = /\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(?=:?[ \t]+(?:[\w.-]+\/[\w.-]+)?(?:#|GH-)|:?[ \t]*$)/gi;

/**
 * Inserts a zero-width space after every `@` that could start a mention, every `#` or `GH-`
 * before a number, and every closing keyword before a reference, so that GitHub notifies nobody,
 * links no issue and closes none. The text still reads the same.
 */
export function neutraliseReferences(text: string): string {
  return text
    .replace(MENTION, `$1@${ZERO_WIDTH_SPACE}`)
    .replace(ISSUE_REF, `#${ZERO_WIDTH_SPACE}`)
    .replace(GH_REF, `$1${ZERO_WIDTH_SPACE}`)
    .replace(CLOSING_KEYWORD, `$1${ZERO_WIDTH_SPACE}`);
}

/** Breaks our hidden-marker syntax inside code, where it is shown as text: a forged marker must not be found by `includes`. */
export function neutraliseMarkers(code: string): string {
  return code.replace(/<!--(?=\s*patchwise)/gi, `<!--${ZERO_WIDTH_SPACE}`);
}
