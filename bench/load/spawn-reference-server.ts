import { spawn } from "node:child_process";
import { connect } from "node:net";
import { freePort } from "../../test/helpers/free-port.js";

/** The yardstick receiver (reference-webhook-server.mjs) in a process of its own, once it accepts connections. */
export async function spawnReferenceServer(secret: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [new URL("./reference-webhook-server.mjs", import.meta.url).pathname, String(port), secret], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the reference webhook server did not start (exit code ${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
