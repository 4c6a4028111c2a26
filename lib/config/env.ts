import path from "node:path";
import { z } from "zod";
import { currentSite } from "./hugo-site";

/** How many of the newest public posts `next build` prerenders when FOLIO_PRERENDER_POSTS is not set. */
export const DEFAULT_PRERENDER_POSTS = 50;

/** How long the history keeps an earlier version of a post when FOLIO_HISTORY_DAYS is not set. */
export const DEFAULT_HISTORY_DAYS = 90;

/** `1` (on) or `0` (off); unset is `fallback`. */
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1"], { error: "must be 1 (on) or 0 (off)" })
    .optional()
    .transform((value) => (value === undefined ? fallback : value === "1"));

/** A whole number from `min` to `max`; unset is `fallback`. */
const wholeNumber = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const number = Number(value);
      if (Number.isSafeInteger(number) && number >= min && number <= max) return number;
      ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}, not '${value}'` });
      return z.NEVER;
    });

/**
 * Every environment variable Folio's code reads, with its default: the README's Configuration table, as code.
 * Messages are predicates; readEnv puts the variable's name in front (`SITE_URL must be …`).
 */
export const envSchema = z.object({
  /** Set by Next.js (`production` under `next start`); never set by hand. */
  NODE_ENV: z.string().optional(),
  CONTENT_DIR: z.string().default("content"),
  DATA_DIR: z.string().default(".data"),
  /** Unset: {@link siteUrlDefault}, which env() applies. */
  SITE_URL: z
    .url({ error: "must be an absolute http(s) URL such as https://example.com" })
    .refine((u) => /^https?:\/\//.test(u), "must start with http:// or https://")
    .optional(),
  /** Unset: {@link siteUrlDefault}, which env() applies. */
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  TRUST_PROXY: flag(false),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, "must be a port number such as 3000")
    .transform(Number)
    .refine((port) => port >= 1 && port <= 65535, "must be a port number from 1 to 65535")
    .default(3000),
  HOSTNAME: z.string().optional(),
  /**
   * Several instances: the Next.js cache, sessions, the sign-in throttle and write locks on this Redis, and content
   * changes announced to every instance. Read where it is used (lib/redis/connection.mjs, plain JavaScript for the
   * cache handler); checked here at start-up.
   */
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379" })
    .optional(),
  /** This instance's name in the audit log's file names (DATA_DIR/audit/NAME.jsonl); host name and port by default. */
  FOLIO_INSTANCE: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/, "must be 1 to 100 letters, digits, dots, dashes or underscores")
    .optional(),
  /**
   * The nginx servers in front of Folio, each asked to refresh the pages a change affects (X-Folio-Refresh), as
   * comma-separated origins such as https://10.0.0.5,https://10.0.0.6; requests carry SITE_URL's host name.
   */
  FOLIO_NGINX_REFRESH_URLS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const urls = (value ?? "").split(",").map((part) => part.trim()).filter(Boolean);
      for (const url of urls) {
        if (!/^https?:\/\/[^/?#]+\/?$/.test(url)) {
          ctx.addIssue({ code: "custom", message: `must be comma-separated http(s) origins such as https://10.0.0.5 (no path), not '${url}'` });
          return z.NEVER;
        }
      }
      return urls.map((url) => url.replace(/\/$/, ""));
    }),
  /** The secret nginx checks on X-Folio-Refresh (deploy/make-refresh-secret.sh prints it); needed with the URLs. */
  FOLIO_NGINX_REFRESH_SECRET: z.string().min(16, "must be at least 16 characters (deploy/make-refresh-secret.sh prints one)").optional(),
  FOLIO_DIST_DIR: z.string().default(".next"),
  FOLIO_PRERENDER_POSTS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return DEFAULT_PRERENDER_POSTS;
      const limit = Number(value);
      if (Number.isSafeInteger(limit) && limit >= 0) return limit;
      ctx.addIssue({ code: "custom", message: `must be a whole number of posts (0 or more), not '${value}'` });
      return z.NEVER;
    }),
  FOLIO_DISK_CACHE: flag(true),
  /**
   * Raw HTML in posts: 1 keeps it, sanitized (images, tables, allowlisted video iframes; never scripts or handlers),
   * 0 omits it. Unset follows the site: a Hugo site's `markup.goldmark.renderer.unsafe`; Folio's own folder omits it.
   */
  FOLIO_RAW_HTML: z
    .enum(["0", "1"], { error: "must be 1 (keep raw HTML, sanitized) or 0 (omit it); unset follows the site's Hugo config" })
    .optional()
    .transform((value) => (value === undefined ? undefined : value === "1")),
  /** Days an earlier version of a post is kept in the history after the last change that used it; 0 keeps all. */
  FOLIO_HISTORY_DAYS: wholeNumber(DEFAULT_HISTORY_DAYS, 0, 36_500),
  /** How long one post's render may run in the render worker before it is stopped and the post shown as unrenderable. */
  FOLIO_RENDER_TIMEOUT_MS: wholeNumber(5000, 100, 600_000),
  /** Render worker threads; default: the number of cores, at most 2. */
  FOLIO_RENDER_THREADS: wholeNumber(0, 0, 64),
  FOLIO_SKIP_TYPECHECK: flag(false),
});

