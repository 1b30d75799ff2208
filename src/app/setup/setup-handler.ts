import type { IncomingMessage, ServerResponse } from "node:http";
import { buildAppManifest, type AppManifestBase } from "../../core/setup/build-app-manifest.js";
import { WEBHOOK_PATH } from "../webhook-endpoint.js";
import type { RegisteredApp } from "./exchange-manifest-code.js";
import { escapeHtml, renderRegisteredPage, renderRegisterPage, renderSetupForm } from "./render-setup-page.js";

export interface SetupOptions {
  base: AppManifestBase;
  githubWebUrl: string;
  /** From WEBHOOK_PROXY_URL or PATCHWISE_PUBLIC_URL; else this server's own address is offered. */
  webhookUrl: string | undefined;
  organization: string | undefined;
  /** Sent to GitHub with the manifest and checked on the way back: only our own registration is accepted. */
  state: string;
  exchangeCode(code: string): Promise<RegisteredApp>;
  saveCredentials(values: Record<string, string>): Promise<void>;
}

const html = (res: ServerResponse, status: number, body: string) => res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(body);

/** The set-up pages `npm start` serves until the App is registered (Probot's paths, our manifest). */
export function createSetupHandler(options: SetupOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET") return false;
    const url = new URL(req.url ?? "/", "http://setup");
    const query = url.searchParams;
    const baseUrl = `http://${req.headers.host ?? "localhost"}`;
    switch (url.pathname) {
      case "/":
        res.writeHead(302, { location: "/probot" }).end();
        return true;
      case "/probot":
        html(res, 200, renderSetupForm({ owner: options.organization ?? "", organization: Boolean(options.organization), name: "", webhookUrl: options.webhookUrl ?? `${baseUrl}${WEBHOOK_PATH}` }, WEBHOOK_PATH));
        return true;
      case "/probot/register": {
        const owner = query.get("owner")?.trim() ?? "";
        const webhookUrl = query.get("webhookUrl")?.trim() ?? "";
        if (!/^[A-Za-z0-9-]+$/.test(owner) || !URL.canParse(webhookUrl)) {
          html(res, 400, "An owner (a GitHub login) and a webhook URL are needed: <a href=\"/probot\">back</a>");
          return true;
        }
        const choice = { owner, organization: query.get("organization") === "true", name: query.get("name") ?? "", webhookUrl };
        html(res, 200, renderRegisterPage(buildAppManifest(options.base, choice, { githubWebUrl: options.githubWebUrl, setupBaseUrl: baseUrl, state: options.state })));
        return true;
      }
      case "/probot/setup": {
        const code = query.get("code");
        if (!code || query.get("state") !== options.state) {
          html(res, 400, "This registration did not start on this set-up page: <a href=\"/probot\">start again</a>");
          return true;
        }
        const app = await options.exchangeCode(code).catch((error: Error) => error);
        if (app instanceof Error) {
          html(res, 502, `${escapeHtml(app.message)}: <a href="/probot">start again</a>`);
          return true;
        }
        await options.saveCredentials({ APP_ID: String(app.id), PRIVATE_KEY: app.pem, WEBHOOK_SECRET: app.webhook_secret, GITHUB_CLIENT_ID: app.client_id, GITHUB_CLIENT_SECRET: app.client_secret });
        html(res, 200, renderRegisteredPage(`${app.html_url}/installations/new`));
        return true;
      }
      default:
        return false;
    }
  };
}
