import { spawnSync } from "node:child_process";
import { createHash, createHmac, randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { USERS } from "./fixtures";

// The hostile-request battery: every admin page and server action, asked without a session and with every kind of
// bad one, through the headers that have opened Next.js apps before; oversized bodies; a password-guessing burst;
// open redirects; the image proxy; and what shared caches may keep. Pages, actions and routes are listed from the
// build's own manifests, so a new one that this file does not know about fails the first test.

const workDir = path.resolve(process.env.E2E_WORK_DIR ?? ".e2e");
const distDir = path.resolve(process.env.E2E_DIST_DIR ?? ".next-e2e");
const dataDir = path.join(workDir, "data");
const postsDir = path.join(workDir, "content", "posts");
// The secret scripts/e2e-server.mjs gives the server: with it this file can sign a well-formed cookie for a session
// that does not exist, which is the only way to test that the store, not the signature, is what admits someone.
const E2E_SECRET = "e2e-only-secret-e2e-only-secret-e2e-only-secret";
const COOKIE = "folio_session";
const MIB = 1024 * 1024;
const PREVIEW = "/admin/preview/channel-conflict-playbook";
const DRAFT_TITLE = "A playbook for channel conflict";
// A post whose featured flag this file only ever "sets" to the value it already has: the door opens, nothing changes.
// No other spec toggles it; the two that do toggle posts (security, marketer-featured) may run alongside this one, so
// their posts are left out of the before/after comparisons.
const CONTROL = { slug: "discovery-calls-that-qualify", featured: false };
const TOGGLED_ELSEWHERE = new Set(["pricing-a-co-sell-deal.md", "how-to-win-a-partnership-meeting.md"]);
const SUBREQUEST_HEADERS = [
  "middleware:middleware:middleware:middleware:middleware",
  "proxy:proxy:proxy:proxy:proxy",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
  "pages/_middleware",
];

test.describe.configure({ mode: "serial" });

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function manifest<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(distDir, "server", name), "utf8")) as T;
}

/** Server action ids by exported name, from the build. */
function actionIds(): Record<string, string> {
  const { node } = manifest<{ node: Record<string, { exportedName?: string }> }>("server-reference-manifest.json");
  return Object.fromEntries(Object.entries(node).map(([id, info]) => [info.exportedName ?? id, id]));
}

function sign(id: string): string {
  return `${id}.${createHmac("sha256", E2E_SECRET).update(`folio-session:${id}`).digest("base64url")}`;
}

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const cookieHeader = (value?: string): Record<string, string> => (value ? { cookie: `${COOKIE}=${value}` } : {});

// Plain fetch, not Playwright's request context: that one keeps a cookie jar, and a battery about who sends which
// cookie needs every request to carry exactly the cookie it names, and nothing else.
type Reply = { status: number; headers: Headers; text: string };
async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(new URL(url, BASE), { redirect: "manual", ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** The sign-in page, over a connection of its own: after a refused oversized body, a pooled one may be closing. */
function loginPage(): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL("/admin/login", BASE), { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      })
      .on("error", reject);
  });
}

async function signInForm(): Promise<string> {
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(await loginPage())?.[1];
  expect(field, "the sign-in form carries its action id").toBeTruthy();
  return field!;
}

/** Posts the real sign-in form (the no-JavaScript path); the cookie's value when it worked. */
async function postSignIn(fields: Record<string, string>, headers: Record<string, string> = {}): Promise<{ reply: Reply; cookie?: string }> {
  const form = new FormData();
  form.set(await signInForm(), "");
  for (const [name, value] of Object.entries({ next: "/admin", ...fields })) form.set(name, value);
  const reply = await send("/admin/login", { method: "POST", body: form, headers: { origin: BASE, ...headers } });
  const cookie = new RegExp(`${COOKIE}=([^;]+)`).exec(reply.headers.get("set-cookie") ?? "")?.[1];
  return { reply, cookie };
}

async function cookieFor(user: keyof typeof USERS): Promise<string> {
  const { cookie } = await postSignIn({ email: USERS[user].email, password: USERS[user].password });
  expect(cookie, `${user} signs in`).toBeTruthy();
  return cookie!;
}

type ActionCall = { cookie?: string; origin?: string | null; headers?: Record<string, string>; body?: string };

/** Calls a server action the way the browser's router does: POST, Next-Action, the arguments as a JSON array. */
function callAction(id: string, args: unknown[], call: ActionCall = {}): Promise<Reply> {
  const origin = call.origin === undefined ? BASE : call.origin;
  return send("/admin", {
    method: "POST",
    headers: {
      "next-action": id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      ...(origin ? { origin } : {}),
      ...cookieHeader(call.cookie),
      ...call.headers,
    },
    body: call.body ?? JSON.stringify(args),
  });
}

function snapshotPosts(): Map<string, Buffer> {
  const names = readdirSync(postsDir).filter((name) => !TOGGLED_ELSEWHERE.has(name) && !name.endsWith(".tmp"));
  return new Map(names.map((name) => [name, readFileSync(path.join(postsDir, name))]));
}

function expectPostsUnchanged(before: Map<string, Buffer>, label: string) {
  const after = snapshotPosts();
  expect([...after.keys()].sort(), label).toEqual([...before.keys()].sort());
  for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), `${label}: ${name} changed`).toBe(true);
}

