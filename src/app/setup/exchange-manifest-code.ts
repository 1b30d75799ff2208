import { z } from "zod";

const conversionSchema = z.object({
  id: z.number().int(),
  html_url: z.url(),
  pem: z.string().min(1),
  webhook_secret: z.string().min(1),
  client_id: z.string(),
  client_secret: z.string(),
});

export type RegisteredApp = z.infer<typeof conversionSchema>;

/**
 * Trades the one-time code GitHub hands back after registration for the new App's credentials
 * (`POST /app-manifests/{code}/conversions`, no authentication). The message of a failure names
 * the status only: the answer may hold the App's private key.
 */
export async function exchangeManifestCode(code: string, githubApiUrl: string, fetchFn: typeof fetch = fetch): Promise<RegisteredApp> {
  const response = await fetchFn(`${githubApiUrl}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "user-agent": "patchwise-setup" },
  });
  if (!response.ok) throw new Error(`GitHub refused the registration code (HTTP ${response.status}): codes expire after an hour and work once; register again from the set-up page`);
  const parsed = conversionSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error("GitHub's answer to the registration code lacks the App's id, key or webhook secret");
  return parsed.data;
}
