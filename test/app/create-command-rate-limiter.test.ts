import { describe, expect, it } from "@jest/globals";
import { createCommandRateLimiter } from "../../src/app/create-command-rate-limiter.js";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const command = (repo: string, pullNumber: number): PipelineJob => ({
  installationId: 1,
  owner: "octo-org",
  repo,
  pullNumber,
  headSha: null,
  trigger: "command",
  deliveryId: `${repo}-${pullNumber}`,
});

/** A limiter on a clock the test moves. */
function limiterAt(limits: Parameters<typeof createCommandRateLimiter>[0]) {
  let now = 1_000_000;
  const limiter = createCommandRateLimiter(limits, () => now);
  return { limiter, advance: (ms: number) => void (now += ms) };
}

describe("createCommandRateLimiter", () => {
  it("admits five commands on a pull request in an hour, refuses the sixth, and admits again once the first leaves the window", () => {
    const { limiter, advance } = limiterAt({ perPullRequest: { max: 5, windowMs: HOUR }, perRepository: null });
    for (let i = 0; i < 5; i++) {
      expect(limiter.admit(command("app", 1))).toEqual({ allowed: true });
      advance(MINUTE);
    }
    expect(limiter.admit(command("app", 1))).toEqual({ allowed: false, scope: "pull request", retryAfterMs: HOUR - 5 * MINUTE });
    expect(limiter.admit(command("app", 2))).toEqual({ allowed: true }); // another pull request has its own window
    advance(HOUR - 5 * MINUTE);
    expect(limiter.admit(command("app", 1))).toEqual({ allowed: true });
  });

  it("limits a repository across its pull requests, and says which limit refused", () => {
    const { limiter } = limiterAt({ perPullRequest: { max: 5, windowMs: HOUR }, perRepository: { max: 3, windowMs: HOUR } });
    for (const pullNumber of [1, 2, 3]) expect(limiter.admit(command("app", pullNumber))).toEqual({ allowed: true });
    expect(limiter.admit(command("app", 4))).toEqual({ allowed: false, scope: "repository", retryAfterMs: HOUR });
    expect(limiter.admit(command("other-repo", 1))).toEqual({ allowed: true });
  });

  it("does not count a refused command", () => {
    const { limiter, advance } = limiterAt({ perPullRequest: { max: 1, windowMs: MINUTE }, perRepository: null });
    expect(limiter.admit(command("app", 1)).allowed).toBe(true);
    advance(MINUTE - 1);
    expect(limiter.admit(command("app", 1)).allowed).toBe(false);
    advance(1);
    expect(limiter.admit(command("app", 1)).allowed).toBe(true);
  });

  it("admits everything with both limits off", () => {
    const { limiter } = limiterAt({ perPullRequest: null, perRepository: null });
    for (let i = 0; i < 100; i++) expect(limiter.admit(command("app", 1)).allowed).toBe(true);
  });
});
