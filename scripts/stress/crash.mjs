// kill -9 the server in the middle of a burst of featured writes, again and again: afterwards every post file must be
// its old or its new version (never truncated, never a mix), and every line of the audit log a whole record.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { setFeatured, signIn } from "./client.mjs";
import { MARKETER, kill9, start, stop } from "./server.mjs";
import { prng } from "../lib/prng.mjs";

const SLUGS = ["how-to-win-a-partnership-meeting", "the-partner-map", "pricing-a-co-sell-deal", "discovery-calls-that-qualify", "channel-conflict-playbook"];
// Every record names who, when, which post and its hashes; a Featured toggle also its field and values. A change the
// history notices after a restart (a kill between the rename and the history's own note) is recorded as `outside`.
const AUDIT_FIELDS = ["at", "actor", "slug", "file", "hashBefore", "hashAfter"];
const FEATURE_FIELDS = ["field", "from", "to"];
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function postFile(where, slug) {
  const name = readdirSync(where.posts).find((n) => n === `${slug}.md` || n === `${slug}.mdx`);
  if (!name) throw new Error(`no file for ${slug}`);
  return path.join(where.posts, name);
}

/** The audit log's files: one per instance in DATA_DIR/audit/ (lib/admin/audit.ts), and the single file of old. */
export function auditFiles(where) {
  const dir = path.join(where.data, "audit");
  const files = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".jsonl")).map((n) => path.join(dir, n)) : [];
  const legacy = path.join(where.data, "audit.jsonl");
  return existsSync(legacy) ? [...files, legacy] : files;
}

/** Every line of the audit log parsed, oldest first; a line that is not a whole record is reported, not skipped. */
export function checkAudit(where) {
  const torn = [];
  const records = [];
  for (const file of auditFiles(where)) {
    const lines = readFileSync(file, "utf8").split("\n");
    const name = path.basename(file);
    if (lines.at(-1) !== "") torn.push({ line: `${name}:${lines.length}`, text: lines.at(-1).slice(0, 80), why: "no final newline" });
    lines.slice(0, -1).forEach((line, i) => {
      try {
        const record = JSON.parse(line);
        if (record.kind === "team") return; // the users command's own records (the marketer this battery signs in as)
        const required = (record.action ?? "feature") === "feature" ? [...AUDIT_FIELDS, ...FEATURE_FIELDS] : AUDIT_FIELDS;
        const missing = required.filter((k) => !(k in record));
        if (missing.length > 0) torn.push({ line: `${name}:${i + 1}`, text: line.slice(0, 80), why: `missing ${missing.join(", ")}` });
        else records.push(record);
      } catch {
        torn.push({ line: `${name}:${i + 1}`, text: line.slice(0, 80), why: "not JSON" });
      }
    });
  }
  records.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { records, torn };
}

/** Learns the two valid versions of each file: as shipped, and with featured flipped once through the server. */
async function learnVersions(where, ids, cookie) {
  const versions = new Map();
  for (const slug of SLUGS) {
    const file = postFile(where, slug);
    const original = readFileSync(file);
    const featured = /^featured:\s*true\s*$/m.test(original.toString("utf8").split(/^---\s*$/m)[1] ?? "");
    const flipped = await setFeatured(where, ids, cookie, slug, !featured);
    if (!flipped.ok) throw new Error(`could not flip ${slug}: ${flipped.error}`);
    const other = readFileSync(file);
    const back = await setFeatured(where, ids, cookie, slug, featured);
    if (!back.ok || !readFileSync(file).equals(original)) throw new Error(`toggling ${slug} twice did not restore its bytes`);
    versions.set(slug, { file, valid: [original, other] });
  }
  return versions;
}

