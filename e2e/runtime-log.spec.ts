import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../scripts/bench/procs";

// The production build's own log: a second `next start` of the suite's build (scripts/e2e-server.mjs), on a port the
// kernel finds free, with a copy of the sample site that holds one broken post and its own DATA_DIR, so the broken
// file never reaches the server every other spec shares. Its output goes straight to a file, which the test reads.

const root = process.cwd();
const work = path.resolve(process.env.E2E_WORK_DIR ?? ".e2e", "runtime-log");
let base = "";
const logFile = path.join(work, "server.log");
const BROKEN = "posts/zz-broken.md";

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "data"), { recursive: true });
  cpSync(path.join(root, "tests", "fixtures", "site"), path.join(work, "content"), { recursive: true });
  writeFileSync(path.join(work, "content", BROKEN), '---\ntitle: "Broken"\ndate: not-a-date\n---\n\nNever shown.\n');
  const log = openSync(logFile, "w");
  server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: root,
    stdio: ["ignore", log, log],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      CONTENT_DIR: path.join(work, "content"),
      DATA_DIR: path.join(work, "data"),
      FOLIO_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
      SITE_URL: base,
    },
  });
  // A server slow to start on a busy machine is not a failure: wait for it generously.
  await expect
    .poll(async () => (await fetch(`${base}/robots.txt`).catch(() => null))?.status ?? 0, { timeout: 120_000, intervals: [250, 500, 1000] })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

const errorLines = () => readFileSync(logFile, "utf8").split("\n").filter((line) => line.includes("content error"));

test("a broken post is logged once at run time, however many pages and route handlers read the content", async ({ request }) => {
  // Pages and route handlers are separate bundles in Next.js; each reads the content index at request time here.
  // (Only URLs that are never cached: this server shares the build folder with the suite's.)
  for (const url of ["/search?q=partner", "/blog/no-such-post/social-card.png", "/search?q=meeting", "/topics/no-such-topic/feed.xml"]) {
    const response = await request.get(`${base}${url}`);
    expect(response.status(), url).toBeLessThan(500);
  }
  // The server writes its log straight to the file, before it answers: every line of those requests is there.
  const lines = errorLines();
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\[folio\] content error, post left out: posts\/zz-broken\.md:3: date: /);
  // The site itself carries on without the broken post.
  const search = await request.get(`${base}/search?q=Broken`);
  expect(await search.text()).toContain("No essays match");
});
