import { connect, type Socket } from "node:net";

// A bare HTTP/1.1 client over a TCP socket, for the body-limit tests. node:http (and the
// interceptor nock wraps around it) closes its socket once it has read an early answer and
// reports write errors of its own, which would make the tests measure the client, not the server.

export interface RawPostOptions {
  port: number;
  path: string;
  /** Sent as they are; a `content-length` here overrides the real one (to declare a size never sent). */
  headers: Record<string, string>;
  /** Text, or bytes sent as they are (one buffer can be sent on many connections without a copy each). Chunked bodies are text. */
  body: string | Uint8Array;
  /** Send with `transfer-encoding: chunked`, in 1 MB chunks, instead of a Content-Length. */
  chunked?: boolean;
  /** Chunked only: leave the body unfinished (no last chunk), so the test can keep sending. (With a Content-Length, declare more than `body` for that.) */
  keepOpen?: boolean;
}

export interface RawAnswer {
  status: number;
  socket: Socket;
  /** Resolves when the connection is closed. */
  closed: Promise<void>;
  /** Everything received so far (status line, headers, body). */
  received(): string;
}

const CHUNK = 1024 * 1024;

/** One chunk of a chunked body, framed. */
function chunkFrame(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
}

/** Sends one POST and resolves as soon as the answer's status line arrives, whatever is still being sent. */
export function rawPost(options: RawPostOptions): Promise<RawAnswer> {
  return startPost(options).answer;
}

/**
 * Starts one POST and hands its socket over at once, so a test can send more of the body (or go
 * away) before any answer; `answer` resolves when the status line arrives.
 */
export function startPost({ port, path, headers, body, chunked = false, keepOpen = false }: RawPostOptions): { socket: Socket; answer: Promise<RawAnswer> } {
  if (chunked && typeof body !== "string") throw new TypeError("a chunked body is sent as text");
  const socket = connect(port, "127.0.0.1");
  const closed = new Promise<void>((done) => socket.on("close", () => done()));
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let received = "";
    let answered = false;
    // A server that cuts a refused upload off makes pending writes fail; the answer is what counts.
    socket.on("error", () => undefined);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(received)?.[1];
      if (!answered && status) {
        answered = true;
        resolve({ status: Number(status), socket, closed, received: () => received });
      }
    });
    socket.on("close", () => answered || reject(new Error("connection closed without an answer")));
  });
  // A test that goes away itself does not wait for an answer: that is no unhandled rejection.
  answer.catch(() => undefined);
  const framing = chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(Buffer.byteLength(body)) };
  const head = Object.entries({ host: `127.0.0.1:${port}`, ...framing, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`POST ${path} HTTP/1.1\r\n${head.join("")}\r\n`);
  if (!chunked) socket.write(body);
  else {
    for (let offset = 0; offset < body.length; offset += CHUNK) socket.write(chunkFrame(body.slice(offset, offset + CHUNK) as string));
    if (!keepOpen) socket.write("0\r\n\r\n");
  }
  return { socket, answer };
}
