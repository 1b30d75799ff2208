import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { buildTarball } from "../repo/build-tarball.js";

// A small in-memory GitHub on loopback, for end-to-end tests and the benchmark. It speaks the
// few REST routes a review uses, under GHE's /api/v3 prefix, and records every call.

export interface FakeFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
}

export interface FakePullRequest {
  number: number;
  title: string;
  body: string;
  headSha: string;
  baseSha: string;
  draft?: boolean;
  files: FakeFile[];
  /** The repository at the head commit (path to text), served as its tarball; empty when not given. */
  headTree?: Record<string, string>;
}

export interface RecordedCall {
  method: string;
  path: string;
  route: string;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  apiUrl: string;
  calls: RecordedCall[];
  reviews: Array<Record<string, unknown> & { id: number; commit_id: string; body: string }>;
  comments: Array<{ id: number; body: string }>;
  addPullRequest(owner: string, repo: string, pr: FakePullRequest): void;
  /** Resolves once the tarballs of the pull requests added so far are built (the benchmark waits, so building them does not compete with the App). */
  tarballsBuilt(): Promise<void>;
  setRepoConfig(owner: string, repo: string, yaml: string): void;
  /** A user's role on a repository (`admin`, `maintain`, `write`, `triage`, `read`, `none`); unset users have `write`. */
  setPermission(owner: string, repo: string, login: string, role: string): void;
  /** Check runs as created and updated (`POST`/`PATCH .../check-runs`), across repositories. */
  checkRuns: Array<Record<string, unknown> & { id: number; head_sha: string; status: string }>;
  /** Reactions added to issue comments (`POST .../issues/comments/{id}/reactions`). */
  reactions: Array<{ commentId: number; content: string }>;
  /** What `GET .../compare/{base}...{head}` answers; unset comparisons answer 404, as for a commit GitHub does not know. */
  setComparison(owner: string, repo: string, base: string, head: string, comparison: { status: string; files: FakeFile[] }): void;
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  /** Called as each request arrives, before it is answered (the benchmark times the review by it). */
  onCall?: (call: RecordedCall) => void;
}

const PAGE_SIZE_DEFAULT = 30;

