import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { appManifestBaseSchema, type AppManifestBase } from "../../core/setup/build-app-manifest.js";

/** `app.yml`: the events and permissions every Patchwise App is registered with. */
export async function readAppManifest(path: string): Promise<AppManifestBase> {
  const result = appManifestBaseSchema.safeParse(parse(await readFile(path, "utf8")));
  if (!result.success) throw new Error(`${path} is not a valid App manifest: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return result.data;
}
