import type { Octokit } from "@octokit/core";

const CONTENTS_ROUTE = "/repos/{owner}/{repo}/contents/{path}";
const ORG_CONFIG_REPO = ".github";
const MAX_ENTRIES = 1_000;

type Answer = { ok: true; response: unknown } | { ok: false; error: unknown };

export interface OrgConfigCacheOptions {
  ttlMs: number;
  now?: () => number;
}

/**
 * An Octokit plugin that remembers, for `ttlMs`, what the organisation's `.github` repository
 * answered for a configuration file (the file, or its 404). Every review of a repository without
 * its own `.github/patchwise.yml` falls back to that repository, so a burst of reviews in one
 * organisation reads it once instead of once each. It holds the organisation's configuration
 * file, never a repository's code. Shared by every client of the class (one per installation).
 */
export function cacheOrgConfigReads(options: OrgConfigCacheOptions) {
  const now = options.now ?? Date.now;
  const answers = new Map<string, { at: number; answer: Answer }>();
  return (octokit: Octokit) => {
    octokit.hook.wrap("request", async (request, endpoint) => {
      const { method, url, owner, repo, path, ref, baseUrl } = endpoint as Record<string, unknown>;
      if (method !== "GET" || url !== CONTENTS_ROUTE || repo !== ORG_CONFIG_REPO) return request(endpoint);
      const key = JSON.stringify([baseUrl, owner, path, ref ?? null]);
      const cached = answers.get(key);
      if (cached && now() - cached.at < options.ttlMs) {
        if (cached.answer.ok) return cached.answer.response as Awaited<ReturnType<typeof request>>;
        throw cached.answer.error;
      }
      let answer: Answer;
      try {
        answer = { ok: true, response: await request(endpoint) };
      } catch (error) {
        // Only "there is no such file" is remembered: any other failure is tried again next time.
        if ((error as { status?: unknown }).status !== 404) throw error;
        answer = { ok: false, error };
      }
      answers.delete(key);
      if (answers.size >= MAX_ENTRIES) answers.delete(answers.keys().next().value as string);
      answers.set(key, { at: now(), answer });
      if (answer.ok) return answer.response as Awaited<ReturnType<typeof request>>;
      throw answer.error;
    });
  };
}
