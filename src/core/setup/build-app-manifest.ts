import { z } from "zod";

/** The part of the manifest that `app.yml` owns: what the App does and the least it may touch. */
export const appManifestBaseSchema = z.object({
  description: z.string().min(1),
  public: z.boolean().default(false),
  default_events: z.array(z.string().min(1)).min(1),
  default_permissions: z.record(z.string(), z.enum(["read", "write"])),
});
export type AppManifestBase = z.infer<typeof appManifestBaseSchema>;

/** What the person registering the App chose (or accepted) on the set-up page. */
export interface RegistrationChoice {
  /** The user or organization that will own the App (its GitHub login). */
  owner: string;
  /** Registers under the organization's settings rather than a personal account's. */
  organization: boolean;
  /** Empty: `Patchwise <owner>`, since App names are unique across all of GitHub. */
  name: string;
  webhookUrl: string;
}

export interface AppRegistration {
  /** Where the set-up page posts the manifest. */
  registerUrl: string;
  manifest: Record<string, unknown>;
}

// GitHub refuses App names longer than 34 characters.
const MAX_NAME_LENGTH = 34;

/** The name a new App gets unless the person registering it types another. */
export function defaultAppName(owner: string): string {
  return `Patchwise ${owner}`.trim().slice(0, MAX_NAME_LENGTH);
}

/**
 * The manifest GitHub registers the App from: `app.yml`'s events and permissions, the chosen
 * name and webhook URL, the owner's GitHub page as homepage (a page that exists, unlike a made-up
 * App page), and the set-up page's own address to come back to with the code.
 */
export function buildAppManifest(base: AppManifestBase, choice: RegistrationChoice, where: { githubWebUrl: string; setupBaseUrl: string; state: string }): AppRegistration {
  const owner = encodeURIComponent(choice.owner);
  const settings = choice.organization ? `/organizations/${owner}/settings/apps/new` : "/settings/apps/new";
  return {
    registerUrl: `${where.githubWebUrl}${settings}?state=${encodeURIComponent(where.state)}`,
    manifest: {
      name: (choice.name.trim() || defaultAppName(choice.owner)).slice(0, MAX_NAME_LENGTH),
      url: `${where.githubWebUrl}/${owner}`,
      hook_attributes: { url: choice.webhookUrl, active: true },
      redirect_url: `${where.setupBaseUrl}/probot/setup`,
      description: base.description,
      public: base.public,
      default_events: base.default_events,
      default_permissions: base.default_permissions,
    },
  };
}
