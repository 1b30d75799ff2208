import { describe, expect, it } from "@jest/globals";
import { describeConfigProblem } from "../../../src/core/config/describe-config-problem.js";
import { parseRepoConfig } from "../../../src/core/config/parse-repo-config.js";
import { DEFAULT_REPO_CONFIG, ON_INVALID, type ConfigKey, type RepoConfig } from "../../../src/core/config/repo-config-schema.js";

// Every setting both ways: a valid value applies; an invalid one is reported and either stops the
// review (it decides what is sent to the model, or where) or falls back to its default.
const SETTINGS: Array<[key: ConfigKey, valid: unknown, invalid: unknown, onInvalid: "stop" | "default"]> = [
  ["model", "gpt-4.1-mini", "", "stop"],
  ["modelLight", "gpt-4.1-nano", "", "stop"],
  ["autoReview", false, "no", "stop"],
  ["drafts", true, "yes", "default"],
  ["include", ["dist/schema.sql"], "dist/schema.sql", "stop"],
  ["exclude", ["private/**"], "private/**", "stop"],
  ["maxComments", 3, 51, "default"],
  ["minSeverity", "major", "high", "default"],
  ["failOn", "critical", "blocker", "default"],
  ["excludeCategories", ["style"], ["styling"], "default"],
  ["minConfidence", 0.8, 2, "default"],
  ["verify", true, "on", "default"],
  ["verifyThreshold", 0.7, -1, "default"],
  ["instructions", "Prefer Result types.", "x".repeat(4001), "stop"],
  ["describe", "auto", "always", "default"],
  ["language", "pt-BR", "Portuguese please", "default"],
  ["instructionFiles", false, "no", "stop"],
  ["relatedCodeLines", 0, 5001, "stop"],
  ["contextWindow", 64_000, 100, "stop"],
  ["requestTokens", 16_000, 1_000, "stop"],
  ["limits.maxFiles", 50, 0, "stop"],
  ["limits.maxChangedLines", 1_000, 1.5, "stop"],
  ["limits.maxReviewTokens", 200_000, 10, "stop"],
  ["limits.maxReviewCostUsd", 0.5, -1, "stop"],
  ["commands.allowAuthor", true, "sometimes", "default"],
  ["commands.replyToRefused", "never", "quietly", "default"],
];

/** `{ limits: { maxFiles: 50 } }` for `limits.maxFiles`. */
function configWith(key: string, value: unknown): Record<string, unknown> {
  const [head, field] = key.split(".") as [string, string | undefined];
  return field === undefined ? { [head]: value } : { [head]: { [field]: value } };
}

function valueAt(config: RepoConfig, key: string): unknown {
  return key.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], config);
}

// A second setting in the same file, which must apply whatever happens to the first.
const NEIGHBOUR = { key: "exclude", value: ["private/**"] };
const neighbourOf = (key: string) => (key === "exclude" ? { key: "maxComments", value: 4 } : NEIGHBOUR);

describe("parseRepoConfig, key by key", () => {
  it("covers every setting of the schema", () => {
    expect(SETTINGS.map(([key]) => key).sort()).toEqual(Object.keys(ON_INVALID).sort());
  });

  it.each(SETTINGS)("%s: a valid value applies", (key, valid) => {
    const { config, problems } = parseRepoConfig(configWith(key, valid));
    expect(problems).toEqual([]);
    expect(valueAt(config, key)).toEqual(valid);
  });

  it.each(SETTINGS.map(([key, valid, invalid, onInvalid]) => [key, onInvalid === "stop" ? "stops the review" : "falls back to its default", valid, invalid, onInvalid] as const))("%s: an invalid value is reported and %s, while the other keys apply", (key, _effect, _valid, invalid, onInvalid) => {
    const neighbour = neighbourOf(key);
    const raw = { ...configWith(neighbour.key, neighbour.value), ...configWith(key, invalid) };

    const { config, problems } = parseRepoConfig(raw);

    expect(problems).toEqual([{ key, message: expect.stringMatching(new RegExp(`^\`${key.replace(".", "\\.")}(\\[\\d+\\])?\`: `)), outcome: onInvalid }]);
    expect(valueAt(config, key)).toEqual(valueAt(DEFAULT_REPO_CONFIG, key));
    expect(valueAt(config, neighbour.key)).toEqual(neighbour.value);
  });

  it("keeps the valid fields of a section beside an invalid one", () => {
    const { config, problems } = parseRepoConfig({ limits: { maxFiles: 50, maxChangedLines: 0 }, commands: { allowAuthor: true, replyToRefused: "loudly" } });
    expect(config.limits).toEqual({ maxFiles: 50 });
    expect(config.commands).toEqual({ allowAuthor: true, replyToRefused: "always" });
    expect(problems.map(({ key, outcome }) => [key, outcome])).toEqual([
      ["limits.maxChangedLines", "stop"],
      ["commands.replyToRefused", "default"],
    ]);
  });

  it.each([
    ["limits", 5, "stop"],
    ["commands", "yes", "default"],
  ])("%s that is not a mapping is reported as a whole", (key, value, outcome) => {
    const { config, problems } = parseRepoConfig({ [key]: value, maxComments: 2 });
    expect(problems).toEqual([{ key, message: expect.stringMatching(new RegExp(`^\`${key}\` must be a mapping of `)), outcome }]);
    expect(config.maxComments).toBe(2);
  });

  it.each([[[]], ["maxComments: 3"], [42]])("a file that is not a mapping (%j) stops the review", (raw) => {
    expect(parseRepoConfig(raw)).toEqual({ config: DEFAULT_REPO_CONFIG, problems: [{ key: "(top level)", message: "the file is not a mapping of settings", outcome: "stop" }] });
  });

  it("an absent file is the defaults, with nothing to report", () => {
    expect(parseRepoConfig(null)).toEqual({ config: DEFAULT_REPO_CONFIG, problems: [] });
    expect(parseRepoConfig({})).toEqual({ config: DEFAULT_REPO_CONFIG, problems: [] });
  });

  it("names each bad entry of a list in one problem, without quoting a value", () => {
    const { problems } = parseRepoConfig({ exclude: ["docs/**", 5, ""], instructions: { token: "sk-live-123" } });
    expect(problems.map((problem) => problem.message)).toEqual([
      "`exclude[1]`: Invalid input: expected string, received number; `exclude[2]`: Too small: expected string to have >=1 characters",
      "`instructions`: expected a text, or a list of {paths: [globs], text}",
    ]);
  });
});

