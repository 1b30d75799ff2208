import { readFileSync } from "node:fs";
import nock from "nock";
import { buildTarball } from "../repo/build-tarball.js";
import type { ModelProviderName } from "../../src/providers/model-error.js";
import { ANTHROPIC_BASE_URL, GITHUB_API, INSTALLATION_ID, OPENAI_BASE_URL, OWNER, PR_NUMBER, pullRequestEvent, REPO } from "./start-review-app.js";

// nock for the two sides of a review: GitHub's REST API (as the App's installation) and the
// model provider. Each method registers the interceptors of one step, answered once, so a call
// the test did not list goes unanswered and shows up in `ReviewApp.unexpectedRequests`.

const INSTALLATION_TOKEN = "ghs_patchwise_test_installation";
const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const CONFIG_FILE = "contents/.github%2Fpatchwise.yml";
const CHANGED_FILES = JSON.parse(readFileSync(new URL("../fixtures/github/pull-request-files.json", import.meta.url), "utf8")) as unknown[];

/** The repository at the head commit: the changed `src/greet.js` (as the fixture's patch leaves it) and its one caller. */
export const HEAD_TREE = {
  "src/greet.js": 'export function greet(name) {\n  const trimmed = name.trim();\n  const message = "Hello, " + trimmed\n  return message;\n}\n',
  "src/main.js": 'import { greet } from "./greet.js";\n\nexport function welcome(user) {\n  return greet(user.name);\n}\n',
};
const HEAD_TARBALL = await buildTarball(`${OWNER}-${REPO}-head`, Object.entries(HEAD_TREE).map(([name, content]) => ({ name, content })));

export interface SentComment {
  method: "POST" | "PATCH";
  path: string;
  body: { body: string };
}

/** A call to the checks API as GitHub received it. */
export interface SentCheckRunCall {
  method: "POST" | "PATCH";
  path: string;
  body: Record<string, unknown>;
}

/** The id GitHub gives the check run the App creates. */
export const CHECK_RUN_ID = 501;

export interface GitHubMock {
  /** Body of `POST /repos/{owner}/{repo}/pulls/{n}/reviews`, once sent. */
  sentReview?: Record<string, unknown>;
  /** Calls to the checks API, in the order sent. */
  checkRunCalls: SentCheckRunCall[];
  /** Bodies of `POST .../issues/comments/{id}/reactions`, with the comment's id. */
  reactions: Array<{ commentId: number; body: Record<string, unknown> }>;
  /** The summary comment as created or edited, once sent. */
  sentSummary?: SentComment;
  /** `GET .../pulls/{n}/reviews`: the reviews already on the pull request. */
  listsReviews(reviews: object[]): GitHubMock;
  /** `.github/patchwise.yml` on the default branch (no `ref`); null: neither the repository nor the org's `.github` has one. */
  readsConfig(yaml: string | null): GitHubMock;
  /**
   * The instruction files on the default branch (no `ref`), by path: `.github` listed, the
   * `.github/instructions` tree, then each file. Call before `readsConfig`, which otherwise lets
   * the `.github` listing answer 404 (no instruction files).
   */
  servesInstructionFiles(files: Record<string, string>): GitHubMock;
  /** `GET .../pulls/{n}` (the webhook example's pull request at `headSha`), its changed files (the fixture) and the repository's tarball at `headSha`. */
  servesPullRequest(headSha: string, files?: unknown[], options?: { tarball?: boolean; title?: string; body?: string }): GitHubMock;
  /** `GET .../pulls/{n}/comments`: the inline review comments already on the pull request (read for earlier findings). */
  listsReviewComments(comments: object[]): GitHubMock;
  /** The same list as a reply in a thread reads it: newest first (one page). */
  listsReviewCommentsNewestFirst(comments: Array<{ id: number }>): GitHubMock;
  acceptsReview(): GitHubMock;
  /** `GET .../issues/{n}/comments`: the comments already on the pull request. */
  listsComments(comments: object[]): GitHubMock;
  acceptsNewSummary(): GitHubMock;
  acceptsSummaryEdit(commentId: number): GitHubMock;
  /** `GET .../collaborators/{login}/permission`, answered if asked (the `/review` permission check). */
  mayCheckPermission(login: string, permission: string): GitHubMock;
  /** `POST .../check-runs` (the run gets `CHECK_RUN_ID`), then `updates` times `PATCH .../check-runs/{CHECK_RUN_ID}`. */
  acceptsCheckRun(updates: number): GitHubMock;
  /** `POST .../check-runs` refused with 403, as before the installation accepts `checks: write`. */
  refusesCheckRuns(): GitHubMock;
  /** `POST .../issues/comments/{commentId}/reactions`. */
  acceptsReaction(commentId: number): GitHubMock;
  /** `GET .../commits/{headSha}/check-runs` of our check's name: the runs already on the commit. */
  listsCheckRuns(headSha: string, runs: object[]): GitHubMock;
  /** `GET .../compare/{base}...{head}` answered with `status` and `body`. */
  compares(base: string, head: string, status: number, body: object): GitHubMock;
}

