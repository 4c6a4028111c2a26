import path from "node:path";
import { z } from "zod";

const schema = z.object({
  CONTENT_DIR: z.string().min(1).default("content"),
  DATA_DIR: z.string().min(1).default(".data"),
  SITE_URL: z
    .url({ error: "SITE_URL must be an absolute http(s) URL such as https://example.com" })
    .refine((u) => /^https?:\/\//.test(u), "SITE_URL must start with http:// or https://")
    .default("http://localhost:3000"),
});

export type Env = { contentDir: string; dataDir: string; siteUrl: string };

let cached: { raw: string; env: Env } | undefined;

/**
 * The validated environment. Read on each call (cheaply) so tests and scripts that set variables see them;
 * a bad value throws an error that names the variable.
 */
export function env(): Env {
  const source = { CONTENT_DIR: process.env.CONTENT_DIR || undefined, DATA_DIR: process.env.DATA_DIR || undefined, SITE_URL: process.env.SITE_URL || undefined };
  const raw = JSON.stringify(source);
  if (cached?.raw === raw) return cached.env;
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join("; "));
  }
  const value: Env = {
    contentDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), parsed.data.CONTENT_DIR),
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), parsed.data.DATA_DIR),
    siteUrl: parsed.data.SITE_URL.replace(/\/+$/, ""),
  };
  cached = { raw, env: value };
  return value;
}