/** One round: start, burst, kill -9 after `killAfterMs`, then inspect what is on disk. */
async function round(where, ids, cookie, versions, next, killAfterMs) {
  const server = await start(where);
  let alive = true;
  let sent = 0;
  let acknowledged = 0;
  const writer = async () => {
    while (alive) {
      const slug = SLUGS[Math.floor(next() * SLUGS.length)];
      sent += 1;
      const result = await setFeatured(where, ids, cookie, slug, next() < 0.5, { timeoutMs: 5000 });
      if (result.ok) acknowledged += 1;
    }
  };
  const writers = Array.from({ length: 8 }, writer);
  await sleep(killAfterMs);
  await kill9(server);
  alive = false;
  await Promise.all(writers);

  const bad = [];
  for (const [slug, { file, valid }] of versions) {
    const bytes = readFileSync(file);
    if (!valid.some((v) => v.equals(bytes))) bad.push(`${slug}: ${bytes.length} bytes, neither version`);
  }
  const temps = readdirSync(where.posts).filter((n) => n.startsWith(".") && n.endsWith(".tmp"));
  const audit = checkAudit(where);
  for (const name of ["users.json", "sessions.json"]) {
    try {
      JSON.parse(readFileSync(path.join(where.data, name), "utf8"));
    } catch (error) {
      bad.push(`${name}: ${error.message}`);
    }
  }
  // The last record of each post should describe its bytes now, unless the kill fell between rename and append.
  const unrecorded = [...versions].filter(([slug, { file }]) => {
    const last = audit.records.filter((r) => r.slug === slug).at(-1);
    return last !== undefined && last.hashAfter !== sha256(readFileSync(file));
  }).length;
  return { sent, acknowledged, bad, temps: temps.length, torn: audit.torn, records: audit.records.length, unrecorded };
}

/** The crash battery: `rounds` kill -9s, each at a random moment of a burst of featured writes. */
export async function crashPhase(where, ids, { rounds, seed, log }) {
  const next = prng(seed);
  let server = await start(where);
  const cookie = await signIn(where, MARKETER);
  const versions = await learnVersions(where, ids, cookie);
  await stop(server);

  const results = [];
  for (let i = 1; i <= rounds; i++) {
    const killAfterMs = 400 + Math.floor(next() * 1200);
    const result = await round(where, ids, cookie, versions, next, killAfterMs);
    results.push({ round: i, killAfterMs, ...result });
    log(`  round ${String(i).padStart(2)}: kill -9 after ${killAfterMs} ms, ${result.acknowledged}/${result.sent} writes acknowledged, ${result.bad.length + result.torn.length} problems`);
  }

  // And the site comes back whole: every post page answers, and the dashboard lists no invalid file.
  server = await start(where);
  const pages = await Promise.all(["/", "/blog", "/blog/how-to-win-a-partnership-meeting", "/blog/the-partner-map"].map(async (u) => (await fetch(`${where.base}${u}`)).status));
  const dashboard = await (await fetch(`${where.base}/admin?status=invalid`, { headers: { cookie } })).text();
  await stop(server);

  const problems = results.flatMap((r) => [...r.bad.map((b) => `round ${r.round}: ${b}`), ...r.torn.map((t) => `round ${r.round}: audit line ${t.line} ${t.why}`)]);
  if (pages.some((s) => s !== 200)) problems.push(`after the crashes, pages answered ${pages.join(", ")}`);
  if (dashboard.includes('data-status="invalid"')) problems.push("after the crashes, the dashboard lists an invalid file");
  return {
    ok: problems.length === 0,
    problems,
    rounds,
    seed,
    writesAcknowledged: results.reduce((n, r) => n + r.acknowledged, 0),
    writesSent: results.reduce((n, r) => n + r.sent, 0),
    auditRecords: results.at(-1)?.records ?? 0,
    tornFiles: results.reduce((n, r) => n + r.bad.length, 0),
    tornAuditRecords: results.reduce((n, r) => n + r.torn.length, 0),
    tempFilesLeft: results.at(-1)?.temps ?? 0,
    // Posts whose last change is not in the audit log because a kill fell between the rename and the append.
    unrecordedAtEnd: results.at(-1)?.unrecorded ?? 0,
    results,
  };
}
