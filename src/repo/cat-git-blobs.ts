import { spawn } from "node:child_process";
import { GitError } from "../cli/run-git.js";

const NEWLINE = 0x0a;

/**
 * Streams blobs out of the repository at `root` through one `git cat-file --batch` process,
 * calling `onBlob` with each one's bytes in the order of `objects`; nothing is written to disk
 * and no blob is kept once handed over.
 */
export function catGitBlobs(root: string, objects: readonly string[], onBlob: (index: number, bytes: Buffer) => void, signal?: AbortSignal): Promise<void> {
  if (objects.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "pipe"], ...(signal ? { signal } : {}) });
    let pending: Buffer = Buffer.alloc(0);
    // The body size of the object being read; undefined while waiting for its header line.
    let bodySize: number | undefined;
    let received = 0;
    let failure: Error | undefined;
    let stderr = "";

    child.stdout.on("data", (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (failure === undefined) {
        if (bodySize === undefined) {
          const end = pending.indexOf(NEWLINE);
          if (end < 0) return;
          // "<object> blob <size>", or "<object> missing" for an object the database lacks.
          const [, type, size] = pending.subarray(0, end).toString("utf8").split(" ");
          pending = pending.subarray(end + 1);
          if (type !== "blob") {
            failure = new GitError(`git cat-file failed: object ${objects[received]} is not a blob in this repository`);
            child.kill();
            return;
          }
          bodySize = Number(size);
        }
        // The body is followed by one newline.
        if (pending.length < bodySize + 1) return;
        onBlob(received, pending.subarray(0, bodySize));
        pending = pending.subarray(bodySize + 1);
        bodySize = undefined;
        received += 1;
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error) => {
      failure ??= error;
    });
    child.on("close", (code) => {
      if (failure) reject(failure);
      else if (code !== 0 || received !== objects.length) reject(new GitError(`git cat-file failed: ${stderr.split("\n")[0]?.trim() || `exit code ${code}, ${received} of ${objects.length} objects read`}`));
      else resolve();
    });
    child.stdin.on("error", () => undefined);
    child.stdin.end(`${objects.join("\n")}\n`);
  });
}