/** The App's own login, as `GET /app` names it: only its reviews and comments count as Patchwise's. */
export const BOT_LOGIN = "patchwise[bot]";

/** GitHub as the App's installation sees it; the installation token is handed out once. */
export function mockGitHub(): GitHubMock {
  // Read once per app (with the App's JWT), when its first review starts.
  nock(GITHUB_API).get("/app").optionally().reply(200, { id: 12345, slug: "patchwise", name: "Patchwise" });
  nock(GITHUB_API)
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" });
  // Every repository call must be made as the installation.
  const scope = nock(GITHUB_API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
  const pullRequest = pullRequestEvent("opened").pull_request as Record<string, any>;

  const noRef = (query: Record<string, unknown>) => Object.keys(query).length === 0;
  const recordCheckRun = (method: "POST" | "PATCH", path: string) => (body: Record<string, unknown>) => {
    mock.checkRunCalls.push({ method, path, body });
    return true;
  };

  let orgConfigServed = false;
  let instructionFilesServed = false;
  const mock: GitHubMock = {
    checkRunCalls: [],
    reactions: [],
    listsReviews(reviews) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`).query({ per_page: 100 }).reply(200, reviews);
      return mock;
    },
    readsConfig(yaml) {
      // Read only when the review gets as far as preparing its requests.
      if (!instructionFilesServed) scope.get(`${REPO_PATH}/contents/.github`).query(noRef).optionally().reply(404, { message: "Not Found" });
      if (yaml === null) {
        scope.get(`${REPO_PATH}/${CONFIG_FILE}`).query(noRef).reply(404, { message: "Not Found" });
        // The App remembers the organisation's answer for minutes: one test's app asks once.
        if (!orgConfigServed) scope.get(`/repos/${OWNER}/.github/${CONFIG_FILE}`).query(noRef).reply(404, { message: "Not Found" });
        orgConfigServed = true;
      } else {
        scope.get(`${REPO_PATH}/${CONFIG_FILE}`).query(noRef).reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
      }
      return mock;
    },
    servesInstructionFiles(files) {
      instructionFilesServed = true;
      const paths = Object.keys(files);
      const inFolder = paths.filter((path) => path.startsWith(".github/instructions/"));
      const listing = [
        ...paths.filter((path) => !inFolder.includes(path)).map((path) => ({ type: "file", name: path.slice(".github/".length), path, size: Buffer.byteLength(files[path]!), sha: `sha-${path}` })),
        ...(inFolder.length > 0 ? [{ type: "dir", name: "instructions", path: ".github/instructions", size: 0, sha: "tree-instructions" }] : []),
        { type: "dir", name: "workflows", path: ".github/workflows", size: 0, sha: "tree-workflows" },
      ];
      scope.get(`${REPO_PATH}/contents/.github`).query(noRef).reply(200, listing);
      if (inFolder.length > 0) {
        const tree = inFolder.map((path) => ({ path: path.slice(".github/instructions/".length), mode: "100644", type: "blob", size: Buffer.byteLength(files[path]!), sha: `sha-${path}` }));
        scope.get(`${REPO_PATH}/git/trees/tree-instructions`).query({ recursive: "true" }).reply(200, { sha: "tree-instructions", tree, truncated: false });
      }
      for (const path of paths) {
        scope.get(`${REPO_PATH}/contents/${encodeURIComponent(path)}`).query(noRef).reply(200, { type: "file", encoding: "base64", path, content: Buffer.from(files[path]!).toString("base64") });
      }
      return mock;
    },
    servesPullRequest(headSha, files = CHANGED_FILES, { tarball = true, ...text } = {}) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}`).reply(200, { ...pullRequest, ...text, head: { ...pullRequest.head, sha: headSha } });
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query({ per_page: 100 }).reply(200, files);
      if (tarball) scope.get(`${REPO_PATH}/tarball/${headSha}`).reply(200, HEAD_TARBALL, { "content-type": "application/x-gzip" });
      return mock;
    },
    listsReviewComments(comments) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query({ per_page: 100 }).reply(200, comments);
      return mock;
    },
    listsReviewCommentsNewestFirst(comments) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query({ per_page: 100, sort: "created", direction: "desc" }).reply(200, [...comments].sort((x, y) => y.id - x.id));
      return mock;
    },
    acceptsReview() {
      scope
        .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`, (body: Record<string, unknown>) => {
          mock.sentReview = body;
          return true;
        })
        .reply(200, () => ({ id: 80, commit_id: mock.sentReview?.commit_id, html_url: `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-80` }));
      return mock;
    },
    listsComments(comments) {
      scope.get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`).query({ per_page: 100 }).reply(200, comments);
      return mock;
    },
    acceptsNewSummary() {
      const path = `${REPO_PATH}/issues/${PR_NUMBER}/comments`;
      scope
        .post(path, (body: { body: string }) => {
          mock.sentSummary = { method: "POST", path, body };
          return true;
        })
        .reply(201, { id: 1001 });
      return mock;
    },
    acceptsSummaryEdit(commentId) {
      const path = `${REPO_PATH}/issues/comments/${commentId}`;
      scope
        .patch(path, (body: { body: string }) => {
          mock.sentSummary = { method: "PATCH", path, body };
          return true;
        })
        .reply(200, { id: commentId });
      return mock;
    },
    mayCheckPermission(login, permission) {
      scope.get(`${REPO_PATH}/collaborators/${login}/permission`).optionally().reply(200, { permission, role_name: permission });
      return mock;
    },
    acceptsCheckRun(updates) {
      const path = `${REPO_PATH}/check-runs`;
      scope.post(path, recordCheckRun("POST", path)).reply(201, { id: CHECK_RUN_ID, status: "queued" });
      if (updates > 0) scope.patch(`${path}/${CHECK_RUN_ID}`, recordCheckRun("PATCH", `${path}/${CHECK_RUN_ID}`)).times(updates).reply(200, { id: CHECK_RUN_ID });
      return mock;
    },
    refusesCheckRuns() {
      const path = `${REPO_PATH}/check-runs`;
      scope.post(path, recordCheckRun("POST", path)).reply(403, { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest/checks/runs#create-a-check-run" });
      return mock;
    },
    acceptsReaction(commentId) {
      scope
        .post(`${REPO_PATH}/issues/comments/${commentId}/reactions`, (body: Record<string, unknown>) => Boolean(mock.reactions.push({ commentId, body })))
        .reply(201, { id: 1, content: "eyes" });
      return mock;
    },
    listsCheckRuns(headSha, runs) {
      scope
        .get(`${REPO_PATH}/commits/${headSha}/check-runs`)
        .query({ check_name: "Patchwise review", filter: "all", per_page: 100 })
        .reply(200, { total_count: runs.length, check_runs: runs });
      return mock;
    },
    compares(base, head, status, body) {
      scope.get(`${REPO_PATH}/compare/${base}...${head}`).reply(status, body);
      return mock;
    },
  };
  return mock;
}