function expectPrivate(reply: Reply, label: string) {
  const cacheControl = reply.headers.get("cache-control") ?? "";
  expect(cacheControl, `${label}: Cache-Control`).toContain("private");
  expect(cacheControl, `${label}: Cache-Control`).toContain("no-store");
  expect(cacheControl, `${label}: Cache-Control`).not.toMatch(/public|s-maxage/);
}

/** Adds sessions straight into the server's store (atomically, and only if nobody wrote it meanwhile). */
function injectSessions(sessions: Record<string, { email: string; createdAt: string; lastSeenAt: string }>): boolean {
  const file = path.join(dataDir, "sessions.json");
  const before = statSync(file).mtimeMs;
  const store = JSON.parse(readFileSync(file, "utf8"));
  for (const [id, session] of Object.entries(sessions)) {
    store.sessions[createHash("sha256").update(id).digest("base64url")] = session;
  }
  const temp = `${file}.hardening-${randomBytes(4).toString("hex")}`;
  writeFileSync(temp, JSON.stringify(store), { mode: 0o600 });
  if (statSync(file).mtimeMs !== before) {
    rmSync(temp, { force: true });
    return false; // the server wrote meanwhile (another suite's sign-in): try again rather than lose its session
  }
  renameSync(temp, file);
  return true;
}

const newId = () => randomBytes(32).toString("base64url");

