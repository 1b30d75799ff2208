import type { API as ConfigPluginApi } from "@probot/octokit-plugin-config";
import type { ConfigSource } from "../pipeline/ports.js";
import { ConfigReadError } from "./config-read-error.js";
import type { PullRequestRef } from "./github-client.js";
import { REPO_CONFIG_PATH } from "./repo-config-source.js";

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config]";

/**
 * Reads `.github/patchwise.yml` the way Probot's `context.config("patchwise.yml")` does, with the
 * `config` plugin of Probot's Octokit: default branch only, the org's `.github` repository as a
 * fallback, and `_extends`. It takes the client instead of a webhook context because the review
 * runs from the queue, after the handler has returned.
 */
export function createProbotConfigSource(octokit: ConfigPluginApi, ref: Pick<PullRequestRef, "owner" | "repo">): ConfigSource {
  return {
    async loadRepoConfig() {
      try {
        // No `defaults`: the plugin then merges the files shallowly, so a repository's `exclude`
        // replaces its organisation's instead of being silently concatenated with it.
        const { config, files } = await octokit.config.get({ owner: ref.owner, repo: ref.repo, path: REPO_CONFIG_PATH });
        return files.some((file) => file.config !== null) ? config : null;
      } catch (error) {
        throw toConfigReadError(error, ref);
      }
    },
  };
}

// The plugin's messages carry the file's URL and sometimes an `_extends` value; the YAML parser's
// (its `cause`) quotes the file. Only the file's name, the line and a short problem are kept.
function toConfigReadError(error: unknown, ref: Pick<PullRequestRef, "owner" | "repo">): unknown {
  if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_PREFIX)) return error;
  const path = fileNamed(error.message, ref);
  const message = error.message;
  if (message.includes("(invalid YAML)")) {
    const cause = error.cause as { code?: unknown; linePos?: Array<{ line: number }> } | undefined;
    const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
    const line = cause?.linePos?.[0]?.line;
    return new ConfigReadError({ path, ...(line === undefined ? {} : { line }), problem: `not valid YAML${code}` });
  }
  if (message.includes("YAML is not an object")) return new ConfigReadError({ path, problem: "not a mapping of settings" });
  if (message.includes("directory or a submodule")) return new ConfigReadError({ path, problem: "not a regular file" });
  if (message.includes("Recursion detected")) return new ConfigReadError({ path, problem: "its `_extends` chain loops" });
  if (message.includes("for _extends")) return new ConfigReadError({ path, problem: "has an invalid `_extends` value" });
  return new ConfigReadError({ path, problem: "could not be read as configuration" });
}

/** The file the plugin's message names: `owner/repo:path` when it is not the repository's own file. */
function fileNamed(message: string, ref: Pick<PullRequestRef, "owner" | "repo">): string {
  const match = message.match(/\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^\s?]+)/);
  if (!match) return REPO_CONFIG_PATH;
  const [, owner, repo, path] = match as unknown as [string, string, string, string];
  const file = decodeURIComponent(path);
  return owner === ref.owner && repo === ref.repo ? file : `${owner}/${repo}:${file}`;
}
