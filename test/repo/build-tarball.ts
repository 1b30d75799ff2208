import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";

export type TarEntry = { name: string; content: string | Buffer } | { name: string; type: "symlink"; linkname: string };

/** A gzipped tarball shaped like GitHub's: one `owner-repo-sha/` directory holding every entry. */
export async function buildTarball(prefix: string, entries: TarEntry[]): Promise<Buffer> {
  const archive = pack();
  archive.entry({ name: `${prefix}/`, type: "directory" });
  for (const entry of entries) {
    const name = `${prefix}/${entry.name}`;
    if ("content" in entry) archive.entry({ name }, entry.content);
    else archive.entry({ name, type: "symlink", linkname: entry.linkname });
  }
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}
