// 50 keep-alive connections on the public pages for a fixed time, while a marketer toggles Featured every couple of
// seconds and hostile files land in (and leave) the posts folder: no 5xx, every toggle acknowledged, p99 reported.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { hammer, quantile, setFeatured, signIn } from "./client.mjs";
import { MARKETER, start, stop } from "./server.mjs";

const URLS = [
  "/",
  "/blog",
  "/blog/how-to-win-a-partnership-meeting",
  "/blog/pricing-a-co-sell-deal",
  "/blog/discovery-calls-that-qualify",
  "/blog/the-partner-map",
  "/topics/partnerships",
  "/tags/planning",
  "/feed.xml",
  "/sitemap.xml",
];
const TOGGLED = "how-to-win-a-partnership-meeting";
const fm = (yaml, body = "\nBody.\n") => `---\ntitle: Hostile\ndate: 2025-10-01\n${yaml}\n---\n${body}`;

/** Files an accident or an attacker could drop into CONTENT_DIR while the site is busy. */
function dropHostileFiles(posts) {
  const outside = mkdtempSync(path.join(os.tmpdir(), "folio-stress-outside-"));
  writeFileSync(path.join(outside, "secret.md"), fm("slug: secret"));
  const laughs = ["l0: &l0 [lol]", ...Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]`)].join("\n");
  const files = {
    "zz-bomb.md": fm(laughs),
    "zz-deep.md": fm(`tags: ${"[".repeat(5000)}${"]".repeat(5000)}`),
    "zz-block.md": fm(`tags:\n${"- ".repeat(5000)}x`),
    "zz-proto.md": fm("__proto__: {polluted: true}"),
    "zz-nul.md": `${fm("")}\0`,
    "zz-huge.md": "a".repeat(1024 * 1024 + 1),
    "zz-quotes.md": fm("", `\n${">".repeat(5000)} x\n`),
    "zz-slug.md": fm("slug: ../../etc/passwd"),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(posts, name), text);
  symlinkSync(path.join(outside, "secret.md"), path.join(posts, "zz-escape.md"));
  return () => {
    for (const name of [...Object.keys(files), "zz-escape.md"]) rmSync(path.join(posts, name), { force: true });
    rmSync(outside, { recursive: true, force: true });
  };
}

export async function loadPhase(where, ids, { seconds, connections, toggleEveryMs }) {
  const server = await start(where);
  try {
    const cookie = await signIn(where, MARKETER);
    for (const url of URLS) await fetch(`${where.base}${url}`); // one warm request each, as a deploy's first visitors would make
    const toggles = [];
    let featured = false;
    let toggling = true;
    const toggler = (async () => {
      while (toggling) {
        await new Promise((resolve) => setTimeout(resolve, toggleEveryMs));
        if (!toggling) break;
        featured = !featured;
        const started = Date.now();
        // A saturated server answers an action slowly (each of its file-system steps waits behind fifty page
        // requests), so the bound here is generous; what must not happen is a failure.
        const result = await setFeatured(where, ids, cookie, TOGGLED, featured, { timeoutMs: 30_000 });
        toggles.push({ ok: result.ok, ms: Date.now() - started, error: result.error });
      }
    })();
    let cleanup = () => undefined;
    const hostile = setTimeout(() => (cleanup = dropHostileFiles(where.posts)), (seconds * 1000) / 3);
    const { samples, seconds: elapsed } = await hammer(where, URLS, { connections, durationMs: seconds * 1000 });
    toggling = false;
    clearTimeout(hostile);
    await toggler;
    cleanup();
    if (featured) toggles.push({ ...(await setFeatured(where, ids, cookie, TOGGLED, false)), ms: 0, final: true });

    const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
    const count = (predicate) => samples.filter(predicate).length;
    const figures = {
      seconds: Number(elapsed.toFixed(1)),
      connections,
      requests: samples.length,
      rps: Math.round(samples.length / elapsed),
      p50: Number(quantile(latencies, 0.5).toFixed(1)),
      p90: Number(quantile(latencies, 0.9).toFixed(1)),
      p99: Number(quantile(latencies, 0.99).toFixed(1)),
      max: Number(latencies.at(-1).toFixed(1)),
      status2xx: count((s) => s.status >= 200 && s.status < 300),
      status5xx: count((s) => s.status >= 500),
      otherStatus: count((s) => s.status > 0 && (s.status < 200 || (s.status >= 300 && s.status < 500))),
      connectionErrors: count((s) => s.status === 0),
      toggles: toggles.length,
      togglesOk: toggles.filter((t) => t.ok).length,
      toggleP50: quantile(toggles.filter((t) => !t.final).map((t) => t.ms).sort((a, b) => a - b), 0.5),
      toggleMax: Math.max(0, ...toggles.filter((t) => !t.final).map((t) => t.ms)),
    };
    const problems = [];
    if (figures.status5xx > 0) problems.push(`${figures.status5xx} responses were 5xx`);
    if (figures.connectionErrors > 0) problems.push(`${figures.connectionErrors} requests failed to connect or timed out`);
    if (figures.otherStatus > 0) problems.push(`${figures.otherStatus} responses were neither 2xx nor 5xx`);
    if (figures.togglesOk !== figures.toggles) problems.push(`toggles failed: ${toggles.filter((t) => !t.ok).map((t) => t.error).join("; ")}`);
    if (figures.toggles < 2) problems.push("fewer than two toggles ran");
    return { ok: problems.length === 0, problems, figures };
  } finally {
    await stop(server);
  }
}
