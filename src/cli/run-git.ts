import { execFile } from "node:child_process";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** A git command that failed; the message is git's own first line (a ref or repository problem). */
export class GitError extends Error {
  override readonly name = "GitError";
}

/** Runs git in `cwd` and returns its stdout; paths are written unquoted, colours off. */
export async function runGit(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", ["-c", "core.quotePath=false", "-c", "color.ui=false", ...args], {
      cwd,
      maxBuffer: 512 * 1024 * 1024,
      encoding: "utf8",
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new GitError(`git ${args[0]} failed: ${stderr.split("\n")[0]?.trim() || (error as Error).message}`);
  }
}
