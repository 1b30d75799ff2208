import nock from "nock";
import { BOT_LOGIN } from "./mock-review-apis.js";
import { GITHUB_API, OWNER, PR_NUMBER, REPO } from "./start-review-app.js";

// GitHub's side of the writes a review makes, kept the way GitHub keeps them: what a POST created
// stays, whatever the answer said. A fault makes one POST answer 502, after storing its write
// ("lands, then 502": a gateway that gave up on a write GitHub carried out) or without ("502").

export type WriteFault = "lands, then 502" | "502";

/** Faults for the POSTs of each kind of write, in the order the POSTs arrive; later POSTs succeed. */
export interface WriteFaults {
  review?: WriteFault[];
  summary?: WriteFault[];
  checkRun?: WriteFault[];
}

type Stored = Record<string, any> & { id: number };

export interface StoredWrites {
  /** Bodies of every review POST, in order, whatever GitHub answered. */
  reviewPosts: Array<Record<string, any>>;
  /** The reviews on the pull request (earlier ones first). */
  reviews: Stored[];
  /** Bodies of every `POST .../issues/{n}/comments`. */
  commentPosts: Array<Record<string, any>>;
  /** The comments on the pull request. */
  comments: Stored[];
  /** Bodies of every `POST .../check-runs`. */
  checkRunPosts: Array<Record<string, any>>;
  /** The check runs on the repository's commits, as created and then updated. */
  checkRuns: Stored[];
}

const REPO_PATH = `/repos/${OWNER}/${REPO}`;

/**
 * Answers the reviews, issue comments and check runs of the example pull request from one store
 * (with `earlier` reviews and comments already on it) for as long as the test runs; every other
 * call (token, config, pull request, files) is the test's to list with `mockGitHub()`.
 */
export function storeGitHubWrites(faults: WriteFaults, earlier: { reviews?: Stored[]; comments?: Stored[] } = {}): StoredWrites {
  const store: StoredWrites = { reviewPosts: [], reviews: [...(earlier.reviews ?? [])], commentPosts: [], comments: [...(earlier.comments ?? [])], checkRunPosts: [], checkRuns: [] };
  const pending = { review: [...(faults.review ?? [])], summary: [...(faults.summary ?? [])], checkRun: [...(faults.checkRun ?? [])] };
  let nextId = 900;
  const bot = { login: BOT_LOGIN, type: "Bot" };

  // Stores the write unless the next fault drops it, and answers as the fault says.
  const post = (kind: keyof typeof pending, posts: Array<Record<string, any>>, into: Stored[], make: (body: Record<string, any>, id: number) => Stored, status: number) =>
    (_uri: string, body: nock.Body): nock.ReplyFnResult => {
      const sent = body as Record<string, any>;
      posts.push(sent);
      const fault = pending[kind].shift();
      if (fault === "502") return [502, { message: "Bad Gateway" }];
      const stored = make(sent, nextId++);
      into.push(stored);
      return fault === "lands, then 502" ? [502, { message: "Bad Gateway" }] : [status, stored];
    };

  const scope = nock(GITHUB_API).persist();
  scope
    .get(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`)
    .query(true)
    .reply(200, () => store.reviews)
    .post(`${REPO_PATH}/pulls/${PR_NUMBER}/reviews`)
    .reply(post("review", store.reviewPosts, store.reviews, (body, id) => ({ ...body, id, user: bot, state: "COMMENTED", html_url: reviewUrl(id) }), 200))
    .get(`${REPO_PATH}/pulls/${PR_NUMBER}/comments`)
    .query(true)
    .reply(200, [])
    .get(`${REPO_PATH}/issues/${PR_NUMBER}/comments`)
    .query(true)
    .reply(200, () => store.comments)
    .post(`${REPO_PATH}/issues/${PR_NUMBER}/comments`)
    .reply(post("summary", store.commentPosts, store.comments, (body, id) => ({ id, body: body.body, user: bot }), 201))
    .patch(new RegExp(`^${REPO_PATH}/issues/comments/\\d+$`))
    .reply((uri, body) => update(store.comments, uri, body as Record<string, any>))
    .post(`${REPO_PATH}/check-runs`)
    .reply(post("checkRun", store.checkRunPosts, store.checkRuns, (body, id) => ({ ...body, id, external_id: body.external_id ?? "", status: body.status ?? "queued", conclusion: body.conclusion ?? null }), 201))
    .patch(new RegExp(`^${REPO_PATH}/check-runs/\\d+$`))
    .reply((uri, body) => update(store.checkRuns, uri, body as Record<string, any>))
    .get(new RegExp(`^${REPO_PATH}/commits/[0-9a-f]{40}/check-runs`))
    .query(true)
    .reply(200, (uri) => {
      const sha = uri.split("/commits/")[1]!.slice(0, 40);
      const runs = store.checkRuns.filter((run) => run.head_sha === sha);
      return { total_count: runs.length, check_runs: runs };
    });
  return store;
}

/** The web address GitHub gives review `id` of the example pull request. */
export function reviewUrl(id: number): string {
  return `https://github.com/${OWNER}/${REPO}/pull/${PR_NUMBER}#pullrequestreview-${id}`;
}

function update(items: Stored[], uri: string, body: Record<string, any>): nock.ReplyFnResult {
  const item = items.find((each) => each.id === Number(uri.split("/").at(-1)));
  if (!item) return [404, { message: "Not Found" }];
  Object.assign(item, body);
  return [200, item];
}
