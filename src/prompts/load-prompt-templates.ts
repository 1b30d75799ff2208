import { access, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const SYSTEM_FILE = "review.system.md";
const USER_FILE = "review.user.md";
const VERIFY_SYSTEM_FILE = "verify.system.md";
const VERIFY_USER_FILE = "verify.user.md";
const ASK_SYSTEM_FILE = "ask.system.md";
const ASK_USER_FILE = "ask.user.md";
const THREAD_SYSTEM_FILE = "thread.system.md";
const THREAD_USER_FILE = "thread.user.md";
const DESCRIBE_SYSTEM_FILE = "describe.system.md";
const DESCRIBE_USER_FILE = "describe.user.md";

/** The review templates, those of the optional verify pass (`verify: true`), of `/ask`, of thread answers and of `/describe`. */
export interface PromptTemplates {
  system: string;
  user: string;
  verify?: { system: string; user: string };
  /** Filled like the review's (the question in place of the review's focus); without them `/ask` is not answered. */
  ask?: { system: string; user: string };
  /** Filled like the review's (the thread in place of the focus); without them replies in Patchwise's threads are not answered. */
  thread?: { system: string; user: string };
  /** Filled like the review's; without them `/describe` writes nothing. */
  describe?: { system: string; user: string };
}

/**
 * Reads the prompt templates. They sit next to this module when it runs from src/; tsc does not
 * copy .md files into dist/, so from dist/prompts the package's src/prompts is used.
 */
export async function loadPromptTemplates(): Promise<Required<PromptTemplates>> {
  const dir = await findTemplateDir();
  const files = [SYSTEM_FILE, USER_FILE, VERIFY_SYSTEM_FILE, VERIFY_USER_FILE, ASK_SYSTEM_FILE, ASK_USER_FILE, THREAD_SYSTEM_FILE, THREAD_USER_FILE, DESCRIBE_SYSTEM_FILE, DESCRIBE_USER_FILE];
  const [system, user, verifySystem, verifyUser, askSystem, askUser, threadSystem, threadUser, describeSystem, describeUser] = await Promise.all(
    files.map((name) => readFile(new URL(name, dir), "utf8")),
  );
  return {
    system: system!,
    user: user!,
    verify: { system: verifySystem!, user: verifyUser! },
    ask: { system: askSystem!, user: askUser! },
    thread: { system: threadSystem!, user: threadUser! },
    describe: { system: describeSystem!, user: describeUser! },
  };
}

async function findTemplateDir(): Promise<URL> {
  const candidates = [new URL("./", import.meta.url), new URL("../../src/prompts/", import.meta.url)];
  for (const dir of candidates) {
    if (await exists(new URL(SYSTEM_FILE, dir))) return dir;
  }
  throw new Error(`prompt templates not found; looked for ${SYSTEM_FILE} in ${candidates.map((dir) => fileURLToPath(dir)).join(" and ")}`);
}

async function exists(file: URL): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
