import "server-only";
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/config/env";
import type { ContentIndex } from "./load";
import { isPublic } from "./publish";
import { tableOf } from "./routes";
import { MARKDOWN_FILE, MARKDOWN_SUFFIXES, routeKey, safeDecode } from "./urls";

/**
 * The files a Hugo site serves besides its pages, found safely: `static/` at the site's root, and a leaf bundle's
 * files beside its post (`/post/my-trip/cover.jpg` is `content/post/my-trip/cover.jpg`). Only regular files inside
 * those folders (symbolic links followed only while they stay inside), never a hidden file, a markdown or HTML
 * content file, the site's configuration or DATA_DIR, and never one larger than MAX_RESOURCE_BYTES.
 */

export const MAX_RESOURCE_BYTES = 64 * 1024 * 1024;
const MAX_PATH_LENGTH = 1024;
// Content files are pages, never served as files; they are also what a path-guessing client would want to read.
// A static folder's HTML files are the site's own assets (Hugo copies them as they are); a bundle's are pages.
const CONTENT_FILE = new RegExp(`\\.(?:${MARKDOWN_SUFFIXES}|html?|adoc|asciidoc|ad|org|pandoc|pdc|rst)$`, "i");

export type Resource = { file: string; size: number; mtimeMs: number };

/**
 * The path's segments, or null when any is unsafe: empty path, `..`, a hidden name, a NUL or a backslash. The one
 * hidden name allowed is a leading `.well-known` (RFC 8615: security.txt, app links, Mastodon verification), which
 * Hugo copies from `static/` like any other folder.
 */
function segmentsOf(requested: string): string[] | null {
  if (requested.length > MAX_PATH_LENGTH || /[\0\\]/.test(requested)) return null;
  const segments = requested.split("/").filter(Boolean);
  const hidden = (s: string, i: number) => s.startsWith(".") && !(i === 0 && s === ".well-known");
  if (segments.length === 0 || segments.some((s, i) => s === "." || s === ".." || hidden(s, i))) return null;
  return segments;
}

function realDir(dir: string): string | null {
  try {
    return realpathSync(dir);
  } catch {
    return null;
  }
}

const inside = (child: string, parent: string) => child.startsWith(parent + path.sep);

/** A regular file at `candidate` whose real path stays inside `base` and clear of the config and DATA_DIR. */
function regularFileIn(base: string, candidate: string, index: ContentIndex, refused: RegExp): Resource | null {
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return null;
  }
  if (!inside(real, base) || refused.test(real)) return null;
  const { root, configFiles } = index.site;
  if (configFiles.some((file) => real === path.join(/* turbopackIgnore: true */ root, file)) || inside(real, path.join(/* turbopackIgnore: true */ root, "config"))) return null;
  const data = realDir(env().dataDir);
  if (data && (real === data || inside(real, data))) return null;
  try {
    const stats = statSync(real);
    if (!stats.isFile() || stats.size > MAX_RESOURCE_BYTES) return null;
    return { file: real, size: stats.size, mtimeMs: stats.mtimeMs };
  } catch {
    return null;
  }
}

/** A file of a public post's (or page's) leaf bundle, or of a section's folder, named by a path below its URL. */
function bundleResource(index: ContentIndex, segments: string[], now: number): Resource | null {
  const table = tableOf(index);
  const contentBase = realDir(path.join(/* turbopackIgnore: true */ index.site.root, index.site.contentDir));
  if (!contentBase) return null;
  for (let cut = segments.length - 1; cut >= 1; cut--) {
    const owner = table.exact.get(routeKey(`/${segments.slice(0, cut).join("/")}`));
    if (!owner) continue;
    let folder: string | undefined;
    if (owner.kind === "post" && owner.post.bundle && isPublic(owner.post, now)) folder = owner.post.bundle;
    else if (owner.kind === "page" && owner.page.bundle && isPublic(owner.page, now)) folder = owner.page.bundle;
    else if (owner.kind === "section") folder = path.posix.join(index.site.contentDir, owner.section.dir);
    if (!folder) return null;
    const base = realDir(path.join(/* turbopackIgnore: true */ index.site.root, folder));
    if (!base || (base !== contentBase && !inside(base, contentBase))) return null;
    const rest = segments.slice(cut);
    if (/^_?index\./i.test(rest.at(-1)!)) return null;
    return regularFileIn(base, path.join(/* turbopackIgnore: true */ base, ...rest), index, CONTENT_FILE);
  }
  return null;
}

/** The file a request path names on a Hugo site (a static file first, as Hugo copies them last), or null. */
export function findResource(index: ContentIndex, pathname: string, now: number = Date.now()): Resource | null {
  if (index.site.kind !== "hugo") return null;
  const segments = segmentsOf(safeDecode(pathname).normalize("NFC"));
  if (!segments) return null;
  for (const dir of index.site.staticDirs) {
    const base = realDir(path.join(/* turbopackIgnore: true */ index.site.root, dir));
    if (!base) continue;
    const found = regularFileIn(base, path.join(/* turbopackIgnore: true */ base, ...segments), index, MARKDOWN_FILE);
    if (found) return found;
  }
  return bundleResource(index, segments, now);
}