/** Starts the fake GitHub on 127.0.0.1 with a random port. */
export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const pulls = new Map<string, FakePullRequest>();
  // Built once per pull request, as soon as it is added: GitHub's time to make a tarball is not
  // the App's (the bench times the App).
  const tarballs = new WeakMap<FakePullRequest, Promise<Buffer>>();
  const building: Array<Promise<void>> = [];
  const tarballOf = (owner: string, repo: string, pr: FakePullRequest): Promise<Buffer> => {
    let tarball = tarballs.get(pr);
    if (!tarball) {
      const entries = Object.entries(pr.headTree ?? {}).map(([name, content]) => ({ name, content }));
      tarballs.set(pr, (tarball = buildTarball(`${owner}-${repo}-${pr.headSha.slice(0, 7)}`, entries)));
    }
    return tarball;
  };
  const configs = new Map<string, string>();
  const roles = new Map<string, string>();
  const calls: RecordedCall[] = [];
  const reviews: FakeGitHub["reviews"] = [];
  const comments: FakeGitHub["comments"] = [];
  const checkRuns: FakeGitHub["checkRuns"] = [];
  const reactions: FakeGitHub["reactions"] = [];
  const comparisons = new Map<string, { status: string; files: FakeFile[] }>();
  const reviewComments: Array<{ id: number; path: string; line: number; body: string; user: { login: string; type: string }; reactions: Record<string, number> }> = [];
  let nextId = 1000;
  // Which pull request (owner/repo#n) each review and comment belongs to: GitHub lists only that PR's.
  const pullOf = new Map<number, string>();

  const server: Server = createServer((req, res) => {
    readBody(req).then((raw) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const path = url.pathname.replace(/^\/api\/v3/, "");
      const body = raw ? JSON.parse(raw) : undefined;
      const route = routeOf(req.method ?? "GET", path);
      const call = { method: req.method ?? "GET", path, route, body };
      calls.push(call);
      options.onCall?.(call);
      handle(req.method ?? "GET", path, url.searchParams, body, res, String(req.headers.accept ?? ""));
    });
  });

  function handle(method: string, path: string, query: URLSearchParams, body: any, res: ServerResponse, accept: string) {
    let m: RegExpMatchArray | null;
    if (method === "GET" && path === "/app") return json(res, 200, { id: 1, slug: "patchwise", name: "Patchwise" });
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      return json(res, 201, { token: "ghs_fakeinstallationtoken", expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: "all" });
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/.*)?$/))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      const pr = pulls.get(key);
      if (!pr) return json(res, 404, { message: "Not Found" });
      const rest = m[4] ?? "";
      if (method === "GET" && rest === "") return json(res, 200, pullJson(m[1]!, m[2]!, pr));
      if (method === "GET" && rest === "/files") return page(res, query, pr.files, `/repos/${m[1]}/${m[2]}/pulls/${m[3]}/files`);
      if (method === "GET" && rest === "/reviews") return page(res, query, reviews.filter((review) => pullOf.get(review.id) === key), `/repos/${m[1]}/${m[2]}/pulls/${m[3]}/reviews`);
      // A review's comments become the PR's review comments, as on GitHub.
      if (method === "GET" && rest === "/comments") return page(res, query, reviewComments.filter((comment) => pullOf.get(comment.id) === key), `/repos/${m[1]}/${m[2]}/pulls/${m[3]}/comments`);
      if (method === "POST" && rest === "/reviews") {
        const review = { id: nextId++, ...body, user: { login: "patchwise[bot]", type: "Bot" }, state: "COMMENTED", html_url: `https://github.example/${m[1]}/${m[2]}/pull/${m[3]}#pullrequestreview-${nextId}` };
        reviews.push(review);
        pullOf.set(review.id, key);
        for (const comment of (body.comments ?? []) as Array<{ path: string; line: number; body: string }>) {
          const stored = { id: nextId++, path: comment.path, line: comment.line, body: comment.body, user: { login: "patchwise[bot]", type: "Bot" }, reactions: { "+1": 0, "-1": 0 } };
          reviewComments.push(stored);
          pullOf.set(stored.id, key);
        }
        return json(res, 200, review);
      }
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      if (method === "GET") return page(res, query, comments.filter((comment) => pullOf.get(comment.id) === key), path);
      if (method === "POST") {
        const comment = { id: nextId++, body: body.body as string, user: { login: "patchwise[bot]", type: "Bot" } };
        comments.push(comment);
        pullOf.set(comment.id, key);
        return json(res, 201, comment);
      }
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/)) && method === "PATCH") {
      const comment = comments.find((c) => c.id === Number(m![3]));
      if (!comment) return json(res, 404, { message: "Not Found" });
      comment.body = body.body;
      return json(res, 200, comment);
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/)) && method === "GET") {
      const yaml = configs.get(`${m[1]}/${m[2]}:${decodeURIComponent(m[3]!)}`);
      if (yaml === undefined) return json(res, 404, { message: "Not Found" });
      // Probot's config plugin asks for the raw media type; the REST client's default is JSON.
      if (accept.includes("raw")) return void res.writeHead(200, { "content-type": "application/vnd.github.raw" }).end(yaml);
      return json(res, 200, { type: "file", encoding: "base64", content: Buffer.from(yaml).toString("base64") });
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/tarball\/([0-9a-f]{40})$/)) && method === "GET") {
      const [owner, repo, sha] = [m[1]!, m[2]!, m[3]!];
      const pr = [...pulls.entries()].find(([key, candidate]) => key.startsWith(`${owner}/${repo}#`) && candidate.headSha === sha)?.[1];
      if (!pr) return json(res, 404, { message: "Not Found" });
      return void tarballOf(owner, repo, pr).then((body) => res.writeHead(200, { "content-type": "application/x-gzip" }).end(body));
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/collaborators\/([^/]+)\/permission$/)) && method === "GET") {
      // GitHub reports maintain as write and triage as read in `permission`; `role_name` is the role itself.
      const role = roles.get(`${m[1]}/${m[2]}:${m[3]}`) ?? "write";
      const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
      return json(res, 200, { permission, role_name: role, user: { login: m[3], type: "User" } });
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/check-runs$/)) && method === "POST") {
      const run = { id: nextId++, ...body, status: body.status ?? "queued", conclusion: body.conclusion ?? null, completed_at: body.status === "completed" ? new Date().toISOString() : null };
      checkRuns.push(run);
      return json(res, 201, run);
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/)) && method === "PATCH") {
      const run = checkRuns.find((each) => each.id === Number(m![1]));
      if (!run) return json(res, 404, { message: "Not Found" });
      Object.assign(run, body, body.status === "completed" ? { completed_at: new Date().toISOString() } : {});
      return json(res, 200, run);
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/commits\/([0-9a-f]{40})\/check-runs$/)) && method === "GET") {
      const runs = checkRuns.filter((run) => run.head_sha === m![1] && (!query.get("check_name") || run.name === query.get("check_name")));
      return json(res, 200, { total_count: runs.length, check_runs: runs });
    }
    if ((m = path.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)\/reactions$/)) && method === "POST") {
      reactions.push({ commentId: Number(m[1]), content: body.content });
      return json(res, 201, { id: nextId++, content: body.content });
    }
    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/compare\/([0-9a-f]{40})\.\.\.([0-9a-f]{40})$/)) && method === "GET") {
      const comparison = comparisons.get(`${m[1]}/${m[2]}:${m[3]}...${m[4]}`);
      if (!comparison) return json(res, 404, { message: "Not Found" });
      return json(res, 200, { status: comparison.status, commits: [], files: comparison.files });
    }
    return json(res, 404, { message: `fake GitHub has no route ${method} ${path}` });
  }

  function page(res: ServerResponse, query: URLSearchParams, items: unknown[], path: string) {
    const perPage = Number(query.get("per_page") ?? PAGE_SIZE_DEFAULT);
    const pageNo = Number(query.get("page") ?? 1);
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage);
    const headers: Record<string, string> = {};
    if (pageNo * perPage < items.length) {
      headers.link = `<${base()}${path}?per_page=${perPage}&page=${pageNo + 1}>; rel="next"`;
    }
    json(res, 200, slice, headers);
  }

  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/v3`,
    calls,
    reviews,
    comments,
    addPullRequest: (owner, repo, pr) => {
      pulls.set(`${owner}/${repo}#${pr.number}`, pr);
      if (pr.headTree) building.push(tarballOf(owner, repo, pr).then(() => undefined));
    },
    tarballsBuilt: () => Promise.all(building).then(() => undefined),
    setRepoConfig: (owner, repo, yaml) => void configs.set(`${owner}/${repo}:.github/patchwise.yml`, yaml),
    setPermission: (owner, repo, login, role) => void roles.set(`${owner}/${repo}:${login}`, role),
    checkRuns,
    reactions,
    setComparison: (owner, repo, base, head, comparison) => void comparisons.set(`${owner}/${repo}:${base}...${head}`, comparison),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function pullJson(owner: string, repo: string, pr: FakePullRequest) {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body,
    state: "open",
    draft: pr.draft ?? false,
    changed_files: pr.files.length,
    user: { login: "octocat", type: "User" },
    head: { sha: pr.headSha, ref: "feature", repo: { full_name: `${owner}/${repo}` } },
    base: { sha: pr.baseSha, ref: "main", repo: { full_name: `${owner}/${repo}`, default_branch: "main" } },
  };
}

/** A route template for counting calls without repository names. */
function routeOf(method: string, path: string): string {
  const template = path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/\/pulls\/\d+/, "/pulls/{n}")
    .replace(/\/issues\/comments\/\d+/, "/issues/comments/{id}")
    .replace(/\/issues\/\d+/, "/issues/{n}")
    .replace(/\/app\/installations\/\d+/, "/app/installations/{id}")
    .replace(/\/collaborators\/[^/]+/, "/collaborators/{username}")
    .replace(/\/contents\/.+$/, "/contents/{path}")
    .replace(/\/tarball\/.+$/, "/tarball/{ref}")
    .replace(/\/check-runs\/\d+$/, "/check-runs/{id}")
    .replace(/\/commits\/[^/]+\/check-runs$/, "/commits/{ref}/check-runs")
    .replace(/\/compare\/.+$/, "/compare/{basehead}");
  return `${method} ${template}`;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}
