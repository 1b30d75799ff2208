/**
 * A metrics label for a GitHub call that names no repository, user or number: Octokit's route
 * template when it has one, otherwise the URL (a pagination link) with those parts replaced.
 */
export function routeLabel(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3(?=\/)/, "").split("?")[0] ?? "";
  if (path.includes("{")) return path;
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/^\/(users|orgs)\/[^/]+/, "/$1/{name}")
    .replace(/\/[0-9a-f]{40}(?=\/|$)/g, "/{sha}")
    .replace(/\/\d+(?=\/|$)/g, "/{n}");
}
