import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * What a browser downloads for each page, read from the classic Remix compiler's output
 * (`public/build`, served under `/build/`, as remix.config.js leaves the defaults).
 */
export const assetsDirectory = path.resolve("public/build");
const publicPath = "/build/";

type ManifestEntry = { module: string; imports?: string[] };
type ManifestRoute = ManifestEntry & { id: string; parentId?: string };
export type ClientManifest = { entry: ManifestEntry; routes: Record<string, ManifestRoute> };

export type PageAssets = { route: string; files: string[]; gzipBytes: number };

export function readClientManifest(): ClientManifest {
  const names = existsSync(assetsDirectory) ? readdirSync(assetsDirectory).filter((name) => /^manifest-.*\.js$/.test(name)) : [];
  if (names.length === 0) throw new Error(`No manifest in ${assetsDirectory}: run \`npx remix build\` first`);
  // Several manifests are left behind when builds are not cleaned; the newest is the one served.
  const newest = names.map((name) => path.join(assetsDirectory, name)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const source = readFileSync(newest, "utf8");
  const json = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1);
  return JSON.parse(json) as ClientManifest;
}

function fileOf(url: string) {
  if (!url.startsWith(publicPath)) throw new Error(`Unexpected asset address ${url}`);
  return path.join(assetsDirectory, url.slice(publicPath.length));
}

const staticImport = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/** The chunk and everything it imports statically, as a browser fetches them before rendering. */
function withImports(urls: Iterable<string>) {
  const seen = new Set<string>();
  const queue = [...urls];
  while (queue.length > 0) {
    const url = queue.pop()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const source = readFileSync(fileOf(url), "utf8");
    for (const match of source.matchAll(staticImport)) {
      queue.push(new URL(match[1]!, `http://portal${url}`).pathname);
    }
  }
  return seen;
}

const gzipCache = new Map<string, number>();
export function gzipSize(url: string) {
  let size = gzipCache.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(fileOf(url))).length;
    gzipCache.set(url, size);
  }
  return size;
}

/** Per route: the entry, the route and its parents (root first), and all their imports. */
export function pageAssets(manifest: ClientManifest = readClientManifest()): PageAssets[] {
  return Object.values(manifest.routes).map((route) => {
    const chain: ManifestEntry[] = [manifest.entry];
    for (
      let current: ManifestRoute | undefined = route;
      current;
      current = current.parentId ? manifest.routes[current.parentId] : undefined
    ) {
      chain.push(current);
    }
    const files = [...withImports(chain.flatMap((entry) => [entry.module, ...(entry.imports ?? [])]))].sort();
    return { route: route.id, files, gzipBytes: files.reduce((sum, url) => sum + gzipSize(url), 0) };
  });
}

/** Every chunk any page loads. */
export function allClientChunks(manifest: ClientManifest = readClientManifest()) {
  return [...new Set(pageAssets(manifest).flatMap((page) => page.files))].sort();
}

export function readChunk(url: string) {
  return readFileSync(fileOf(url), "utf8");
}
