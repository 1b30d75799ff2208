import { loadWebhookExample } from "../helpers/webhook-examples.js";
import { buildTarball } from "../repo/build-tarball.js";

// The pull request the Action tests review: a real `pull_request.opened` event, one changed file.
export const API = "https://api.github.com";
export const payload = loadWebhookExample("pull_request", (p) => p.action === "opened");
export const owner: string = payload.repository.owner.login;
export const repo: string = payload.repository.name;
export const number: number = payload.pull_request.number;
export const headSha: string = payload.pull_request.head.sha;
export const prPath = `/repos/${owner}/${repo}/pulls/${number}`;
export const PATCH = "@@ -1,2 +1,3 @@\n const a = 1;\n+const b = a / 0;\n const c = 2;";
// The repository at the head commit, which the Action reads for related code like the App does.
export const TARBALL = await buildTarball(`${owner}-${repo}-head`, [{ name: "src/a.ts", content: "const a = 1;\nconst b = a / 0;\nconst c = 2;\n" }]);
