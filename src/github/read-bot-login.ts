import { z } from "zod";
import type { GitHubClient } from "./github-client.js";

const appSchema = z.looseObject({ slug: z.string().min(1) });

/**
 * The login our App comments as (`<slug>[bot]`), from `GET /app` with the App's own token. Only
 * reviews and comments of this login count as Patchwise's: anyone can paste our hidden markers
 * into a comment, and must not make us skip a commit, drop a finding or edit their comment.
 */
export async function readBotLogin(appOctokit: GitHubClient): Promise<string> {
  const { data } = await appOctokit.rest.apps.getAuthenticated();
  return `${appSchema.parse(data).slug}[bot]`;
}
