import { describe, expect, it } from "@jest/globals";
import type { PipelineJob } from "../../src/pipeline/review-pull-request.js";
import { readQueuedJob, toQueuedJob } from "../../src/queue/queued-job.js";
import { jobIdFor, pullRequestKey } from "../../src/queue/queue-keys.js";

const push: PipelineJob = { installationId: 9, owner: "acme", repo: "shop.js", pullNumber: 12, headSha: "c".repeat(40), trigger: "synchronize", deliveryId: "d-1" };
const command = { actorLogin: "octocat", pullRequestAuthorLogin: "hubot", repositoryPrivate: false, commentId: 5, full: false, focus: "" };

describe("toQueuedJob / readQueuedJob", () => {
  it("keeps exactly the references of an automatic job, and reads them back unchanged", () => {
    const queued = toQueuedJob({ ...push, title: "Add checkout", files: [{ patch: "+secret()" }] } as PipelineJob);
    expect(Object.keys(queued).sort()).toEqual(["deliveryId", "headSha", "installationId", "owner", "pullNumber", "repo", "trigger"]);
    expect(readQueuedJob(JSON.parse(JSON.stringify(queued)))).toEqual(push);
  });

  it("keeps the command's logins, ids and flags, and its focus phrase of at most 200 characters", () => {
    const job: PipelineJob = { ...push, headSha: null, trigger: "command", command: { ...command, focus: "error handling" } };
    expect(readQueuedJob(toQueuedJob(job))).toEqual(job);
    expect(() => toQueuedJob({ ...job, command: { ...command, focus: "x".repeat(201) } })).toThrow();
  });

  it("keeps an /ask job's name and comment id, never a question", () => {
    const job: PipelineJob = { ...push, headSha: null, trigger: "command", command: { ...command, name: "ask" } };
    expect(readQueuedJob(toQueuedJob(job))).toEqual(job);
    expect(() => readQueuedJob({ ...toQueuedJob(job), command: { ...command, name: "ask", question: "why?" } })).toThrow();
  });

  it("refuses data in Redis that is not a job of this version: extra fields, a bad sha, an unknown trigger", () => {
    expect(() => readQueuedJob({ ...push, diff: "+code" })).toThrow();
    expect(() => readQueuedJob({ ...push, headSha: "main" })).toThrow();
    expect(() => readQueuedJob({ ...push, trigger: "push" })).toThrow();
  });
});

describe("job ids", () => {
  it("name one job per pull request and commit, and one waiting /review per pull request", () => {
    expect(pullRequestKey(push)).toBe("9/acme/shop.js#12");
    expect(jobIdFor(push)).toBe(`9/acme/shop.js#12@${"c".repeat(40)}`);
    expect(jobIdFor({ ...push, headSha: null })).toBe("9/acme/shop.js#12@command");
    // Each /ask comment is a job of its own: a second question does not wait behind, or vanish into, the first.
    expect(jobIdFor({ ...push, headSha: null, command: { ...command, name: "ask", commentId: 77 } })).toBe("9/acme/shop.js#12@ask-77");
    // BullMQ refuses ids with ":" (its key separator).
    expect(jobIdFor(push)).not.toContain(":");
  });
});
