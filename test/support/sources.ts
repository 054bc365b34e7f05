import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The repository's root, which the paths below are relative to. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The TypeScript files (.ts, .tsx) under a folder of the portal, as paths relative to the root. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(path.join(repoRoot, directory)).flatMap((entry) => {
    const relative = path.join(directory, entry);
    if (statSync(path.join(repoRoot, relative)).isDirectory()) return sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry) ? [relative] : [];
  });
}

/** The text of a file, by its path relative to the root. */
export function readSource(file: string): string {
  return readFileSync(path.join(repoRoot, file), "utf8");
}

export const routesDirectory = path.join(repoRoot, "app/routes");

/**
 * The route modules whose text matches `pattern`, as paths relative to app/routes, sorted: a file,
 * or for a route with its parts beside it a folder's route.tsx (flat routes). Found on disk, so a
 * new route is covered too.
 */
export function routeModulesMatching(pattern: RegExp): string[] {
  return readdirSync(routesDirectory)
    .map((entry) => (statSync(path.join(routesDirectory, entry)).isDirectory() ? path.join(entry, "route.tsx") : entry))
    .filter((file) => pattern.test(readFileSync(path.join(routesDirectory, file), "utf8")))
    .sort();
}
