import type { AppRegistration } from "../../core/setup/build-app-manifest.js";

/** Text made safe inside HTML elements and quoted attributes. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<style>body{font:16px system-ui,sans-serif;max-width:42em;margin:2em auto;padding:0 1em}label{display:block;margin:1em 0 .3em}input[type=text],input[type=url]{width:100%}code{background:#eee}</style>` +
  `</head><body>${body}</body></html>`;

export interface SetupFormValues {
  owner: string;
  organization: boolean;
  name: string;
  webhookUrl: string;
}

/** Step 1: who owns the new App, its name and where GitHub sends its webhooks. */
export function renderSetupForm(values: SetupFormValues, webhookPath: string): string {
  const reachable = /^https?:\/\/(localhost|127\.|\[::1\])/.test(values.webhookUrl)
    ? `<p><strong>GitHub cannot reach ${escapeHtml(values.webhookUrl)}.</strong> On a laptop, open <a href="https://smee.io/new">a smee.io channel</a>, paste its URL here, and forward it with <code>npx smee-client --url &lt;channel&gt; --target http://localhost:3000${escapeHtml(webhookPath)}</code>.</p>`
    : "";
  return page(
    "Register Patchwise",
    `<h1>Register your Patchwise GitHub App</h1>
<form method="get" action="/probot/register">
<label for="owner">Owner: your GitHub login, or the organization's</label><input type="text" id="owner" name="owner" required value="${escapeHtml(values.owner)}">
<label><input type="checkbox" name="organization" value="true"${values.organization ? " checked" : ""}> The owner is an organization</label>
<label for="name">App name (unique across GitHub; empty: Patchwise and the owner)</label><input type="text" id="name" name="name" maxlength="34" value="${escapeHtml(values.name)}">
<label for="webhookUrl">Webhook URL: where GitHub can reach this server</label><input type="url" id="webhookUrl" name="webhookUrl" required value="${escapeHtml(values.webhookUrl)}">
${reachable}<p><button type="submit">Continue</button></p>
</form>
<h2>Already have a GitHub App?</h2>
<p>Set its webhook URL to the one above (the path is <code>${escapeHtml(webhookPath)}</code>, or the smee.io channel's URL), then put <code>APP_ID</code>, <code>PRIVATE_KEY_PATH</code> (or <code>PRIVATE_KEY</code>) and <code>WEBHOOK_SECRET</code> in <code>.env</code> and restart <code>npm start</code>.</p>`,
  );
}

/** Step 2: the manifest about to be sent, and the button that sends it to GitHub. */
export function renderRegisterPage(registration: AppRegistration): string {
  const manifest = JSON.stringify(registration.manifest);
  return page(
    "Register Patchwise",
    `<h1>Register on GitHub</h1>
<p>GitHub will register this App and send you back here; its credentials are then written to <code>.env</code>.</p>
<pre>${escapeHtml(JSON.stringify(registration.manifest, null, 2))}</pre>
<form method="post" action="${escapeHtml(registration.registerUrl)}"><input type="hidden" name="manifest" value="${escapeHtml(manifest)}"><button type="submit">Register GitHub App</button></form>
<p><a href="/probot">Back</a></p>`,
  );
}

/** Step 3: done; the server must restart to use the credentials. */
export function renderRegisteredPage(installUrl: string): string {
  return page(
    "Patchwise registered",
    `<h1>Registered</h1><p>The App's id, private key and webhook secret are in <code>.env</code>. Add your model settings there, stop this server and run <code>npm start</code> again, then <a href="${escapeHtml(installUrl)}">install the App on a repository</a>.</p>`,
  );
}
