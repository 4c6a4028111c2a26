import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { callAction, callFeaturedAction, featuredRegion, signIn } from "../scripts/bench/admin-client";
import { startCluster, type Cluster, type InstanceName } from "../scripts/bench/cluster";
import { ensureDebianPackages, freePort } from "../scripts/bench/procs";

// Folio on two instances, as the README's deployment recipe sets it up, all started here on loopback: Redis, two
// `next start` of the suite's one production build sharing a content and a data folder, and the shipped nginx in
// front of both (scripts/bench/cluster.ts), each on a port the kernel finds free. Everything is waited for with
// generous limits; how fast is the benchmark's question, not this file's.

const DIST = process.env.E2E_DIST_DIR ?? ".next-e2e";
const MARKETER = { email: "marketer@scale.test", role: "marketer", password: "marketer-password-scale" };
const EDITOR = { email: "editor@scale.test", role: "editor", password: "editor-password-scale" };
const SLUG = "how-to-win-a-partnership-meeting";
const TITLE = "How to win a partnership meeting";
const WAIT = { timeout: 30_000, intervals: [50, 100, 250] };
let cluster: Cluster;
let cookie: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  ensureDebianPackages([
    { command: "/usr/bin/redis-server", pkg: "redis-server" },
    { command: "/usr/sbin/nginx", pkg: "nginx" },
  ]);
  cluster = await startCluster({
    root: path.resolve("."),
    distDir: DIST,
    work: path.resolve(process.env.E2E_WORK_DIR ?? ".e2e", "scale"),
    contentFrom: path.resolve("tests", "fixtures", "site"),
    ports: { redis: await freePort(), a: await freePort(), b: await freePort(), nginx: await freePort() },
    users: [MARKETER, EDITOR],
  });
  cookie = await signIn(cluster.origin.a, DIST, MARKETER.email, MARKETER.password);
});

test.afterAll(async () => {
  await cluster?.stop();
});

const html = async (origin: string, pathname: string) => {
  const response = await fetch(new URL(pathname, origin), { redirect: "manual" });
  return { status: response.status, text: await response.text() };
};
const homeFeatures = async (origin: string) => featuredRegion((await html(origin, "/")).text).includes(TITLE);
const toggle = (on: InstanceName, featured: boolean, slug = SLUG) => callFeaturedAction(cluster.origin[on], DIST, cookie, slug, featured);
const postFile = (slug: string) => path.join(cluster.contentDir, "posts", readdirSync(path.join(cluster.contentDir, "posts")).find((n) => n.startsWith(`${slug}.`))!);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

type AuditRecord = { at: string; slug: string; to: boolean; hashBefore: string; hashAfter: string };
/**
 * Every record of every instance's audit file, oldest first. A line that is not a whole record fails the test, but
 * `whileWriting` allows a last line still being appended.
 */
