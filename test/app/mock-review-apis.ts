import { readFileSync } from "node:fs";
import nock from "nock";
import type { ModelProviderName } from "../../src/providers/model-error.js";
import { ANTHROPIC_BASE_URL, GITHUB_API, INSTALLATION_ID, OPENAI_BASE_URL, OWNER, PR_NUMBER, pullRequestEvent, REPO } from "./start-review-app.js";

// nock for the two sides of a review: GitHub's REST API (as the App's installation) and the
// model provider. Each method registers the interceptors of one step, answered once, so a call
// the test did not list goes unanswered and shows up in `ReviewApp.unexpectedRequests`.

const INSTALLATION_TOKEN = "ghs_patchwise_test_installation";
const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const CONFIG_FILE = "contents/.github%2Fpatchwise.yml";
const CHANGED_FILES = JSON.parse(readFileSync(new URL("../fixtures/github/pull-request-files.json", import.meta.url), "utf8")) as unknown[];

export interface SentComment {
  method: "POST" | "PATCH";
  path: string;
  body: { body: string };
}

export interface GitHubMock {
  /** Body of `POST /repos/{owner}/{repo}/pulls/{n}/reviews`, once sent. */
  sentReview?: Record<string, unknown>;
  /** The summary comment as created or edited, once sent. */
  sentSummary?: SentComment;
  /** `GET .../pulls/{n}/reviews`: the reviews already on the pull request. */
  listsReviews(reviews: object[]): GitHubMock;
  /** `.github/patchwise.yml` on the default branch (no `ref`); null: neither the repository nor the org's `.github` has one. */
  readsConfig(yaml: string | null): GitHubMock;
  /** `GET .../pulls/{n}` (the webhook example's pull request at `headSha`) and its changed files (the fixture). */
  servesPullRequest(headSha: string): GitHubMock;
  /** `GET .../pulls/{n}/comments`: the inline review comments already on the pull request (read for earlier findings). */
  listsReviewComments(comments: object[]): GitHubMock;
  acceptsReview(): GitHubMock;
  /** `GET .../issues/{n}/comments`: the comments already on the pull request. */
  listsComments(comments: object[]): GitHubMock;
  acceptsNewSummary(): GitHubMock;
  acceptsSummaryEdit(commentId: number): GitHubMock;
  /** `GET .../collaborators/{login}/permission`, answered if asked (the `/review` permission check). */
  mayCheckPermission(login: string, permission: string): GitHubMock;
}

/** GitHub as the App's installation sees it; the installation token is handed out once. */
export function mockGitHub(): GitHubMock {
  nock(GITHUB_API)
    .post(`/app/installations/${INSTALLATION_ID}/access_tokens`)
    .reply(201, { token: INSTALLATION_TOKEN, expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" });
  // Every repository call must be made as the installation.
  const scope = nock(GITHUB_API, { reqheaders: { authorization: `token ${INSTALLATION_TOKEN}` } });
  const pullRequest = pullRequestEvent("opened").pull_request as Record<string, any>;

  const mock: GitHubMock = {
    listsReviews(reviews) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`).query({ per_page: 100 }).reply(200, reviews);
      return mock;
    },
    readsConfig(yaml) {
      const noRef = (query: Record<string, unknown>) => Object.keys(query).length === 0;
      if (yaml === null) {
        scope.get(`${REPO_PATH}/${CONFIG_FILE}`).query(noRef).reply(404, { message: "Not Found" });
        scope.get(`/repos/${OWNER}/.github/${CONFIG_FILE}`).query(noRef).reply(404, { message: "Not Found" });
      } else {
        scope.get(`${REPO_PATH}/${CONFIG_FILE}`).query(noRef).reply(200, yaml, { "content-type": "application/vnd.github.raw; charset=utf-8" });
      }
      return mock;
    },
    servesPullRequest(headSha) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}`).reply(200, { ...pullRequest, head: { ...pullRequest.head, sha: headSha } });
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/files`).query({ per_page: 100 }).reply(200, CHANGED_FILES);
      return mock;
    },
    listsReviewComments(comments) {
      scope.get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`).query({ per_page: 100 }).reply(200, comments);
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
