// 8 connections posting the sign-in form with made-up accounts as fast as they are answered, for 20 s, while one
// reader asks for a post page over and over: the reader's median must stay low (asserted only in the full run; CI's
// machine is busy), no answer may be a 5xx, and every sign-in must be answered (invalid, busy or throttled).
import { quantile } from "./client.mjs";
import { start, stop } from "./server.mjs";

const POST_PAGE = "/blog/how-to-win-a-partnership-meeting";
export const READER_MEDIAN_BUDGET_MS = 500;

async function signInForm(base) {
  const page = await (await fetch(`${base}/admin/login`)).text();
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(page)?.[1];
  if (!field) throw new Error("the sign-in form has no action id");
  return field;
}

export async function signInFloodPhase(where, { seconds = 20, attackers = 8, assertLatency = false } = {}) {
  const server = await start(where);
  try {
    const field = await signInForm(where.base);
    for (let i = 0; i < 3; i++) await (await fetch(`${where.base}${POST_PAGE}`)).arrayBuffer(); // warm, as readers would
    const deadline = Date.now() + seconds * 1000;
    const outcomes = new Map();
    let n = 0;
    const attacker = async () => {
      while (Date.now() < deadline) {
        const form = new FormData();
        form.set(field, "");
        form.set("next", "/admin");
        form.set("email", `nobody-${n++}@stress.test`);
        form.set("password", "a made-up password");
        const response = await fetch(`${where.base}/admin/login`, { method: "POST", body: form, headers: { origin: where.base }, redirect: "manual", signal: AbortSignal.timeout(60_000) }).catch(() => null);
        await response?.arrayBuffer().catch(() => undefined);
        const outcome = response ? /error=(\w+)/.exec(response.headers.get("location") ?? "")?.[1] ?? String(response.status) : "no answer";
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    };
    const reads = [];
    const reader = async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await fetch(`${where.base}${POST_PAGE}`, { signal: AbortSignal.timeout(60_000) }).catch(() => null);
        await response?.arrayBuffer().catch(() => undefined);
        reads.push({ status: response?.status ?? 0, ms: performance.now() - started });
      }
    };
    await Promise.all([...Array.from({ length: attackers }, attacker), reader()]);
    const latencies = reads.map((r) => r.ms).sort((a, b) => a - b);
    const figures = {
      seconds,
      attackers,
      signIns: [...outcomes.values()].reduce((a, b) => a + b, 0),
      outcomes: Object.fromEntries(outcomes),
      reads: reads.length,
      readerP50: Number(quantile(latencies, 0.5).toFixed(1)),
      readerP90: Number(quantile(latencies, 0.9).toFixed(1)),
      readerMax: Number((latencies.at(-1) ?? NaN).toFixed(1)),
    };
    const problems = [];
    const bad = reads.filter((r) => r.status !== 200).length;
    if (bad > 0) problems.push(`${bad} post-page reads were not 200`);
    const unexpected = [...outcomes.keys()].filter((o) => !["invalid", "busy", "throttled"].includes(o));
    if (unexpected.length > 0) problems.push(`sign-ins answered ${unexpected.join(", ")}`);
    if (assertLatency && !(figures.readerP50 < READER_MEDIAN_BUDGET_MS)) problems.push(`the post page's median was ${figures.readerP50} ms (budget ${READER_MEDIAN_BUDGET_MS} ms)`);
    return { ok: problems.length === 0, problems, figures };
  } finally {
    await stop(server);
  }
}