function auditRecords(whileWriting = false): AuditRecord[] {
  const dir = path.join(cluster.dataDir, "audit");
  const records: AuditRecord[] = [];
  if (!existsSync(dir)) return records; // nothing written yet
  for (const name of readdirSync(dir)) {
    const lines = readFileSync(path.join(dir, name), "utf8").split("\n");
    const last = lines.pop();
    if (!whileWriting) expect(last, `${name} ends with a whole record`).toBe("");
    for (const line of lines) records.push(JSON.parse(line) as AuditRecord);
  }
  return records.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

/**
 * Checks that a post's audit records form one unbroken chain, each change starting from the bytes the previous one
 * left, from `from` to the file as it is now: no update was lost and none went unrecorded.
 */
function expectUnbrokenChain(slug: string, from: string, records: AuditRecord[]): void {
  const mine = records.filter((r) => r.slug === slug);
  let hash = from;
  for (const record of mine) {
    expect(record.hashBefore, `${slug}: a change that did not start from the previous one's bytes`).toBe(hash);
    hash = record.hashAfter;
  }
  expect(sha256(readFileSync(postFile(slug))), `${slug}: the file is what its last recorded change wrote`).toBe(hash);
}

test("a featured toggle made through A is on B's pages and through nginx", async () => {
  // Every cache warm first: A's and B's (one Redis cache) and nginx's copy of the home page.
  expect(await homeFeatures(cluster.origin.b)).toBe(false);
  expect(await homeFeatures(cluster.origin.nginx)).toBe(false);
  expect(await toggle("a", true)).toMatchObject({ ok: true, featured: true });
  await expect.poll(() => homeFeatures(cluster.origin.b), WAIT).toBe(true);
  await expect.poll(() => homeFeatures(cluster.origin.nginx), WAIT).toBe(true);
  expect(readFileSync(postFile(SLUG), "utf8")).toMatch(/^featured: true$/m);
  // And back, through B this time: A's pages follow.
  expect(await toggle("b", false)).toMatchObject({ ok: true, featured: false });
  await expect.poll(() => homeFeatures(cluster.origin.a), WAIT).toBe(false);
  await expect.poll(() => homeFeatures(cluster.origin.nginx), WAIT).toBe(false);
});

test("a post published through A's editor is on B's pages, its feed, and through nginx", async ({ browser }) => {
  const DRAFT = "channel-conflict-playbook";
  const DRAFT_TITLE = "A playbook for channel conflict";
  const feedHas = async (origin: string) => (await html(origin, "/feed.xml")).text.includes(DRAFT_TITLE);
  // Not public yet, and B's and nginx's feeds are cached without it.
  for (const origin of [cluster.origin.b, cluster.origin.nginx]) {
    expect((await html(origin, `/blog/${DRAFT}`)).status).toBe(404);
    expect(await feedHas(origin)).toBe(false);
  }
  const context = await browser.newContext({ baseURL: cluster.origin.a });
  try {
    const page = await context.newPage();
    await page.goto("/admin/login");
    await page.getByLabel("Email").fill(EDITOR.email);
    await page.getByLabel("Password").fill(EDITOR.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/admin\/login/, { timeout: 60_000 });
    await page.goto(`/admin/posts/${DRAFT}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Published" })).toBeVisible({ timeout: 60_000 });
  } finally {
    await context.close();
  }
  expect(readFileSync(postFile(DRAFT), "utf8")).not.toMatch(/^draft: true$/m);
  for (const origin of [cluster.origin.b, cluster.origin.nginx]) {
    await expect.poll(async () => (await html(origin, `/blog/${DRAFT}`)).status, WAIT).toBe(200);
    await expect.poll(() => feedHas(origin), WAIT).toBe(true);
  }
});

test("a session made on A works on B, and signing out on B ends it on A", async () => {
  const session = await signIn(cluster.origin.a, DIST, MARKETER.email, MARKETER.password);
  const onB = await fetch(`${cluster.origin.b}/admin`, { headers: { cookie: session }, redirect: "manual" });
  expect(onB.status).toBe(200);
  expect(await onB.text()).toContain(MARKETER.email);
  await callAction(cluster.origin.b, DIST, session, "app/admin/actions.ts", "signOutAction", []);
  await expect
    .poll(async () => (await fetch(`${cluster.origin.a}/admin`, { headers: { cookie: session }, redirect: "manual" })).headers.get("location") ?? "", WAIT)
    .toMatch(/^\/admin\/login/);
});

test("20 concurrent toggles of one post split across A and B leave the file whole, one audit record per change", async () => {
  const before = sha256(readFileSync(postFile(SLUG)));
  const seen = auditRecords().length;
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => toggle(i % 2 ? "a" : "b", i % 4 < 2)));
  expect(answers.filter((a) => !a.ok)).toEqual([]);
  const records = auditRecords().slice(seen);
  expect(records.length).toBeGreaterThan(0);
  expectUnbrokenChain(SLUG, before, records);
  const text = readFileSync(postFile(SLUG), "utf8");
  expect(text).toContain(`title: "${TITLE}"`);
  expect(text.match(/^featured: (true|false)$/gm)?.length).toBe(1);
  expect(text).toMatch(new RegExp(`^featured: ${records.filter((r) => r.slug === SLUG).at(-1)!.to}$`, "m"));
});

test("with Redis stopped, the public site answers 200 from both instances, the admin a clear 503, and nothing is written; it all recovers when Redis returns", async () => {
  const bytes = readFileSync(postFile(SLUG));
  const seen = auditRecords().length;
  await cluster.redis.stop();
  try {
    for (const name of ["a", "b"] as const) {
      await expect.poll(async () => (await html(cluster.origin[name], "/admin")).status, WAIT).toBe(503);
      expect((await html(cluster.origin[name], "/admin/login")).text).toContain("The admin is unavailable");
      for (const page of ["/", `/blog/${SLUG}`, "/feed.xml", "/blog"]) expect((await html(cluster.origin[name], page)).status, `${name} ${page}`).toBe(200);
    }
    expect((await html(cluster.origin.nginx, "/")).status).toBe(200);
    // An open dashboard's switch: the action answers that nothing was changed, and nothing was.
    const answer = await toggle("a", true);
    expect(answer.ok).toBe(false);
    expect(readFileSync(postFile(SLUG)).equals(bytes)).toBe(true);
    expect(auditRecords().length).toBe(seen);
  } finally {
    await cluster.redis.start();
  }
  for (const name of ["a", "b"] as const) {
    await expect.poll(async () => (await fetch(`${cluster.origin[name]}/admin`, { headers: { cookie }, redirect: "manual" })).status, WAIT).toBe(200);
  }
  expect(await toggle("b", true)).toMatchObject({ ok: true, featured: true });
  await expect.poll(() => homeFeatures(cluster.origin.a), WAIT).toBe(true);
  await expect.poll(() => homeFeatures(cluster.origin.nginx), WAIT).toBe(true);
  expect(await toggle("a", false)).toMatchObject({ ok: true, featured: false });
});

test("killing A during a burst of writes loses nothing, and B keeps serving", async () => {
  const slugs = ["how-to-win-a-partnership-meeting", "the-partner-map", "pricing-a-co-sell-deal", "channel-conflict-playbook"];
  const before = new Map(slugs.map((slug) => [slug, sha256(readFileSync(postFile(slug)))]));
  const seen = auditRecords().length;
  let writing = true;
  let aDead = false;
  const failuresOnB: string[] = [];
  let okOnB = 0;
  const writer = async (on: InstanceName, offset: number) => {
    for (let i = offset; writing; i++) {
      // Post i % 4, its Featured flipped on each round of the four, so (almost) every call changes the file.
      const answer = await toggle(on, Math.floor(i / slugs.length) % 2 === 0, slugs[i % slugs.length]).catch((error: Error) => ({ ok: false, error: error.message, status: 0 }));
      if (on === "b") {
        if (answer.ok) okOnB++;
        else failuresOnB.push(answer.error ?? String(answer.status));
      }
      if (on === "a" && aDead) return;
    }
  };
  const readerStatuses: number[] = [];
  const reader = async () => {
    while (writing) readerStatuses.push((await html(cluster.origin.b, "/").catch(() => ({ status: 0 }))).status);
  };
  const work = [writer("a", 0), writer("a", 1), writer("b", 2), writer("b", 3), reader()];
  await expect.poll(() => auditRecords(true).length - seen, WAIT).toBeGreaterThan(8);
  await cluster.kill("a");
  aDead = true;
  const atKill = okOnB;
  // B goes on writing (a post whose lock A held is free once the lock's time is up) and serving.
  await expect.poll(() => okOnB - atKill, { timeout: 60_000 }).toBeGreaterThan(10);
  writing = false;
  await Promise.all(work);
  expect(failuresOnB).toEqual([]);
  expect(readerStatuses.length).toBeGreaterThan(0);
  expect(readerStatuses.filter((s) => s !== 200)).toEqual([]);

  const records = auditRecords().slice(seen);
  let unrecorded = 0;
  for (const slug of slugs) {
    const text = readFileSync(postFile(slug), "utf8");
    expect(text.match(/^featured: (true|false)$/gm)?.length, `${slug} is whole`).toBe(1);
    // Each change starts from the bytes the previous recorded one left, and the file is what the last one wrote:
    // except where A renamed a write into place and died before appending its record (one per writer A had).
    let hash = before.get(slug)!;
    for (const record of records.filter((r) => r.slug === slug)) {
      if (record.hashBefore !== hash) unrecorded++;
      hash = record.hashAfter;
    }
    if (sha256(readFileSync(postFile(slug))) !== hash) unrecorded++;
  }
  expect(unrecorded, "writes that went unrecorded: only the ones A was making as it died").toBeLessThanOrEqual(2);
  await cluster.start("a");
  expect((await html(cluster.origin.a, "/")).status).toBe(200);
});
