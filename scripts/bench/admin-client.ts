/**
 * Drives Folio's admin over HTTP the way a browser does: signs in through the real login form (its server action,
 * as a form post) and calls setFeaturedAction as the dashboard's switch does (Next-Action header, encoded
 * arguments). Action ids come from the build's server-reference manifest.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };

/**
 * fetch, tried twice: a POST on a kept-alive connection the server has since closed fails at once (fetch retries
 * only idempotent requests). Both actions here are safe to repeat: sign-in, and setting Featured to a value.
 */
async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

/** The id of a server action in a build, by file and exported name. */
export function actionId(distDir: string, filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return found[0];
}

/** Signs in with the login form's action; returns the session cookie (`name=value`) to send with later requests. */
export async function signIn(origin: string, distDir: string, email: string, password: string): Promise<string> {
  const form = new FormData();
  form.set(`$ACTION_ID_${actionId(distDir, "app/admin/login/actions.ts", "signInAction")}`, "");
  form.set("next", "/admin");
  form.set("email", email);
  form.set("password", password);
  const response = await post(`${origin}/admin/login`, { method: "POST", body: form, redirect: "manual", headers: { Origin: origin } });
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?folio_session=[^;]/.test(c));
  if (!cookie) throw new Error(`sign-in answered ${response.status} without a session cookie`);
  return cookie.split(";")[0]!;
}

/** Calls a server action of the build as a page's JavaScript does (Next-Action header, JSON-encoded arguments). */
export async function callAction(origin: string, distDir: string, cookie: string, file: string, name: string, args: unknown[]): Promise<{ status: number; body: string }> {
  const response = await post(`${origin}/admin`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": actionId(distDir, file, name),
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: origin,
      Cookie: cookie,
    },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: await response.text() };
}

/** What setFeaturedAction answered: its result object, or `{ ok: false }` with the HTTP status when there was none. */
export type FeaturedAnswer = { ok: boolean; featured?: boolean; error?: string; status: number };

/** Calls setFeaturedAction(slug, featured) as the dashboard's switch does, and reads its answer. */
export async function callFeaturedAction(origin: string, distDir: string, cookie: string, slug: string, featured: boolean): Promise<FeaturedAnswer> {
  const { status, body } = await callAction(origin, distDir, cookie, "app/admin/actions.ts", "setFeaturedAction", [slug, featured]);
  // The result is one line of the RSC answer: `1:{"ok":true,"featured":true}`.
  const line = body.split("\n").find((l) => /^\w+:\{"ok":(true|false)/.test(l));
  if (status !== 200 || !line) return { ok: false, status, error: body.slice(0, 300) };
  return { ...(JSON.parse(line.slice(line.indexOf(":") + 1)) as { ok: boolean; featured?: boolean; error?: string }), status };
}

/** Calls setFeaturedAction(slug, featured) as the dashboard does; resolves when the action has answered, else throws. */
export async function setFeaturedOverHttp(origin: string, distDir: string, cookie: string, slug: string, featured: boolean): Promise<void> {
  const answer = await callFeaturedAction(origin, distDir, cookie, slug, featured);
  if (!answer.ok) throw new Error(`setFeaturedAction answered ${answer.status}: ${answer.error}`);
}

/** The text of the home page's Featured region (the section labelled by the "Featured" heading). */
export function featuredRegion(html: string): string {
  const start = html.indexOf('id="featured-heading"');
  if (start === -1) return "";
  const end = html.indexOf("</section>", start);
  return html.slice(start, end === -1 ? undefined : end);
}

/**
 * Toggles Featured on a post and polls `pollOrigin`'s home page every 20 ms until its Featured region shows the
 * change; the delay from the toggle's request to the first home page that shows it.
 */
export async function timeToggle(options: { actionOrigin: string; pollOrigin: string; distDir: string; cookie: string; slug: string; title: string; featured: boolean; timeoutMs?: number }): Promise<{ ms: number; actionMs: number }> {
  const escaped = options.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const start = performance.now();
  await setFeaturedOverHttp(options.actionOrigin, options.distDir, options.cookie, options.slug, options.featured);
  const actionMs = performance.now() - start;
  const deadline = start + (options.timeoutMs ?? 15_000);
  while (performance.now() < deadline) {
    const html = await (await fetch(`${options.pollOrigin}/`)).text();
    if (featuredRegion(html).includes(escaped) === options.featured) return { ms: performance.now() - start, actionMs };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the home page at ${options.pollOrigin} did not show the toggle of '${options.slug}' within ${(options.timeoutMs ?? 15_000) / 1000} s`);
}