/** Creates (or resets) an account through the real users command, in the suite's own DATA_DIR. */
function addUser(email: string, role: string, password: string) {
  const run = spawnSync(path.resolve("node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/users.ts", "add", email, "--role", role, "--password-stdin"], {
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
}

/** One raw HTTP/1.1 request, for what fetch cannot send (a chunked body). */
function rawRequest(options: http.RequestOptions, body: Buffer): Promise<{ status: number; text: string }> {
  const { port, hostname } = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The doors

// A tripwire: a new admin page, route handler or server action fails this test until a battery covers it (this file
// for sign-in, the dashboard, preview and Featured; e2e/desk-access.spec.ts for the writing desk's pages and
// actions, each replayed without a session and with the wrong role; app/admin/posts/history-share-actions.test.ts and
// e2e/history.spec.ts, e2e/share.spec.ts for history, revert and share links; app/admin/team-actions.test.ts and the
// team specs for users, accounts, invitations and two-factor), and then it is added here.
test("the build has exactly the admin pages, route handlers and server actions the batteries cover", () => {
  const routes = Object.keys(manifest<Record<string, string>>("app-paths-manifest.json"));
  expect(routes.filter((r) => r.startsWith("/admin")).sort()).toEqual([
    "/admin/account/page",
    "/admin/account/two-factor/page",
    "/admin/invite/[token]/page",
    "/admin/login/page",
    "/admin/login/two-factor/page",
    "/admin/page",
    "/admin/posts/[slug]/history/[version]/page",
    "/admin/posts/[slug]/history/page",
    "/admin/posts/[slug]/page",
    "/admin/posts/new/page",
    "/admin/preview/[slug]/page",
    "/admin/reset/[token]/page",
    "/admin/users/page",
  ]);
  // No route handler lives under /admin; the public ones (feeds, cards, sitemap) hold nothing private.
  expect(routes.filter((r) => r.endsWith("/route") && r.includes("admin"))).toEqual([]);
  expect(Object.keys(actionIds()).sort()).toEqual([
    "acceptInviteAction",
    "cancelInviteAction",
    "changePasswordAction",
    "changeRoleAction",
    "deletePostAction",
    "endSessionAction",
    "finishTwoFactorSetupAction",
    "inviteAction",
    "moveFeaturedAction",
    "policyAction",
    "previewPostAction",
    "removeAction",
    "renewRecoveryCodesAction",
    "resetPasswordAction",
    "resetTwoFactorAction",
    "restorePostAction",
    "revertAction",
    "savePostAction",
    "secondFactorAction",
    "setFeaturedAction",
    "shareLinkAction",
    "signInAction",
    "signOutAction",
    "startTwoFactorSetupAction",
    "turnOffTwoFactorAction",
  ]);
});

test("every admin page turns away no session, a forged, unknown, expired or revoked one, whatever the headers", async () => {
  test.setTimeout(90_000);
  const marketer = await cookieFor("marketer");
  const [id, mac] = marketer.split(".") as [string, string];
  const revoked = await cookieFor("marketer");
  expect((await callAction(actionIds().signOutAction!, [], { cookie: revoked })).status).toBeLessThan(400);

  // Expired sessions of a real user, straight into the store, beside a fresh one that proves the injection took.
  const now = Date.now();
  const [fresh, idle, old] = [newId(), newId(), newId()];
  const iso = (ms: number) => new Date(ms).toISOString();
  const email = USERS.marketer.email;
  await expect(async () => {
    expect(
      injectSessions({
        [fresh]: { email, createdAt: iso(now), lastSeenAt: iso(now) },
        [idle]: { email, createdAt: iso(now - 13 * 3_600_000), lastSeenAt: iso(now - 13 * 3_600_000) },
        [old]: { email, createdAt: iso(now - 8 * 86_400_000), lastSeenAt: iso(now - 60_000) },
      }),
    ).toBe(true);
    expect((await send("/admin", { headers: cookieHeader(sign(fresh)) })).status).toBe(200);
  }).toPass({ timeout: 10_000 });

  const credentials: Record<string, string | undefined> = {
    "no cookie": undefined,
    "a tampered signature": `${id}.${mac.slice(0, -2)}${mac.endsWith("AA") ? "BB" : "AA"}`,
    "a signature from another secret": `${id}.${createHmac("sha256", "x".repeat(48)).update(`folio-session:${id}`).digest("base64url")}`,
    "no signature": id,
    "a well-formed, validly signed, unknown id": sign(newId()),
    "a session idle for 13 hours": sign(idle),
    "a session older than 7 days": sign(old),
    "a signed-out session": revoked,
    junk: "..%2f..%2fetc%2fpasswd%00",
  };
  const headerSets: Record<string, Record<string, string>> = Object.fromEntries([
    ["plain", {}],
    ...SUBREQUEST_HEADERS.map((value) => [`x-middleware-subrequest: ${value}`, { "x-middleware-subrequest": value }]),
    ["x-forwarded-host and x-forwarded-for", { "x-forwarded-host": "evil.test", "x-forwarded-for": "127.0.0.1" }],
  ]);

  for (const url of ["/admin", PREVIEW, "/admin?status=draft", "/admin/preview/the-annual-partnership-plan", "/admin/posts/new", "/admin/posts/channel-conflict-playbook", "/admin/posts/channel-conflict-playbook/history", "/admin/users", "/admin/account"]) {
    for (const [who, cookie] of Object.entries(credentials)) {
      for (const [how, headers] of Object.entries(headerSets)) {
        const label = `${url} with ${who}, ${how}`;
        const reply = await send(url, { headers: { ...headers, ...cookieHeader(cookie) } });
        expect(reply.status, label).toBe(307);
        expect(reply.headers.get("location") ?? "", label).toMatch(/^\/admin\/login\?next=%2Fadmin/);
        expectPrivate(reply, label);
        expect(reply.text, label).not.toContain(DRAFT_TITLE);
        expect(reply.text, label).not.toContain("Recent changes");
      }
      // As an RSC request (the router's own fetch), the answer is the same redirect, inside the payload.
      const rsc = await send(url, { headers: { RSC: "1", ...cookieHeader(cookie) }, redirect: "follow" });
      const label = `${url} RSC with ${who}`;
      expect(rsc.text, label).toContain("NEXT_REDIRECT;replace;/admin/login?next=%2Fadmin");
      expect(rsc.text, label).not.toContain(DRAFT_TITLE);
      expect(rsc.text, label).not.toContain("Recent changes");
      expectPrivate(rsc, label);
    }
  }
  // The sign-in page itself is public, and private all the same.
  expectPrivate(await send("/admin/login"), "/admin/login");
});

test("the wrong role gets a 403 page, and the right role a private page", async () => {
  const marketer = await cookieFor("marketer");
  const editor = await cookieFor("editor");
  for (const headers of [{}, { RSC: "1" }, { "x-middleware-subrequest": SUBREQUEST_HEADERS[1]! }] as Record<string, string>[]) {
    const forbidden = await send(PREVIEW, { headers: { ...headers, ...cookieHeader(marketer) }, redirect: "follow" });
    // An RSC payload always travels as a 200; the 403 is inside it, for the router to show the Not allowed page.
    if (headers.RSC) expect(forbidden.text).toContain("NEXT_HTTP_ERROR_FALLBACK;403");
    else expect(forbidden.status, JSON.stringify(headers)).toBe(403);
    expect(forbidden.text).not.toContain(DRAFT_TITLE);
    expectPrivate(forbidden, `${PREVIEW} as a marketer`);
  }
  const allowed = await send(PREVIEW, { headers: cookieHeader(editor) });
  expect(allowed.status).toBe(200);
  expect(allowed.text).toContain(DRAFT_TITLE);
  expectPrivate(allowed, `${PREVIEW} as an editor`);
  expectPrivate(await send("/admin", { headers: cookieHeader(editor) }), "/admin as an editor");
  const rsc = await send(PREVIEW, { headers: { RSC: "1", ...cookieHeader(editor) }, redirect: "follow" });
  expect(rsc.headers.get("content-type")).toContain("text/x-component");
  expect(rsc.text).toContain(DRAFT_TITLE);
  expectPrivate(rsc, `${PREVIEW} RSC as an editor`);
});

test("the featured action refuses every bad session, the wrong role, spoofed headers and foreign origins, changing nothing", async () => {
  const ids = actionIds();
  const setFeatured = ids.setFeaturedAction!;
  const marketer = await cookieFor("marketer");
  const editor = await cookieFor("editor");
  const revoked = await cookieFor("marketer");
  await callAction(ids.signOutAction!, [], { cookie: revoked });
  const [id] = marketer.split(".") as [string];
  const before = snapshotPosts();
  const args = [CONTROL.slug, !CONTROL.featured];

  const refusals: [label: string, call: ActionCall, expected: RegExp][] = [
    ["no session", {}, /Your session has ended/],
    ["a tampered signature", { cookie: `${id}.AAAA` }, /Your session has ended/],
    ["an unknown id", { cookie: sign(newId()) }, /Your session has ended/],
    ["a signed-out session", { cookie: revoked }, /Your session has ended/],
    ["the editor's session", { cookie: editor }, /Your role \(editor\) may not do this/],
    ...SUBREQUEST_HEADERS.map((value): [string, ActionCall, RegExp] => [`x-middleware-subrequest ${value}`, { headers: { "x-middleware-subrequest": value } }, /Your session has ended/]),
  ];
  for (const [label, call, expected] of refusals) {
    const reply = await callAction(setFeatured, args, call);
    expect(reply.text, label).toMatch(expected);
    expect(reply.text, label).not.toContain('"ok":true');
    expectPostsUnchanged(before, label);
  }
  // An action sent as an RSC navigation is bounced to the `_rsc` URL before any action code runs, session or not.
  for (const cookie of [undefined, marketer]) {
    const reply = await callAction(setFeatured, args, { cookie, headers: { RSC: "1" } });
    expect(reply.status).toBe(307);
    expect(reply.text).not.toContain('"ok":true');
    expectPostsUnchanged(before, "an RSC header");
  }
  // With a good session, from another site: Next.js's origin check stops it before the action runs.
  for (const origin of ["https://evil.test", "null", "http://127.0.0.1.evil.test"]) {
    const reply = await callAction(setFeatured, args, { cookie: marketer, origin });
    expect(reply.status, `origin ${origin}`).toBeGreaterThanOrEqual(400);
    expect(reply.text).not.toContain('"ok":true');
    expectPostsUnchanged(before, `origin ${origin}`);
  }
  const forwarded = await callAction(setFeatured, args, { cookie: marketer, origin: "https://evil.test", headers: { "x-forwarded-host": "evil.test" } });
  // Next.js would take X-Forwarded-Host as this site's host; without TRUST_PROXY=1, proxy.ts drops it first.
  expect(forwarded.status, "x-forwarded-host cannot make a foreign origin look local").toBeGreaterThanOrEqual(400);
  expect(forwarded.text, "x-forwarded-host cannot make a foreign origin look local").not.toContain('"ok":true');
  expectPostsUnchanged(before, "x-forwarded-host");

  // The same door with the marketer's own session does open (set to the value it has: nothing changes).
  const control = await callAction(setFeatured, [CONTROL.slug, CONTROL.featured], { cookie: marketer });
  expect(control.text).toContain(`{"ok":true,"featured":${CONTROL.featured}}`);
  // Next.js sets an action response's Cache-Control itself: no-store, which no cache, shared or private, may keep.
  expect(control.headers.get("cache-control")).toContain("no-store");
  expect(control.headers.get("cache-control")).not.toMatch(/public|s-maxage/);
  expectPostsUnchanged(before, "the control call");

  // Signing out without a session is harmless, and ends nobody else's.
  await callAction(ids.signOutAction!, []);
  expect((await send("/admin", { headers: cookieHeader(marketer) })).status).toBe(200);
});

test("the featured action refuses hostile slugs and values, and no file changes", async () => {
  const setFeatured = actionIds().setFeaturedAction!;
  const marketer = await cookieFor("marketer");
  const before = snapshotPosts();
  const slugs: unknown[] = [
    "../../../etc/passwd",
    "..%2f..%2f.data%2fusers",
    "%2e%2e",
    "/etc/passwd",
    "../content/posts/discovery-calls-that-qualify",
    "discovery-calls-that-qualify\u0000.mdx",
    "discovery-calls-that-qualify/../the-partner-map",
    "DISCOVERY-CALLS-THAT-QUALIFY",
    "x".repeat(10_000),
    "",
    ["discovery-calls-that-qualify"],
    { toString: "discovery-calls-that-qualify" },
    null,
    42,
  ];
  for (const slug of slugs) {
    const label = JSON.stringify(slug).slice(0, 80);
    const reply = await callAction(setFeatured, [slug, true], { cookie: marketer });
    expect(reply.text, label).toMatch(/Bad request: slug:|There is no valid post/);
    expect(reply.status, label).toBe(200);
  }
  // Flight references: strings the reply decoder reads as pointers, the shape of the RSC deserialization exploits.
  // React refuses to decode them (Next.js answers that with a 500 of its own); the action never runs.
  for (const slug of ["$@0", "$1:__proto__:then", "$1:constructor:constructor", "$Q0", "$K1"]) {
    expect((await callAction(setFeatured, [slug, true], { cookie: marketer })).text, slug).not.toContain('"ok":true');
  }
  for (const featured of ["true", 1, null, { valueOf: true }]) {
    const reply = await callAction(setFeatured, [CONTROL.slug, featured], { cookie: marketer });
    expect(reply.text, JSON.stringify(featured)).toContain("Bad request: featured:");
  }
  // Prototype-pollution payloads in the raw body, and far too many arguments.
  for (const body of ['{"__proto__":{"polluted":true}}', '[{"__proto__":{"isAdmin":true}},true]', JSON.stringify(Array(2000).fill("x"))]) {
    expect((await callAction(setFeatured, [], { cookie: marketer, body })).text).not.toContain('"ok":true');
  }
  expectPostsUnchanged(before, "hostile arguments");
  // Still serving, and still admitting the marketer.
  expect((await send("/admin", { headers: cookieHeader(marketer) })).status).toBe(200);
});

// ---------------------------------------------------------------------------------------------------------------
// Bodies, guesses, redirects

test("a server-action body over 1 MiB answers 413 before it is read, whatever the headers; one just under is read", async () => {
  const ids = actionIds();
  const marketer = await cookieFor("marketer");
  const before = snapshotPosts();
  const big = JSON.stringify(["x".repeat(MIB + 10), true]);
  for (const headers of [{}, ...SUBREQUEST_HEADERS.map((value) => ({ "x-middleware-subrequest": value }))]) {
    for (const cookie of [undefined, marketer]) {
      const reply = await callAction(ids.setFeaturedAction!, [], { body: big, cookie, headers });
      expect(reply.status, JSON.stringify(headers)).toBe(413);
      expect(reply.text).toContain("Payload Too Large");
    }
  }
  // The sign-in form action (multipart, no Next-Action header) has the same limit.
  const { reply: multipart } = await postSignIn({ email: "a@e2e.test", password: "p".repeat(MIB + 10) });
  expect(multipart.status).toBe(413);

  // Without a Content-Length (chunked), the size cannot be checked up front: 411, and the action never runs.
  const chunked = await rawRequest(
    { method: "POST", path: "/admin", headers: { "next-action": ids.setFeaturedAction!, "content-type": "text/plain;charset=UTF-8", "transfer-encoding": "chunked", origin: BASE, cookie: `${COOKIE}=${marketer}` } },
    Buffer.from(JSON.stringify([CONTROL.slug, !CONTROL.featured])),
  );
  expect(chunked.status).toBe(411);

  // The line is at exactly 1 MiB: one byte more is refused, the limit itself goes through to Next.js (whose reply
  // decoder then has limits of its own), and an ordinary large body reaches the action, which refuses the slug.
  const sized = (bytes: number) => JSON.stringify(["x".repeat(bytes - 9), true]);
  expect(Buffer.byteLength(sized(MIB))).toBe(MIB);
  expect((await callAction(ids.setFeaturedAction!, [], { body: sized(MIB + 1), cookie: marketer })).status).toBe(413);
  expect((await callAction(ids.setFeaturedAction!, [], { body: sized(MIB), cookie: marketer })).status).not.toBe(413);
  const large = await callAction(ids.setFeaturedAction!, [], { body: sized(200_000), cookie: marketer });
  expect(large.status).toBe(200);
  expect(large.text).toContain("Bad request: slug:");
  expectPostsUnchanged(before, "oversized bodies");
});

test("100 concurrent wrong passwords from rotating X-Forwarded-For addresses: at most 10 are checked, the rest refused fast", async () => {
  test.setTimeout(180_000);
  const email = `hardening-${randomBytes(4).toString("hex")}@e2e.test`;
  const password = "hardening-password-e2e";
  addUser(email, "editor", password);
  const guess = async (i: number) => {
    const reply = await signInFrom("127.0.0.1", email, `wrong-password-${i}`, { "x-forwarded-for": `198.51.100.${(i % 250) + 1}, 203.0.113.${(i % 250) + 1}` });
    expect(reply.status).toBe(303);
    expect(reply.cookie).toBeUndefined();
    return /error=(\w+)/.exec(reply.location)?.[1];
  };
  formField ??= await signInForm(); // once, not a hundred page loads racing the burst
  const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => guess(i)));
  const checked = outcomes.filter((o) => o === "invalid").length;
  // Refused without a hash: over the account's limit for this client (throttled), or beyond the few hashes the
  // server computes and queues at once (busy).
  const refused = outcomes.filter((o) => o === "throttled" || o === "busy").length;
  expect(checked + refused).toBe(100);
  expect(checked).toBeLessThanOrEqual(10);
  expect(checked).toBeGreaterThan(0);
  // Guess on, one at a time, until the account is locked for this client: within 10 checked guesses in all.
  let more = 0;
  while ((await guess(100 + more)) !== "throttled") expect(++more + checked).toBeLessThanOrEqual(10);
  // A "new address" in X-Forwarded-For and the right password change nothing: without TRUST_PROXY=1 the header is
  // the client's own invention, so this is still the same client, locked out of this account.
  const { reply, cookie } = await postSignIn({ email, password }, { "x-forwarded-for": "192.0.2.77" });
  expect(cookie).toBeUndefined();
  expect(reply.headers.get("location")).toContain("error=throttled");
});

let formField: string | undefined;

/** Posts the sign-in form from a given local address (127.0.0.0/8 all reach the server): a different client. */
async function signInFrom(localAddress: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ status: number; location: string; cookie?: string }> {
  const form = new FormData();
  form.set((formField ??= await signInForm()), "");
  for (const [name, value] of Object.entries({ next: "/admin", email, password })) form.set(name, value);
  const request = new Request(BASE, { method: "POST", body: form });
  const body = Buffer.from(await request.arrayBuffer());
  const { port, hostname } = new URL(BASE);
  return new Promise((resolve, reject) => {
    const req = http.request(
      // A connection of its own (agent: false): a burst never reuses a keep-alive socket the server is just closing.
      { hostname, port, path: "/admin/login", method: "POST", localAddress, agent: false, headers: { ...headers, "content-type": request.headers.get("content-type")!, "content-length": body.length, origin: BASE } },
      (res) => {
        res.resume();
        const cookie = new RegExp(`${COOKIE}=([^;]+)`).exec(String(res.headers["set-cookie"] ?? ""))?.[1];
        res.on("end", () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ""), cookie }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

test("a stranger's wrong passwords lock the account only for the stranger's own address: the real user still signs in", async () => {
  test.setTimeout(300_000);
  const email = `victim-${randomBytes(4).toString("hex")}@e2e.test`;
  const password = "victim-password-e2e";
  addUser(email, "editor", password);
  // Without TRUST_PROXY=1 the throttle counts the socket's address, whatever X-Forwarded-For says.
  formField ??= await signInForm();
  // The stranger guesses until refused (10 checked guesses at most; a "busy" answer was never checked).
  let checked = 0;
  for (let i = 0; ; i++) {
    const outcome = /error=(\w+)/.exec((await signInFrom("127.0.0.66", email, `guess-${i}`)).location)?.[1];
    if (outcome === "throttled") break;
    if (outcome === "invalid") expect(++checked).toBeLessThanOrEqual(10);
  }
  expect((await signInFrom("127.0.0.66", email, password)).location).toContain("error=throttled");
  const real = await signInFrom("127.0.0.77", email, password);
  expect(real.cookie, real.location).toBeTruthy();
  expect(real.location).toBe("/admin");
});

test("sign-in never sends anyone off-site, whatever next= says", async () => {
  test.setTimeout(120_000); // nine password hashes, one at a time
  const host = new URL(BASE).host;
  const hostile = [
    "//evil.test",
    "https://evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "///evil.test",
    "/%5Cevil.test",
    "/%2F%2Fevil.test",
    "/admin/..//evil.test",
    "/admin/../\\evil.test",
    "/admin/%2e%2e/%2e%2e//evil.test",
    "/admin\t//evil.test",
    " //evil.test",
    "https:evil.test",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/admin\r\nSet-Cookie: pwned=1",
    "/admin@evil.test",
    "//evil.test/admin",
    "http://127.0.0.1.evil.test/admin",
  ];
  const check = (location: string | null, label: string) => {
    expect(location, label).toBeTruthy();
    expect(location!, label).toMatch(/^\/admin(?:[/?]|$)/);
    expect(location!, label).not.toMatch(/^\/\/|\\/);
    expect(new URL(location!, BASE).host, label).toBe(host);
  };
  // Already signed in, the sign-in page forwards at once: the cheapest way to try many values.
  const editor = await cookieFor("editor");
  for (const next of hostile) {
    const reply = await send(`/admin/login?next=${encodeURIComponent(next)}`, { headers: cookieHeader(editor) });
    expect(reply.status, next).toBe(307);
    check(reply.headers.get("location"), `GET next=${JSON.stringify(next)}`);
    expect(reply.headers.get("set-cookie") ?? "").not.toContain("pwned");
  }
  // And through the form itself, as the browser posts it.
  for (const next of hostile.slice(0, 8)) {
    const { reply } = await postSignIn({ next, email: USERS.editor.email, password: USERS.editor.password });
    expect(reply.status, next).toBe(303);
    check(reply.headers.get("location"), `POST next=${JSON.stringify(next)}`);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Paths, images, caches

test("hostile paths answer 4xx or a same-site redirect, never a file, never a 500", async () => {
  const editor = await cookieFor("editor");
  const paths = [
    "/blog/..%2f..%2fetc%2fpasswd",
    "/blog/..%2F..%2F.e2e%2Fdata%2Fusers.json",
    "/blog/%2e%2e/%2e%2e/package.json",
    "/blog/%00",
    "/blog/a%00b",
    "/blog/%2fetc%2fpasswd",
    "/blog/C:%5Cwindows",
    "/blog/channel-conflict-playbook%00",
    "/blog/channel-conflict-playbook%2f..",
    "/blog/CHANNEL-CONFLICT-PLAYBOOK",
    "/admin/preview/%2e%2e",
    "/admin/preview/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/admin/preview/..%2f..%2f.data%2fsessions.json",
    "/admin/preview/%2Fetc%2Fpasswd",
    "/admin/preview/channel-conflict-playbook%00",
    `/admin/preview/${"a".repeat(5000)}`,
    "/topics/..%2f..%2fetc%2fpasswd",
    "/tags/%00",
    "/content/posts/channel-conflict-playbook.md",
    "/.data/users.json",
    "/.e2e/data/users.json",
    "/..%2f..%2fetc%2fpasswd",
    "/_next/..%2f..%2fpackage.json",
    "/_next/static/..%2f..%2f..%2fpackage.json",
    "/_next/server/app/admin/page.js",
    "/blog/channel-conflict-playbook/social-card.png",
  ];
  for (const url of paths) {
    for (const cookie of [undefined, editor]) {
      const reply = await send(url, { headers: cookieHeader(cookie) });
      const label = `${url.slice(0, 100)}${cookie ? " (editor)" : ""}`;
      expect(reply.status, label).toBeGreaterThanOrEqual(300);
      expect(reply.status, label).toBeLessThan(500);
      // A redirect stays on this site: a relative Location, or this site's own origin.
      if (reply.status < 400) expect(new URL(reply.headers.get("location")!, BASE).origin, label).toBe(new URL(BASE).origin);
      expect(reply.text, label).not.toMatch(/root:x:0:0|passwordHash|"sessions"|scrypt\$|"dependencies"|A playbook for channel conflict/);
    }
  }
});

test("/_next/image is not an open proxy", async () => {
  for (const url of ["https://evil.test/x.png", "//evil.test/x.png", "http://127.0.0.1:22/", "http://169.254.169.254/latest/meta-data/", "/\\evil.test/x.png", "/icon.svg"]) {
    const reply = await send(`/_next/image?url=${encodeURIComponent(url)}&w=64&q=75`, { headers: { accept: "image/avif,image/webp,image/*" } });
    expect(reply.status, url).toBeGreaterThanOrEqual(400);
    expect(reply.status, url).toBeLessThan(500);
    expect(reply.headers.get("content-type") ?? "", url).not.toMatch(/^image\//);
  }
});

test("public pages: an HTML page and its RSC payload never share a URL, and drafts are nowhere", async () => {
  // What the router sends on a client-side navigation: its state tree, hashed by Next.js into the `_rsc` value.
  const router = { RSC: "1", "Next-Router-State-Tree": encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }, null, null, true])) };
  for (const url of ["/", "/blog", "/blog/how-to-win-a-partnership-meeting", "/topics/partnerships", "/tags/planning"]) {
    const html = await send(url);
    expect(html.status, url).toBe(200);
    expect(html.headers.get("content-type"), url).toContain("text/html");
    const vary = (html.headers.get("vary") ?? "").toLowerCase();
    expect(vary, `${url} Vary`).toContain("rsc");
    expect(vary, `${url} Vary`).toContain("next-router-state-tree");

    // An RSC request for the page's URL is sent to a URL of its own (the _rsc cache key), never answered in place.
    const rscHere = await send(url, { headers: router });
    expect(rscHere.status, `${url} RSC`).toBe(307);
    const rscUrl = rscHere.headers.get("location")!;
    expect(new URL(rscUrl, BASE).searchParams.get("_rsc"), `${url} RSC location ${rscUrl}`).toMatch(/^[\w-]+$/);
    expect(rscHere.text).not.toContain("$Sreact.fragment");

    const rsc = await send(rscUrl, { headers: router });
    expect(rsc.status, rscUrl).toBe(200);
    expect(rsc.headers.get("content-type"), rscUrl).toContain("text/x-component");
    expect((rsc.headers.get("vary") ?? "").toLowerCase(), `${rscUrl} Vary`).toContain("rsc");

    // A browser asking for the _rsc URL is sent back to the page: that URL only ever holds the payload.
    const htmlThere = await send(rscUrl);
    expect(htmlThere.status, `${rscUrl} without RSC`).toBe(307);
    expect(htmlThere.headers.get("content-type") ?? "", `${rscUrl} without RSC`).not.toContain("text/html");
    expect(new URL(htmlThere.headers.get("location")!, BASE).searchParams.has("_rsc")).toBe(false);
    expect(new URL(htmlThere.headers.get("location")!, BASE).pathname).toBe(new URL(url, BASE).pathname);
  }
  // A draft's public URL is a 404 for both kinds, and the 404 holds nothing of it.
  for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
    const reply = await send("/blog/channel-conflict-playbook", { headers, redirect: "follow" });
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain(DRAFT_TITLE);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The cache: what 404s write, and what a post leaving the public set leaves behind

/** Every file under the build's server folder (where Next.js keeps rendered pages), with its size. */
function serverFiles(): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(path.relative(distDir, full), statSync(full).size);
    }
  };
  walk(path.join(distDir, "server"));
  return found;
}

/** What the server has logged so far (scripts/e2e-server.mjs copies it there). */
const serverLog = () => readFileSync(path.join(workDir, "server.log"), "utf8");

test("unknown slugs, terms, page numbers, cards and feeds answer 404 and write nothing to disk", async () => {
  const mark = randomBytes(4).toString("hex");
  const urls = [
    ...Array.from({ length: 8 }, (_, i) => `/blog/zz-${mark}-${i}`),
    `/blog/zz-${mark}/social-card.png`,
    `/topics/zz-${mark}`,
    `/topics/zz-${mark}/feed.xml`,
    `/tags/zz-${mark}`,
    "/blog/page/999",
    "/blog/page/123456",
    "/blog/page/x1",
    `/blog/${"a".repeat(300)}`,
    `/blog/${"é".repeat(200)}`,
    `/topics/${"b".repeat(256)}`,
    `/blog/${mark}%zz`,
  ];
  const before = serverFiles();
  const logBefore = serverLog().length;
  for (const url of urls) {
    for (const method of ["GET", "HEAD"]) {
      const reply = await send(url, { method });
      expect(reply.status, `${method} ${url.slice(0, 60)}`).toBe(404);
    }
  }
  const after = serverFiles();
  const added = [...after.keys()].filter((file) => !before.has(file));
  expect(added, "files the 404s wrote").toEqual([]);
  expect([...after].filter(([file, size]) => before.get(file) !== size).map(([file]) => file), "files the 404s changed").toEqual([]);
  // Not one stack trace: a name too long for the file system is never handed to it.
  expect(serverLog().slice(logBefore)).not.toMatch(/ENAMETOOLONG|\n\s+at /);
});

test("a published post set to draft on disk answers 404 on the next request, with no admin action", async () => {
  test.setTimeout(90_000);
  const file = path.join(postsDir, "the-partner-map.md");
  const original = readFileSync(file);
  const title = "Draw the partner map before you pick a partner";
  // Its page, card and the home page are cached (and the home page features it).
  for (const url of ["/blog/the-partner-map", "/", "/blog/the-partner-map/social-card.png", "/feed.xml"]) expect((await send(url)).status, url).toBe(200);
  expect((await send("/")).text).toContain(title);
  try {
    writeFileSync(file, original.toString("utf8").replace("draft: false", "draft: true"));
    // The watcher expires its pages within about a second; Next.js alone would serve the cached page for a minute
    // (revalidate = 60) and then once more while it regenerates.
    await expect.poll(async () => (await send("/blog/the-partner-map")).status, { timeout: 15_000, intervals: [250] }).toBe(404);
    for (const url of ["/", "/blog", "/feed.xml", "/sitemap.xml", "/topics/partnerships"]) {
      const reply = await send(url);
      expect(reply.status, url).toBe(200);
      expect(reply.text, url).not.toContain("the-partner-map");
    }
    expect((await send("/blog/the-partner-map/social-card.png")).status).toBe(404);
    // And it stays gone: its old 200 is not on disk to be served again.
    expect((await send("/blog/the-partner-map")).status).toBe(404);
  } finally {
    writeFileSync(file, original);
  }
  await expect.poll(async () => (await send("/blog/the-partner-map")).status, { timeout: 15_000, intervals: [250] }).toBe(200);
  expect((await send("/")).text).toContain(title);
});

test("public paths answer GET and HEAD only: any other method, a server action or a form post is refused before a render", async () => {
  const ids = actionIds();
  const logBefore = serverLog().length;
  const paths = ["/", "/blog", "/blog/how-to-win-a-partnership-meeting", "/feed.xml", "/atom.xml", "/feed.json", "/topics/partnerships/feed.xml", "/sitemap.xml", "/blog/how-to-win-a-partnership-meeting/social-card.png", "/search?q=x"];
  for (const url of paths) {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const reply = await send(url, { method, body: method === "POST" ? "x" : undefined });
      expect(reply.status, `${method} ${url}`).toBe(405);
      expect(reply.headers.get("allow"), `${method} ${url}`).toBe("GET, HEAD");
    }
    // A server action aimed at a public page (plain, and as the router sends one).
    for (const headers of [{ "next-action": ids.setFeaturedAction! }, { "next-action": "0".repeat(42), rsc: "1" }] as Record<string, string>[]) {
      const reply = await send(url, { method: "POST", headers: { ...headers, origin: BASE, "content-type": "text/plain;charset=UTF-8" }, body: "[]" });
      expect(reply.status, `action ${url}`).toBe(405);
    }
  }
  // The feeds were never replaced by an empty 405: every reader still gets the real thing.
  for (const url of ["/feed.xml", "/atom.xml", "/topics/partnerships/feed.xml"]) {
    const reply = await send(url);
    expect(reply.status, url).toBe(200);
    expect(reply.text, url).toContain("<title>");
  }
  expect(serverLog().slice(logBefore)).not.toMatch(/\n\s+at |Error:/);
});

test("a server action from another origin answers 403, with or without a session", async () => {
  const setFeatured = actionIds().setFeaturedAction!;
  const marketer = await cookieFor("marketer");
  const before = snapshotPosts();
  for (const origin of ["https://evil.test", "null", "http://127.0.0.1.evil.test", "http://localhost:1"]) {
    for (const cookie of [undefined, marketer]) {
      const reply = await callAction(setFeatured, [CONTROL.slug, !CONTROL.featured], { cookie, origin });
      expect(reply.status, `${origin} ${cookie ? "signed in" : ""}`).toBe(403);
    }
  }
  expectPostsUnchanged(before, "foreign origins");
});

test("the admin's scripts run under a fresh nonce per response ('strict-dynamic'); public pages keep their static policy", async ({ page }) => {
  const nonces = new Set<string>();
  for (const url of ["/admin/login", "/admin/login?next=%2Fadmin"]) {
    const reply = await send(url);
    const policy = reply.headers.get("content-security-policy") ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
    expect(nonce, policy).toBeTruthy();
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(reply.headers.get("content-security-policy"), "one policy, not the public one as well").not.toContain(", default-src");
    // Every script Next.js wrote carries it.
    const scripts = reply.text.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(2);
  const home = await send("/");
  expect(home.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
  // In Chromium the sign-in page hydrates and signs in with nothing blocked.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/admin/login");
  await page.getByLabel("Email").fill(USERS.editor.email);
  await page.getByLabel("Password").fill(USERS.editor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 20_000 });
  expect(violations).toEqual([]);
});

test("the Featured toggle's answer is the action's result alone, not a re-rendered dashboard", async () => {
  const setFeatured = actionIds().setFeaturedAction!;
  const marketer = await cookieFor("marketer");
  const slug = "how-to-win-a-partnership-meeting";
  const file = path.join(postsDir, `${slug}.md`);
  const original = readFileSync(file);
  const featured = /\nfeatured: true\n/.test(original.toString("utf8"));
  try {
    const reply = await callAction(setFeatured, [slug, !featured], { cookie: marketer });
    expect(reply.text).toContain(`{"ok":true,"featured":${!featured}}`);
    // The dashboard lists every post, drafts included; none of it comes back with a toggle.
    expect(reply.text).not.toContain(DRAFT_TITLE);
    expect(reply.text.length).toBeLessThan(2048);
  } finally {
    await callAction(setFeatured, [slug, featured], { cookie: marketer });
  }
  expect(readFileSync(file).equals(original)).toBe(true);
});