/** The parsed value of each variable. */
export type EnvVars = z.infer<typeof envSchema>;
/** The name of a variable Folio reads. */
export type EnvName = keyof EnvVars;

/**
 * One variable, parsed by its schema when it is read (an empty value counts as unset), so tests and scripts that
 * set variables see them and a bad value fails the feature that uses it. The error names the variable.
 */
export function readEnv<N extends EnvName>(name: N): z.output<(typeof envSchema.shape)[N]> {
  const parsed = envSchema.shape[name].safeParse(process.env[name] || undefined);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `${name} ${issue.message}`).join("; "));
  // Parsed by this very field's schema; TypeScript cannot follow a generic key from the shape to its output.
  return parsed.data as z.output<(typeof envSchema.shape)[N]>;
}

/** Whether a variable is set at all, valid or not (for start-up advice that must not throw). */
export function isEnvSet(name: EnvName): boolean {
  return Boolean(process.env[name]);
}

/**
  * The origin when SITE_URL is unset: a Hugo site's own baseURL when it is an absolute http(s) URL (its links, feeds
 * and canonical URLs keep pointing where they always did), else this server on this machine, on the port it listens
 * on, so canonical links and feeds point somewhere that answers. The one place that decides it.
 */
export function siteUrlDefault(contentDir: string = path.resolve(/* turbopackIgnore: true */ process.cwd(), readEnv("CONTENT_DIR"))): string {
  const read = currentSite(contentDir);
  const baseURL = read.ok ? read.site.baseURL : undefined;
  if (baseURL && /^https?:\/\/[^/]/i.test(baseURL) && URL.canParse(baseURL)) return baseURL;
  return `http://localhost:${readEnv("PORT")}`;
}

export type Env = { contentDir: string; dataDir: string; siteUrl: string };

let cached: { raw: string; env: Env } | undefined;

/** The folders and origin most code needs, resolved against the working directory; see readEnv. */
export function env(): Env {
  const raw = JSON.stringify([process.env.CONTENT_DIR, process.env.DATA_DIR, process.env.SITE_URL, process.env.PORT]);
  if (cached?.raw === raw) return cached.env;
  const contentDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), readEnv("CONTENT_DIR"));
  const value: Env = {
    contentDir,
    dataDir: path.resolve(/* turbopackIgnore: true */ process.cwd(), readEnv("DATA_DIR")),
    siteUrl: (readEnv("SITE_URL") ?? siteUrlDefault(contentDir)).replace(/\/+$/, ""),
  };
  cached = { raw, env: value };
  return value;
}
