import { describe, expect, it } from "@jest/globals";
import { EnvError, readEnv } from "../src/env.js";

// The operator's settings this part of the environment adds: command rate limits and the GitHub host.
describe("readEnv: /review rate limits and the GitHub host", () => {
  it("defaults to 5 commands an hour per pull request, 30 per repository, and github.com", () => {
    const env = readEnv({});
    expect(env.commandRateLimits).toEqual({ perPullRequest: { max: 5, windowMs: 3_600_000 }, perRepository: { max: 30, windowMs: 3_600_000 } });
    expect(env.githubHost).toBe("github.com");
  });

  it("reads the operator's limits, `off` turning one off", () => {
    const env = readEnv({ PATCHWISE_RATE_LIMIT_PER_PR: "2/minute", PATCHWISE_RATE_LIMIT_PER_REPO: "off", GHE_HOST: "ghe.example.com" });
    expect(env.commandRateLimits).toEqual({ perPullRequest: { max: 2, windowMs: 60_000 }, perRepository: null });
    expect(env.githubHost).toBe("ghe.example.com");
  });

  it("names a limit it cannot read", () => {
    expect(() => readEnv({ PATCHWISE_RATE_LIMIT_PER_PR: "5 per hour" })).toThrow(EnvError);
    expect(() => readEnv({ PATCHWISE_RATE_LIMIT_PER_PR: "5 per hour" })).toThrow(/PATCHWISE_RATE_LIMIT_PER_PR: expected N\/second/);
  });
});

describe("readEnv: the review's deadline", () => {
  it("gives a review 15 minutes unless PATCHWISE_REVIEW_TIMEOUT_MS says otherwise, and refuses one under 10 s", () => {
    expect(readEnv({}).reviewTimeoutMs).toBe(900_000);
    expect(readEnv({ PATCHWISE_REVIEW_TIMEOUT_MS: "300000" }).reviewTimeoutMs).toBe(300_000);
    expect(() => readEnv({ PATCHWISE_REVIEW_TIMEOUT_MS: "500" })).toThrow(/PATCHWISE_REVIEW_TIMEOUT_MS/);
  });
});

describe("readEnv: fallback models and the light model", () => {
  it("reads PATCHWISE_FALLBACK_MODELS as names in order and PATCHWISE_MODEL_LIGHT as a name; unset, none and the review's model", () => {
    expect(readEnv({}).model).toMatchObject({ fallbackModels: [], modelLight: undefined });
    expect(readEnv({ PATCHWISE_FALLBACK_MODELS: " gpt-4.1, gpt-4o-mini ", PATCHWISE_MODEL_LIGHT: "gpt-4.1-nano" }).model).toMatchObject({
      fallbackModels: ["gpt-4.1", "gpt-4o-mini"],
      modelLight: "gpt-4.1-nano",
    });
  });

  it.each(["gpt-4.1,,gpt-4o", "gpt-4.1,", "gpt 4.1"])("names a fallback list it cannot read (%s)", (value) => {
    expect(() => readEnv({ PATCHWISE_FALLBACK_MODELS: value })).toThrow(/PATCHWISE_FALLBACK_MODELS: expected model names separated by commas/);
  });
});
