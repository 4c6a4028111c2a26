// 200 random URLs that can only be 404s (unknown slugs, topics, tags, page numbers, cards, topic feeds, slugs over
// 255 characters), each asked twice: every answer must be a 404, and the build folder (where Next.js keeps rendered
// pages) must grow by less than 2 MB. Before Folio's cache handler each such 404 left ~150 KB in 7 files.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { prng } from "../lib/prng.mjs";
import { root, start, stop } from "./server.mjs";

export const MAX_GROWTH_BYTES = 2 * 1024 * 1024;

/** Total bytes of every file under `dir`. */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function randomUrls(count, seed) {
  const random = prng(seed);
  const word = (n) => Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyz0123456789-"[Math.floor(random() * 37)]).join("");
  const shapes = [
    () => `/blog/${word(8 + Math.floor(random() * 40))}`,
    () => `/topics/${word(10)}`,
    () => `/tags/${word(10)}`,
    () => `/topics/${word(10)}/feed.xml`,
    () => `/blog/${word(12)}/social-card.png`,
    () => `/blog/page/${100 + Math.floor(random() * 900_000)}`,
    () => `/blog/${word(256 + Math.floor(random() * 200))}`,
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]());
}

export async function notFoundPhase(where, { count = 200, seed = 1 } = {}) {
  const server = await start(where);
  const dist = path.join(root, where.distDir);
  try {
    const before = folderBytes(dist);
    const urls = randomUrls(count, seed);
    const statuses = new Map();
    for (const url of urls) {
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${where.base}${url}`, { signal: AbortSignal.timeout(30_000) }).catch(() => null);
        await response?.arrayBuffer();
        const status = response?.status ?? 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }
    const growth = folderBytes(dist) - before;
    const problems = [];
    const not404 = [...statuses].filter(([status]) => status !== 404);
    if (not404.length > 0) problems.push(`answers other than 404: ${not404.map(([s, n]) => `${n}× ${s}`).join(", ")}`);
    if (growth >= MAX_GROWTH_BYTES) problems.push(`the build folder grew by ${growth} bytes (limit ${MAX_GROWTH_BYTES})`);
    const errors = server.errors.join("");
    if (/ENAMETOOLONG|\n\s+at /.test(errors)) problems.push(`the server logged errors: ${errors.slice(0, 300)}`);
    return { ok: problems.length === 0, problems, figures: { urls: count, requests: count * 2, growthBytes: growth, statuses: Object.fromEntries(statuses) } };
  } finally {
    await stop(server);
  }
}
