import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

/** Debian's Chromium (never a downloaded browser); the flags keep it off the network this machine does not have. */
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  // One production server is shared by every spec; two workers is what two cores can drive.
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Generous limits, never budgets: the suite must pass while other work shares the machine's two cores (a sign-in's
  // scrypt or an axe scan can take several times longer then). How fast things are is `npm run bench`'s business.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  // Per port, so a second suite running beside this one (see scripts/e2e-server.mjs) never wipes its traces.
  outputDir: `test-results/e2e-artifacts-${port}`,
  use: { baseURL, launchOptions: chromium, trace: "retain-on-failure" },
  projects: [
    // Specs that check the exact set of public posts (feeds, sitemap) run first, before any spec publishes one.
    { name: "readers", use: { browserName: "chromium" }, testMatch: /discovery\.spec\.ts/ },
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: /(hardening|discovery|scale|team-policy)\.spec\.ts/, dependencies: ["readers"] },
    // The hostile-request battery writes sessions straight into DATA_DIR; run alone, after the rest, it can never
    // overwrite a session another spec's sign-in just created.
    { name: "hardening", use: { browserName: "chromium" }, testMatch: /hardening\.spec\.ts/, dependencies: ["chromium"] },
    // Requiring two-factor sign-in for a role would stop other specs' users of that role: after them, and alone.
    { name: "team-policy", use: { browserName: "chromium" }, testMatch: /team-policy\.spec\.ts/, dependencies: ["hardening"] },
    // Two more servers, Redis and nginx of its own (e2e/scale.spec.ts), on the suite's build: last and alone, so they
    // never compete for the machine's cores with specs that share the suite's server.
    { name: "scale", testMatch: /scale\.spec\.ts/, dependencies: ["team-policy"], timeout: 180_000 },
  ],
  webServer: {
    // Builds once (into .next-e2e, from a scratch copy of tests/fixtures/site) and serves it with `next start`.
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/`,
    env: { E2E_PORT: String(port) },
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
