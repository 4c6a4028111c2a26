import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startShippedNginx } from "../scripts/bench/anchors";
import { ensureDebianPackages, freePort, type Server } from "../scripts/bench/procs";
import { signIn } from "./fixtures";

// The shipped nginx configuration (deploy/nginx.conf + deploy/folio-proxy.conf), for real: Debian's nginx (installed
// when missing) started by this file in front of the suite's production build, with only its addresses and folders
// pointed here (scripts/bench/anchors.ts), on a port the kernel finds free.

const APP_PORT = Number(process.env.E2E_PORT ?? 3210);
let front = "";
const SECRET = randomBytes(32).toString("hex");
const POST_PAGE = "/blog/how-to-win-a-partnership-meeting";
let nginx: Server | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  ensureDebianPackages([{ command: "/usr/sbin/nginx", pkg: "nginx" }]);
  const dir = path.resolve(process.env.E2E_WORK_DIR ?? ".e2e", "nginx");
  const port = await freePort();
  front = `http://127.0.0.1:${port}`;
  nginx = await startShippedNginx(path.resolve("."), dir, port, [APP_PORT], undefined, SECRET);
});

test.afterAll(async () => {
  await nginx?.stop();
});

type Reply = { status: number; cache: string | null; text: string; headers: Headers };
async function get(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(new URL(url, front), { redirect: "manual", ...init });
  return { status: response.status, cache: response.headers.get("x-cache-status"), text: await response.text(), headers: response.headers };
}

test("a junk session cookie never skips the public cache, nor varies it", async () => {
  for (const cookie of ["folio_session=junk", "__Host-folio_session=x.y", `folio_session=${"a".repeat(43)}.${"b".repeat(43)}`]) {
    const reply = await get(POST_PAGE, { headers: { cookie } });
    expect(reply.status).toBe(200);
    expect(reply.cache, cookie).not.toBe("BYPASS");
  }
  // With a cookie, the cached page is served: once the page is in the cache, a cookie-carrying request hits it.
  await expect.poll(async () => (await get(POST_PAGE, { headers: { cookie: "folio_session=junk" } })).cache, { timeout: 20_000, intervals: [100] }).toBe("HIT");
});

test("a query string that changes nothing is the same cached page, not a fresh render", async () => {
  // Each ask carries a query never seen before; only a key without it can ever answer HIT.
  await expect
    .poll(async () => (await get(`${POST_PAGE}?utm_source=${randomBytes(6).toString("hex")}`)).cache, { timeout: 20_000, intervals: [100] })
    .toBe("HIT");
});

test("public paths take GET and HEAD only: nginx answers 405 itself", async () => {
  for (const url of ["/", "/feed.xml", POST_PAGE]) {
    for (const method of ["POST", "PUT", "DELETE"]) {
      const reply = await get(url, { method, body: "x" });
      expect(reply.status, `${method} ${url}`).toBe(405);
      expect(reply.headers.get("allow")).toBe("GET, HEAD");
      expect(reply.text, "nginx's own page: Folio never saw it").toContain("nginx");
    }
  }
});

test("X-Folio-Refresh skips the cache only with the shared secret, whatever the address", async () => {
  for (const value of ["1", "wrong", SECRET.slice(0, -1)]) expect((await get("/", { headers: { "x-folio-refresh": value } })).cache, value).not.toBe("BYPASS");
  expect((await get("/", { headers: { "x-folio-refresh": SECRET } })).cache).toBe("BYPASS");
});

test("requests that miss the cache are rate-limited per client: a burst of unique URLs gets 429s, never 5xx", async () => {
  const mark = randomBytes(4).toString("hex");
  const replies = await Promise.all(Array.from({ length: 120 }, (_, i) => get(`/blog/zz-${mark}-${i}`)));
  const statuses = replies.map((r) => r.status);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
  // Cached pages are not what is limited: the home page still answers.
  expect((await get("/")).status).toBe(200);
});

test("sign-in POSTs are rate-limited per client; admin pages without a session-shaped cookie too, with one not", async () => {
  const login = await get("/admin/login");
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(login.text)?.[1];
  expect(field).toBeTruthy();
  const post = () => {
    const form = new FormData();
    form.set(field!, "");
    form.set("next", "/admin");
    form.set("email", `nobody-${randomBytes(3).toString("hex")}@e2e.test`);
    form.set("password", "not a real password");
    return get("/admin/login", { method: "POST", body: form, headers: { origin: front } });
  };
  const posts = await Promise.all(Array.from({ length: 16 }, post));
  expect(posts.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  expect(posts.every((r) => r.status === 303 || r.status === 429)).toBe(true);

  const anonymous = await Promise.all(Array.from({ length: 40 }, () => get("/admin")));
  expect(anonymous.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  const cookie = `folio_session=${"a".repeat(43)}.${"b".repeat(43)}`;
  const shaped = await Promise.all(Array.from({ length: 40 }, () => get("/admin", { headers: { cookie } })));
  expect(shaped.filter((r) => r.status === 429)).toEqual([]);
});

test("a share link passes through nginx and is never stored: private, no-store, and gone on the request after Revoke", async ({ page }) => {
  // Made in the app itself (its own port), read through nginx like a reviewer would.
  await signIn(page, "editor");
  await page.goto("/admin/posts/channel-conflict-playbook");
  await page.getByRole("button", { name: "Create share link" }).click();
  const field = page.getByRole("textbox", { name: /New share link/ });
  await expect(field).toHaveValue(/\/share\/[A-Za-z0-9_-]{43}$/);
  const sharePath = new URL(await field.inputValue()).pathname;
  for (let i = 0; i < 3; i++) {
    const reply = await get(sharePath);
    expect(reply.status).toBe(200);
    expect(reply.cache, "the share location never uses the cache").toBeNull();
    expect(reply.headers.get("cache-control")).toMatch(/private.*no-store|no-store.*private/);
  }
  const post = await get(sharePath, { method: "POST", body: "x" });
  expect(post.status).toBe(405);
  await page.getByRole("list", { name: "Live share links" }).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Revoked" })).toBeVisible();
  const revoked = await get(sharePath);
  expect(revoked.status).toBe(404);
  expect(revoked.text).not.toContain("A playbook for channel conflict");
});