describe("parseRepoConfig, unknown keys", () => {
  it("the issue's case: the exclude applies, and the misspelt maxComments is reported with the key meant", () => {
    const { config, problems } = parseRepoConfig({ exclude: ["private/**"], maxComents: 3 });
    expect(config.exclude).toEqual(["private/**"]);
    expect(config.maxComments).toBe(DEFAULT_REPO_CONFIG.maxComments);
    expect(problems).toEqual([{ key: "maxComents", message: "`maxComents` is not a key; did you mean `maxComments`?", outcome: "ignored" }]);
  });

  it.each([
    // A misspelling of a setting that stops the review stops it too: the files it meant to keep out would be sent.
    ["exlude", "exclude", "stop"],
    ["Exclude", "exclude", "stop"],
    ["excludes", "exclude", "stop"],
    ["inculde", "include", "stop"],
    ["modle", "model", "stop"],
    ["limit", "limits", "stop"],
    ["instruction", "instructions", "stop"],
    ["draft", "drafts", "ignored"],
    ["minSeverty", "minSeverity", "ignored"],
    ["command", "commands", "ignored"],
  ])("`%s` suggests `%s` (%s)", (typed, meant, outcome) => {
    expect(parseRepoConfig({ [typed]: 1 }).problems).toEqual([{ key: typed, message: `\`${typed}\` is not a key; did you mean \`${meant}\`?`, outcome }]);
  });

  it.each([
    ["limits", "maxFile", "limits.maxFiles", "stop"],
    ["commands", "allowAuthr", "commands.allowAuthor", "ignored"],
  ])("inside %s, `%s` suggests `%s`", (section, typed, meant, outcome) => {
    expect(parseRepoConfig({ [section]: { [typed]: true } }).problems).toEqual([
      { key: `${section}.${typed}`, message: `\`${section}.${typed}\` is not a key; did you mean \`${meant}\`?`, outcome },
    ]);
  });

  it("lists the keys when none is close", () => {
    const [problem] = parseRepoConfig({ reviewDrafts: true }).problems;
    expect(problem).toEqual({ key: "reviewDrafts", message: expect.stringMatching(/^`reviewDrafts` is not a key \(keys: model, autoReview, drafts, .*, commands\)$/), outcome: "ignored" });
  });

  it("quotes an unknown key shortened and without backticks or control characters", () => {
    const [problem] = parseRepoConfig({ [`a\`b\n${"c".repeat(100)}`]: 1 }).problems;
    expect(problem?.key).toBe(`ab${"c".repeat(38)}…`);
  });

  it("does not take a key from the object prototype for a setting", () => {
    expect(parseRepoConfig(JSON.parse('{"toString": 1, "__proto__": {"exclude": []}}')).problems.map((problem) => problem.key)).toEqual(["toString", "__proto__"]);
  });
});

describe("describeConfigProblem", () => {
  it.each([
    [{ key: "exclude", message: "`exclude`: Invalid input", outcome: "stop" as const }, "`exclude`: Invalid input — the review stopped: this setting decides what is sent to the model, or where"],
    [{ key: "maxComments", message: "`maxComments`: Too big", outcome: "default" as const }, "`maxComments`: Too big — ignored; the default `10` applies"],
    [{ key: "commands.replyToRefused", message: "`commands.replyToRefused`: Invalid option", outcome: "default" as const }, '`commands.replyToRefused`: Invalid option — ignored; the default `"always"` applies'],
    [{ key: "failOn", message: "`failOn`: Invalid option", outcome: "default" as const }, "`failOn`: Invalid option — ignored; it stays unset"],
    [{ key: "maxComents", message: "`maxComents` is not a key", outcome: "ignored" as const }, "`maxComents` is not a key — ignored"],
  ])("says what became of %j", (problem, text) => {
    expect(describeConfigProblem(problem)).toBe(text);
  });
});
