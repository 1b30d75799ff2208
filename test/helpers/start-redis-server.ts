import { spawn, spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./free-port.js";
import { WAIT_SAFETY_NET_MS } from "./wait-for.js";

// A real redis-server (the Debian package) on a free loopback port, without persistence, started
// and stopped by the test itself. A missing binary fails the test: CI installs the package
// (.ci/run), and a queue test that silently skipped would prove nothing.

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts redis-server and resolves once it accepts connections. */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error("redis-server not found on the PATH: the tests start their own (README, Quick start). Install it: `sudo apt-get install -y redis-server` (Debian, Ubuntu) or `brew install redis` (macOS); .ci/run installs it on CI");
  }
  const port = await freePort();
  const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  await waitUntilAnswering(port, () => output, exited);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
      await exited;
    },
  };
}

async function waitUntilAnswering(port: number, output: () => string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + WAIT_SAFETY_NET_MS;
  while (Date.now() < deadline && !gone) {
    if (await ping(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}:\n${output()}`);
}

// One inline PING over a raw socket: no client library needed to know the server is up.
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
    socket.setTimeout(500, () => socket.destroy());
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("close", () => resolve(false));
  });
}
