/**
 * The writing desk's figures: the dashboard's answer time and size, the editor's preview latency, and publish to
 * live. Driven over HTTP the way the browser does it (server actions by id, arguments encoded as React encodes a
 * FormData), with an editor's session.
 */
import { actionId } from "./admin-client";
import type { CorpusPost } from "./corpus";

export type DeskFigures = {
  dashboard: { ms: number[]; bytes: number; filteredMs: number[]; lastPageMs: number[] };
  preview: { ms: number[] };
  publish: { ms: number[]; actionMs: number[] };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function timedText(url: string, init: RequestInit = {}): Promise<{ ms: number; status: number; text: string }> {
  const start = performance.now();
  const response = await fetch(url, { redirect: "manual", ...init });
  const text = await response.text();
  return { ms: performance.now() - start, status: response.status, text };
}

/** A server action's request body for one FormData argument (after `before`), as React's encodeReply writes it. */
function actionBody(fields: Record<string, string>, before: unknown[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(`_1_${name}`, value);
  form.set("0", JSON.stringify([...before, "$K1"]));
  return form;
}

function fieldsOf(post: Pick<CorpusPost, "title" | "slug" | "topics">, body: string, date: string): Record<string, string> {
  return { title: post.title, description: "", date, slug: post.slug, topics: post.topics.join(", "), tags: "", body };
}

async function timeDashboard(origin: string, cookie: string, count: number): Promise<DeskFigures["dashboard"]> {
  const get = (query: string) => timedText(`${origin}/admin${query}`, { headers: { Cookie: cookie } });
  for (let i = 0; i < 3; i++) await get("");
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const answer = await get("");
    if (answer.status !== 200 || !answer.text.includes("posts-table")) throw new Error(`the dashboard answered ${answer.status}`);
    ms.push(answer.ms);
    bytes = Buffer.byteLength(answer.text);
  }
  const filteredMs: number[] = [];
  const lastPageMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    filteredMs.push((await get("?q=partner&status=published&sort=title")).ms);
    lastPageMs.push((await get(`?sort=changed&page=${Math.ceil(count / 50)}`)).ms);
  }
  return { ms, bytes, filteredMs, lastPageMs };
}

async function timePreview(origin: string, distDir: string, cookie: string, post: CorpusPost): Promise<number[]> {
  const id = actionId(distDir, "app/admin/posts/actions.tsx", "previewPostAction");
  const ms: number[] = [];
  for (let i = 0; i < 12; i++) {
    const marker = `Preview marker ${i} ${Date.now()}`;
    const fields = { slugBefore: post.slug, ...fieldsOf(post, `\n${marker}\n\n## A heading\n\nSome *text*, a [link](https://example.com) and a list:\n\n- one\n- two\n`, post.date) };
    const answer = await timedText(`${origin}/admin/posts/${post.slug}`, {
      method: "POST",
      headers: { "Next-Action": id, Accept: "text/x-component", Origin: origin, Cookie: cookie },
      body: actionBody(fields),
    });
    if (answer.status !== 200 || !answer.text.includes(marker)) throw new Error(`the preview answered ${answer.status} without the text: ${answer.text.slice(0, 200)}`);
    if (i >= 2) ms.push(answer.ms); // the first two warm the page's code
  }
  return ms;
}

async function timePublish(origin: string, distDir: string, cookie: string): Promise<DeskFigures["publish"]> {
  const id = actionId(distDir, "app/admin/posts/actions.tsx", "savePostAction");
  const state = { values: null, baseHash: null, slug: null, status: "new", errors: {}, savedCount: 0 };
  const ms: number[] = [];
  const actionMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const slug = `bench-published-from-the-desk-${Date.now()}-${i}`;
    const post = { title: `Published from the desk ${i}`, slug, topics: ["benchmarks"] };
    const start = performance.now();
    const answer = await timedText(`${origin}/admin/posts/new`, {
      method: "POST",
      headers: { "Next-Action": id, Accept: "text/x-component", Origin: origin, Cookie: cookie },
      body: actionBody({ ...fieldsOf(post, "Live within a second.\n", new Date(Date.now() - 60_000).toISOString()), slugBefore: "", baseHash: "", intent: "publish" }, [state]),
    });
    actionMs.push(performance.now() - start);
    if (answer.status >= 400) throw new Error(`publishing answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    for (;;) {
      if (performance.now() - start > 15_000) throw new Error(`/blog/${slug} did not answer 200 within 15 s of publishing`);
      const page = await fetch(`${origin}/blog/${slug}`);
      await page.arrayBuffer();
      if (page.status === 200) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    ms.push(performance.now() - start);
  }
  return { ms, actionMs };
}

/** Measures the desk against a running server, signed in as an editor (`cookie`). */
export async function measureDesk(input: { origin: string; distDir: string; cookie: string; count: number; post: CorpusPost }): Promise<DeskFigures> {
  const dashboard = await timeDashboard(input.origin, input.cookie, input.count);
  const preview = await timePreview(input.origin, input.distDir, input.cookie, input.post);
  const publish = await timePublish(input.origin, input.distDir, input.cookie);
  return { dashboard, preview: { ms: preview }, publish };
}

export { median };
