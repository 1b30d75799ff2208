import { afterEach, describe, expect, it } from "@jest/globals";
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createBodyBudget } from "../../src/app/create-body-budget.js";
import { readLimitedBody } from "../../src/app/read-limited-body.js";
import { createRecordingLogger } from "../helpers/silent-logger.js";
import { waitFor } from "../helpers/wait-for.js";
import { rawPost, startPost } from "./raw-http-post.js";

// The guard on a bare node server with a small limit (LIMIT per body) and budget (POOL bytes
// shared, plus one body past it). Refusals must come while the client has not sent (all of) its
// body, and close the connection at once. Read deadlines are fired by the test, not a clock.

const LIMIT = 10_000;
const POOL = 1_000;
let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function guardedServer() {
  const seen: Array<{ url: string; body: unknown }> = [];
  /** Every read's outcome on the server: the body, or null once refused or abandoned. */
  const ended: Array<Buffer[] | null> = [];
  /** One per body whose reading started, in order: firing it passes that body's deadline. */
  const deadlines: Array<() => void> = [];
  const log = createRecordingLogger();
  const limit = { maxBytes: LIMIT, budget: createBodyBudget(POOL), startDeadline: (expired: () => void) => (deadlines.push(expired), () => undefined), log };
  server = createServer(async (req: IncomingMessage, res) => {
    const chunks = await readLimitedBody(req, res, limit);
    ended.push(chunks);
    if (chunks === null) return;
    seen.push({ url: req.url ?? "", body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(200).end("handled");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  /** A POST declaring `declared` bytes that sends `sent` of them now and waits; its reading has started. */
  const holding = async (declared: number, sent: number) => {
    const post = startPost({ port, path: "/", headers: { "content-length": String(declared) }, body: "h".repeat(sent) });
    const reading = deadlines.length + 1;
    let answered = false;
    void post.answer.then(() => (answered = true), () => (answered = true));
    await waitFor(() => deadlines.length === reading || answered);
    expect(answered).toBe(false);
    return post;
  };
  return { port, seen, ended, deadlines, log, holding };
}

describe("readLimitedBody", () => {
  it("answers 413 to a declared Content-Length over the limit and closes the connection, without waiting for the body", async () => {
    const { port, seen, log } = await guardedServer();

    const answer = await rawPost({ port, path: "/api/github/webhooks", headers: { "content-type": "application/json", "content-length": "5000000000", "x-github-delivery": "d-1" }, body: "" });
    await answer.closed;

    expect(answer.status).toBe(413);
    expect(answer.received()).toContain("connection: close");
    expect(answer.received().endsWith(`{"error":"Request body larger than ${LIMIT} bytes"}`)).toBe(true);
    expect(seen).toEqual([]);
    expect(log.lines).toEqual([
      { level: "warn", obj: { deliveryId: "d-1", contentLength: "5000000000", maxBytes: LIMIT }, msg: "request body over the webhook size limit refused (413)" },
    ]);
  });

  it("answers 413 to a chunked body as soon as the count passes the limit, and closes while the client is still sending", async () => {
    const { port, seen } = await guardedServer();

    const answer = await rawPost({ port, path: "/", headers: {}, body: "a".repeat(LIMIT + 200), chunked: true, keepOpen: true });
    await answer.closed;

    expect(answer.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it("answers 503 with Retry-After before reading a body that finds no room, while the pool still takes small bodies", async () => {
    const { port, seen, holding } = await guardedServer();
    // Larger than the pool: it takes the one slot past it.
    const large = await holding(5_000, 100);

    const refused = await rawPost({ port, path: "/", headers: { "content-length": "5000" }, body: "" });
    await refused.closed;
    const small = await rawPost({ port, path: "/small", headers: {}, body: "s".repeat(POOL) });
    large.socket.write("h".repeat(4_900));
    const finished = await large.answer;
    const again = await rawPost({ port, path: "/again", headers: {}, body: "g".repeat(5_000) });

    expect(refused.status).toBe(503);
    expect(refused.received()).toMatch(/\r\nretry-after: 10\r\n/);
    expect(refused.received()).toContain("connection: close");
    expect([small.status, finished.status, again.status]).toEqual([200, 200, 200]);
    expect(seen.map((request) => request.url)).toEqual(["/small", "/", "/again"]);
  });

  it("answers 503 to a chunked body the moment it outgrows the pool while another body holds the slot, and closes while it is still sending", async () => {
    const { port, seen, holding } = await guardedServer();
    await holding(5_000, 10);

    const chunked = await rawPost({ port, path: "/chunked", headers: {}, body: "c".repeat(POOL + 500), chunked: true, keepOpen: true });
    await chunked.closed;

    expect(chunked.status).toBe(503);
    expect(seen).toEqual([]);
  });

  it("answers 408 and closes when the body is not complete by its deadline, and gives its share back", async () => {
    const { port, deadlines, log, holding } = await guardedServer();
    const slow = await holding(5_000, 10);

    deadlines[0]!();
    const answer = await slow.answer;
    await answer.closed;
    const next = await rawPost({ port, path: "/", headers: {}, body: "n".repeat(5_000) });

    expect(answer.status).toBe(408);
    expect(answer.received()).toContain("connection: close");
    expect(log.lines).toContainEqual({ level: "warn", obj: { deliveryId: undefined, contentLength: "5000", received: 10 }, msg: "request body not received within 10 s: refused (408)" });
    expect(next.status).toBe(200);
  });

  it("gives the budget back after every way a body ends, so twenty clients gone mid-body leave the pool and the slot free", async () => {
    const { port, seen, ended, holding } = await guardedServer();
    for (let gone = 0; gone < 20; gone++) {
      // Alternately the slot and most of the pool, each held and abandoned.
      const post = await holding(gone % 2 === 0 ? 5_000 : POOL, POOL - 1);
      post.socket.destroy();
      await waitFor(() => ended.length === gone + 1);
    }

    const large = await holding(5_000, 10);
    const fullPool = await rawPost({ port, path: "/pool", headers: {}, body: "p".repeat(POOL) });
    large.socket.write("h".repeat(4_990));

    expect(fullPool.status).toBe(200);
    expect((await large.answer).status).toBe(200);
    expect(ended.slice(0, 20)).toEqual(Array(20).fill(null));
    expect(seen.map((request) => request.url)).toEqual(["/pool", "/"]);
  });

  it("hands a body within the limit over whole, and an empty body as empty", async () => {
    const { port, seen } = await guardedServer();
    const body = JSON.stringify({ zeta: "é".repeat(100) });

    const status = await new Promise<number>((resolve) => {
      const req = request({ host: "127.0.0.1", port, method: "POST", path: "/api/github/webhooks", headers: { "content-type": "application/json" } }, (res) => resolve(res.statusCode ?? 0));
      req.end(body);
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);

    expect([status, health.status]).toEqual([200, 200]);
    expect(seen).toEqual([
      { url: "/api/github/webhooks", body },
      { url: "/healthz", body: "" },
    ]);
  });
});
