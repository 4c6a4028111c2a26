import "server-only";
import { createReadStream } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

/**
 * A file of a Hugo site (static/ or a bundle's) as an HTTP response: its type from its extension (never sniffed:
 * `X-Content-Type-Options: nosniff`), an ETag for conditional requests, and for SVG a sandboxing
 * Content-Security-Policy, so an SVG cannot script the site (next.config.ts sets the same for every `.svg` URL,
 * since its site-wide policy would otherwise replace this one). Unknown types are sent as a download.
 */

const TYPES: Record<string, string> = {
  ".avif": "image/avif",
  ".bmp": "image/bmp",
  ".css": "text/css; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".gif": "image/gif",
  ".htm": "text/html; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".ico": "image/x-icon",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".m4a": "audio/mp4",
  ".mjs": "text/javascript; charset=utf-8",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".ogg": "audio/ogg",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ttf": "font/ttf",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".webm": "video/webm",
  ".webmanifest": "application/manifest+json",
  ".webp": "image/webp",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".xml": "application/xml",
};

// What an SVG file may do when opened on its own: draw itself, nothing else (no script, no form, no fetch).
const SANDBOX_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src 'self'; sandbox";

/** The Content-Type for a file name; undefined for a type Folio does not name (sent as a download). */
export function contentTypeOf(file: string): string | undefined {
  return TYPES[path.extname(file).toLowerCase()];
}

export type FileStats = { file: string; size: number; mtimeMs: number };

/** The response for a file (GET or HEAD), 304 when the client's copy is current. */
export function fileResponse(resource: FileStats, request: Request): Response {
  const type = contentTypeOf(resource.file);
  const etag = `"${resource.size.toString(36)}-${Math.floor(resource.mtimeMs).toString(36)}"`;
  const headers = new Headers({
    "Content-Type": type ?? "application/octet-stream",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=3600",
    ETag: etag,
    "Last-Modified": new Date(resource.mtimeMs).toUTCString(),
  });
  if (!type) headers.set("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(resource.file))}`);
  if (type === "image/svg+xml") headers.set("Content-Security-Policy", SANDBOX_CSP);
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  headers.set("Content-Length", String(resource.size));
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  const body = Readable.toWeb(createReadStream(resource.file)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
