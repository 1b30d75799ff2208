import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import type { RepoSnapshot } from "../core/context/repo-snapshot.js";
import type { GitHubClient } from "../github/github-client.js";
import { createSnapshotBuilder } from "./create-snapshot-builder.js";
import type { SnapshotLimits } from "./snapshot-limits.js";

export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** The tarball held more text than the total cap allows; nothing of it is kept. */
export class TarballOverCapError extends Error {
  override readonly name = "TarballOverCapError";
}

/**
 * Reads the repository at `ref` with one API call: GitHub's tarball (a redirect to codeload, or
 * to the same host on GHE), streamed through gunzip and a tar parser in memory. Binary, oversized
 * and excluded files are skipped, and so are those `needed` refuses (they stream past, never
 * decoded); the `owner-repo-sha/` prefix is stripped. Throws
 * `TarballOverCapError` when the text passes `limits.maxTotalBytes`.
 */
export async function readGitHubTarball(octokit: GitHubClient, coordinates: RepoCoordinates, ref: string, limits: SnapshotLimits, signal?: AbortSignal, needed?: (path: string) => boolean): Promise<RepoSnapshot> {
  const response = await octokit.rest.repos.downloadTarballArchive({
    ...coordinates,
    ref,
    // The raw body stream, so the archive is never buffered whole.
    request: { parseSuccessResponseBody: false, ...(signal ? { signal } : {}) },
  });
  const body = response.data as unknown;
  if (!(body instanceof ReadableStream)) throw new Error("GitHub's tarball response had no body");
  const input = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  const gunzip = createGunzip();
  const entries = extract();
  input.on("error", (error) => gunzip.destroy(error));
  gunzip.on("error", (error) => entries.destroy(error));
  input.pipe(gunzip).pipe(entries);

  const builder = createSnapshotBuilder("tarball", limits, needed);
  try {
    for await (const entry of entries) {
      signal?.throwIfAborted();
      const path = stripArchivePrefix(entry.header.name);
      const size = entry.header.size ?? 0;
      if (entry.header.type !== "file" || path === undefined) {
        if (entry.header.type === "symlink" || entry.header.type === "link") builder.exclude();
        entry.resume();
        continue;
      }
      if (!builder.admit(path, size)) {
        entry.resume();
        continue;
      }
      if (!builder.fits(size)) throw new TarballOverCapError(`the repository has more than ${limits.maxTotalBytes} bytes of text files`);
      builder.add(path, await readEntry(entry));
    }
  } finally {
    // Stops the download too when the loop ended early (cap, abort, bad archive).
    input.destroy();
    gunzip.destroy();
  }
  return builder.build();
}

// "acme-shop-0123abc/src/a.ts" -> "src/a.ts"; undefined for the top directory and unsafe names.
function stripArchivePrefix(name: string): string | undefined {
  const slash = name.indexOf("/");
  const path = slash === -1 ? "" : name.slice(slash + 1);
  if (path === "" || path.startsWith("/") || path.split("/").some((segment) => segment === ".." || segment === "")) return undefined;
  return path;
}

async function readEntry(entry: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
