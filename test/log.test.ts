import { describe, expect, it } from "@jest/globals";
import { Writable } from "node:stream";
import { createLogger } from "../src/log.js";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: createLogger("debug", stream) };
}

describe("createLogger", () => {
  it("censors a webhook payload as Probot logs it at debug level", () => {
    const { lines, logger } = capture();
    logger.debug({ event: { id: "d-1", name: "pull_request", payload: { pull_request: { title: "SENTINEL-title", body: "SENTINEL-body" } } } }, "Webhook received");

    expect(lines.join("")).toContain('"id":"d-1"');
    expect(lines.join("")).not.toContain("SENTINEL");
  });

  it.each(["body", "patch", "prompt", "diff", "suggestion", "content"])("censors a %s field up to three levels deep", (key) => {
    const { lines, logger } = capture();
    logger.info({ [key]: "SENTINEL-1", a: { [key]: "SENTINEL-2", b: { [key]: "SENTINEL-3" } } });

    expect(lines.join("")).not.toContain("SENTINEL");
  });
});
