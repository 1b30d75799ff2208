import type { Octokit } from "@octokit/core";
import type { ConfigSource } from "../pipeline/ports.js";
import { ConfigReadError } from "./config-read-error.js";
import type { GitHubClient, PullRequestRef } from "./github-client.js";
import { parseConfigYaml } from "./parse-config-yaml.js";
import { readInstructionFiles } from "./read-instruction-files.js";
import { REPO_CONFIG_PATH } from "./repo-config-source.js";

const ORG_CONFIG_REPO = ".github";
/** Most files an `_extends` chain may add after the first. */
const MAX_EXTENDS = 5;
// `_extends: [owner/]repo[:path.yml]`, as Probot's config plugin reads it.
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

interface ConfigFile {
  owner: string;
  repo: string;
  path: string;
}

type Ref = Pick<PullRequestRef, "owner" | "repo">;

/**
 * Reads `.github/patchwise.yml` the way Probot's `context.config("patchwise.yml")` does: default
 * branch only, the org's `.github` repository as a fallback, and `_extends`, each file's keys
 * replacing the base's whole values (so a repository's `exclude` replaces its organisation's
 * instead of being concatenated with it). Probot's config plugin parses without bounds, so each
 * file goes through `parseConfigYaml` instead. It takes the client instead of a webhook context
 * because the review runs from the queue, after the handler has returned. The instruction files
 * are the repository's own only (no organisation fallback, as GitHub's reviewer reads them).
 */
export function createProbotConfigSource(octokit: Pick<Octokit, "request"> & GitHubClient, ref: Ref): ConfigSource {
  return {
    async loadRepoConfig() {
      let file: ConfigFile = { owner: ref.owner, repo: ref.repo, path: REPO_CONFIG_PATH };
      let config = await readConfigFile(octokit, file, ref);
      if (config === null && ref.repo !== ORG_CONFIG_REPO) {
        file = { ...file, repo: ORG_CONFIG_REPO };
        config = await readConfigFile(octokit, file, ref);
      }
      if (config === null) return null;
      const layers = [config];
      const read = [file];
      let base = takeExtends(config, file, ref);
      while (base !== null) {
        const wanted = base;
        if (read.some((earlier) => earlier.owner === wanted.owner && earlier.repo === wanted.repo && earlier.path === wanted.path)) {
          throw new ConfigReadError({ path: nameOf(read.at(-1)!, ref), problem: "its `_extends` chain loops" });
        }
        if (read.length > MAX_EXTENDS) throw new ConfigReadError({ path: nameOf(file, ref), problem: `its \`_extends\` chain is longer than ${MAX_EXTENDS} files` });
        const next = await readConfigFile(octokit, wanted, ref);
        read.push(wanted);
        if (next === null) break;
        layers.push(next);
        base = takeExtends(next, wanted, ref);
      }
      return Object.assign({}, ...layers.reverse()) as Record<string, unknown>;
    },
    loadInstructionFiles: () => readInstructionFiles(octokit, ref),
  };
}

async function readConfigFile(octokit: Pick<Octokit, "request">, file: ConfigFile, ref: Ref): Promise<Record<string, unknown> | null> {
  // No `ref`: GitHub then reads the default branch. The raw media type answers a file with its
  // text, and a directory or submodule with its JSON listing.
  const response = await octokit
    .request("GET /repos/{owner}/{repo}/contents/{path}", { ...file, mediaType: { format: "raw" } })
    .catch((error: unknown) => {
      if ((error as { status?: unknown }).status === 404) return null;
      throw error;
    });
  if (response === null) return null;
  // Octokit gives the text when the answer names its charset, the bytes when it does not.
  const data: unknown = response.data;
  const text = typeof data === "string" ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : null;
  if (text === null) throw new ConfigReadError({ path: nameOf(file, ref), problem: "not a regular file" });
  return parseConfigYaml(text, nameOf(file, ref));
}

/** The file `_extends` names, removed from the config it was in (it is not a setting). */
function takeExtends(config: Record<string, unknown>, file: ConfigFile, ref: Ref): ConfigFile | null {
  const value = config._extends;
  delete config._extends;
  if (value === undefined) return null;
  const match = typeof value === "string" ? value.match(EXTENDS) : null;
  if (!match) throw new ConfigReadError({ path: nameOf(file, ref), problem: "has an invalid `_extends` value" });
  return { owner: match[1] || ref.owner, repo: match[2]!, path: match[3] || REPO_CONFIG_PATH };
}

/** `owner/repo:path` when the file is not the repository's own. */
function nameOf(file: ConfigFile, ref: Ref): string {
  return file.owner === ref.owner && file.repo === ref.repo ? file.path : `${file.owner}/${file.repo}:${file.path}`;
}
