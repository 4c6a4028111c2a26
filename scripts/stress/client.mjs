// HTTP helpers for the stress battery: sign in, call the featured action, and hit public pages with many
// keep-alive connections while measuring each request. Node built-ins only; traffic goes to 127.0.0.1 alone.
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./server.mjs";

/** Server action ids by exported name, from the build's manifest. */
export function actionIds(where) {
  const file = path.join(root, where.distDir, "server", "server-reference-manifest.json");
  const { node } = JSON.parse(readFileSync(file, "utf8"));
  return Object.fromEntries(Object.entries(node).map(([id, info]) => [info.exportedName, id]));
}

/** Signs in through the real form action; resolves to the session cookie (name=value). */
export async function signIn(where, { email, password }) {
  const page = await (await fetch(`${where.base}/admin/login`)).text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
  if (!field) throw new Error("the sign-in form has no action id");
  const form = new FormData();
  form.set(field, "");
  form.set("next", "/admin");
  form.set("email", email);
  form.set("password", password);
  const response = await fetch(`${where.base}/admin/login`, { method: "POST", body: form, headers: { origin: where.base }, redirect: "manual" });
  const cookie = /((?:__Host-)?folio_session=[^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) throw new Error(`sign-in failed: ${response.status} ${response.headers.get("location")}`);
  return cookie;
}

/**
 * Calls setFeaturedAction as the dashboard does. Resolves to { ok, error } from the action's own answer, or
 * { ok: false, error } naming the HTTP failure (including the connection dying under a kill -9).
 */
// By default longer than the server's own wait for a file lock (15 s, lib/fs/lock.ts): a write that waits out a lock a
// killed or full-disk writer left must be seen answering, not cut short by the client (it was, once, at 10 s).
export async function setFeatured(where, ids, cookie, slug, featured, { timeoutMs = 30_000 } = {}) {
  try {
    const response = await fetch(`${where.base}/admin`, {
      method: "POST",
      headers: { "next-action": ids.setFeaturedAction, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: where.base, cookie },
      body: JSON.stringify([slug, featured]),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const result = /^1:(\{.*\})$/m.exec(text)?.[1];
    if (!result) return { ok: false, status: response.status, error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    return { status: response.status, ...JSON.parse(result) };
  } catch (error) {
    return { ok: false, status: 0, error: error.cause?.code ?? error.message };
  }
}

/** The value at quantile q (0..1) of an ascending array. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function get(agent, where, url) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.get(`${where.base}${url}`, { agent, headers: { "accept-encoding": "identity" } }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6, error: error.code ?? error.message }));
  });
}

/**
 * `connections` keep-alive connections, each requesting the next of `urls` as soon as its last answer is in,
 * for `durationMs`. Resolves to every request's status and latency. Bounded by time and by `maxRequests`.
 */
export async function hammer(where, urls, { connections, durationMs, maxRequests = 5_000_000 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const samples = [];
  const deadline = Date.now() + durationMs;
  let next = 0;
  const worker = async () => {
    while (Date.now() < deadline && samples.length < maxRequests) {
      const url = urls[next++ % urls.length];
      samples.push({ url, ...(await get(agent, where, url)) });
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { samples, seconds: (Date.now() - started) / 1000 };
}