/** What the model provider answers to one request: a review (valid or not), or an HTTP error. */
export type ModelReply = { answer: unknown } | { status: number };

export interface ModelMock {
  /** Request bodies the provider received, in order. */
  requests: Array<Record<string, any>>;
}

/**
 * The provider's API answering the given replies in order: OpenAI chat completions (the answer
 * as the message's JSON text) or Anthropic messages (the answer as the forced tool's input).
 */
export function mockModel(provider: ModelProviderName, replies: ModelReply[]): ModelMock {
  const requests: ModelMock["requests"] = [];
  const [origin, path] = provider === "openai" ? [OPENAI_BASE_URL.replace(/\/v1$/, ""), "/v1/chat/completions"] : [ANTHROPIC_BASE_URL, "/v1/messages"];
  const scope = nock(origin);
  for (const reply of replies) {
    scope.post(path).reply((_uri, body) => {
      const request = (typeof body === "string" ? JSON.parse(body) : body) as Record<string, any>;
      requests.push(request);
      if ("status" in reply) {
        // `retry-after-ms` is the providers' own hint; it keeps the SDK's retry from waiting seconds.
        return [reply.status, { error: { type: "server_error", message: "The server had an error" } }, { "retry-after-ms": "1" }];
      }
      return [200, provider === "openai" ? chatCompletion(request, reply.answer) : anthropicMessage(request, reply.answer)];
    });
  }
  return { requests };
}

function chatCompletion(request: Record<string, any>, answer: unknown) {
  return {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1_700_000_000,
    model: request.model,
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: JSON.stringify(answer), refusal: null } }],
    usage: { prompt_tokens: 1200, completion_tokens: 340, total_tokens: 1540 },
  };
}

function anthropicMessage(request: Record<string, any>, answer: unknown) {
  return {
    id: "msg_01",
    type: "message",
    role: "assistant",
    model: request.model,
    content: [{ type: "tool_use", id: "toolu_01", name: "submit_review", input: answer }],
    stop_reason: "tool_use",
    stop_sequence: null,
    usage: { input_tokens: 1200, output_tokens: 340, cache_creation_input_tokens: null, cache_read_input_tokens: null },
  };
}
