import "server-only";
import path from "node:path";
import type { ReactElement } from "react";
import { z } from "zod";
import { defaultRenderContext, type RenderContext } from "./context";
import { cacheFolder, cacheKey, codeFingerprint, readCacheFile, writeCacheFile } from "../disk-cache";
import type { Post } from "../schema";
import { renderedBodySchema, type BodyTask, type RenderedBody } from "./task";
import { runMdx, type MdxComponents } from "./mdx-run";
import { RenderFailure, renderInWorker, workerFile, type Priority } from "./pool";

export { warmRenderPool } from "./pool";
import { shortcodeLookups } from "./shortcode-scan";
import type { Heading, RenderIssue } from "./types";

export type { Heading } from "./types";
export type { MdxComponents } from "./mdx-run";

export { defaultRenderContext, type RenderContext } from "./context";

/** A post's body ready for PostView: HTML (markdown) or a React element (MDX), and its headings. */
export type RenderedPost = { headings: Heading[]; failed?: boolean } & ({ html: string } | { content: ReactElement });

/** What readers see in place of a body that could not be rendered within the limits (the log names the file). */
export const UNRENDERABLE_HTML =
  '<p class="render-failed" role="status"><strong>This post could not be displayed.</strong> Rendering it took longer or more memory than this site allows; the site’s editors can find the details in the server log.</p>';

const failureSchema = z.object({ failed: z.enum(["timeout", "memory", "error", "crash"]), message: z.string() });
type Outcome = { body: RenderedBody } | { failure: z.infer<typeof failureSchema> };

/** The worker's input for a post: its body and format, and the site values its shortcodes ask for, resolved here. */
function taskFor(post: Post, context: RenderContext, components: readonly string[]): BodyTask {
  const refs: Record<string, string | null> = {};
  const params: Record<string, string | null> = {};
  if (post.format === "md" && post.body.includes("{{")) {
    const lookups = shortcodeLookups(post.body);
    for (const key of lookups.refs) {
      const [kind, target] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
      const found = context.resolveRef(target, post);
      refs[key] = found === undefined ? null : kind === "ref" ? absolute(found, context.baseURL) : found;
    }
    for (const name of lookups.params) params[name] = context.param(name, post) ?? null;
  }
  const headingIds = context.headingIds && context.headingIds !== "github" ? { headingIds: context.headingIds } : {};
  return { format: post.format, body: post.body, unsafeHtml: context.unsafeHtml, ...headingIds, refs, params, components: post.format === "mdx" ? [...components].sort() : [] };
}

function absolute(found: string, base: string): string {
  try {
    return new URL(found, base.endsWith("/") ? base : `${base}/`).href;
  } catch {
    return found;
  }
}

const outcomes = new Map<string, Promise<Outcome>>();
const failedAt = new Map<string, number>();
// A post stopped for time or memory is tried again after this long: a load spike must not hide a post for good.
const RETRY_FAILED_MS = 10 * 60_000;
const OUTCOME_ENTRIES = 500;
const logged = new Set<string>();

/**
 * A post's rendered body, through two caches keyed by everything the result depends on (the task, the worker
 * bundle's code, the lockfile): this process's, then the disk's (shared by build workers, rebuilds and restarts).
 * A render stopped for time or memory is remembered as such, so an unchanged pathological post is tried once per
 * process.
 */
function renderOutcome(post: Post, context: RenderContext, components: readonly string[], priority: Priority): Promise<Outcome> {
  const task = taskFor(post, context, components);
  const fingerprint = codeFingerprint([path.relative(process.cwd(), workerFile())]) ?? "no-fingerprint";
  const key = cacheKey(fingerprint, JSON.stringify(task), post.format === "mdx" && process.env.NODE_ENV !== "production" ? "dev" : "");
  let outcome = outcomes.get(key);
  if (outcome && (failedAt.get(key) ?? Infinity) < Date.now() - RETRY_FAILED_MS) {
    outcomes.delete(key);
    failedAt.delete(key);
    outcome = undefined;
  }
  if (!outcome) {
    outcome = computeOutcome(key, task, priority).then((result) => {
      if ("failure" in result) {
        logFailure(post, result.failure.message);
        failedAt.set(key, Date.now());
      }
      // A crashed worker says nothing about the post: the next request tries again.
      if ("failure" in result && result.failure.failed === "crash") outcomes.delete(key);
      return result;
    });
    outcome.catch(() => outcomes.delete(key));
    if (outcomes.size >= OUTCOME_ENTRIES) outcomes.delete(outcomes.keys().next().value!);
    outcomes.set(key, outcome);
  }
  return outcome;
}

async function computeOutcome(key: string, task: BodyTask, priority: Priority): Promise<Outcome> {
  const folder = cacheFolder("render");
  const file = folder ? path.join(/* turbopackIgnore: true */ folder, key.slice(0, 2), `${key}.json`) : null;
  if (file) {
    const cached = readCacheFile(file, z.union([renderedBodySchema, failureSchema.extend({ failed: z.literal("error") })]));
    if (cached) return "failed" in cached ? { failure: cached } : { body: cached };
  }
  try {
    const body = await renderInWorker(task, priority);
    if (file) writeCacheFile(file, body);
    return { body };
  } catch (error) {
    if (!(error instanceof RenderFailure) || error.kind === "busy") throw error;
    const failure = { failed: error.kind, message: error.message };
    // A post's own error (MDX that does not compile) is remembered on disk too. Time and memory are remembered by
    // this process only: a busy machine must not turn a slow render into a post that never renders again.
    if (file && error.kind === "error") writeCacheFile(file, failure);
    return { failure };
  }
}

function logFailure(post: Post, message: string): void {
  const line = `[folio] render failed, post shown as unrenderable: ${post.file}: ${message}`;
  if (logged.has(line)) return;
  logged.add(line);
  if (logged.size > 1000) logged.delete(logged.values().next().value!);
  console.error(line);
}

/**
 * Renders a post's body (markdown to HTML, MDX compiled in the worker and evaluated here with the one component
 * map), with its headings. A body the worker could not finish within its limits renders as UNRENDERABLE_HTML,
 * `failed: true`, and the server log names the file.
 */
export async function renderPost(post: Post, components: MdxComponents, context: RenderContext = defaultRenderContext()): Promise<RenderedPost> {
  const outcome = await renderOutcome(post, context, Object.keys(components), "page");
  if ("failure" in outcome) return { html: UNRENDERABLE_HTML, headings: [], failed: true };
  const { body } = outcome;
  return body.format === "md" ? { html: body.output, headings: body.headings } : { content: runMdx(body.output, components), headings: body.headings };
}

/** A public post's body as plain text for search, rendered in the worker like the page (empty when it could not be). */
export async function getPostText(post: Post, context: RenderContext = defaultRenderContext()): Promise<string> {
  try {
    const outcome = await renderOutcome(post, context, [], "batch");
    return "failure" in outcome ? "" : outcome.body.text;
  } catch (error) {
    // A full queue: this search finds the post by its title and description only; the next one tries again.
    if (error instanceof RenderFailure && error.kind === "busy") return "";
    throw error;
  }
}

/** content:check's view of a post's render: problems found while rendering, or why it could not be rendered. */
export async function checkPostRender(post: Post, components: readonly string[], context: RenderContext = defaultRenderContext()): Promise<{ issues: RenderIssue[]; failure?: string }> {
  const outcome = await renderOutcome(post, context, components, "batch");
  return "failure" in outcome ? { issues: [], failure: outcome.failure.message } : { issues: outcome.body.issues };
}
