/**
 * The benchmark's corpus: N posts made from one sample post, with distinct titles, slugs, dates, topics and tags,
 * a few drafts and scheduled posts (which must never show), and a body that differs per post so each file has its
 * own content hash. Deterministic: the same N gives the same files, byte for byte.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prng } from "../lib/prng.mjs";

export const TOPICS = ["partnerships", "strategy", "sales", "negotiation", "channels", "pricing", "alliances", "marketing", "leadership", "operations", "product", "customer success"];
const TAGS = ["meetings", "research", "pitching", "objections", "follow-up", "email", "forecasting", "quotas", "co-sell", "marketplaces", "resellers", "referrals", "integrations", "contracts", "procurement", "legal", "onboarding", "enablement", "metrics", "planning", "budgets", "hiring", "coaching", "messaging", "positioning", "events", "webinars", "case studies", "renewals", "expansion"];
const OPENERS = ["How to", "Why you should", "When to", "The case to", "Five ways to", "A field guide to", "What it takes to", "Notes on how to"];
const VERBS = ["win", "prepare", "run", "rescue", "price", "plan", "close", "qualify", "open", "measure"];
const OBJECTS = ["a partnership meeting", "a co-sell deal", "a channel program", "a reseller launch", "an alliance review", "a renewal call", "a discovery call", "a quarterly plan", "a pricing change", "a marketplace listing", "an executive briefing", "a joint pitch"];

/** One generated post: where it goes and what it is. */
export type CorpusPost = { file: string; slug: string; title: string; date: string; topics: string[]; tags: string[]; draft: boolean; scheduled: boolean; featured: boolean };

function pick<T>(random: () => number, list: readonly T[], count: number): T[] {
  const chosen = new Set<T>();
  while (chosen.size < Math.min(count, list.length)) chosen.add(list[Math.floor(random() * list.length)]!);
  return [...chosen];
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The date of post `i`: every 7 hours back from the base, with a rotating UTC offset written the author's way. */
export function postDate(i: number, base = Date.UTC(2025, 9, 22, 12, 0, 0)): string {
  const offsets = [-5, -8, 0, 1, 9];
  const offset = offsets[i % offsets.length]!;
  const local = new Date(base - i * 7 * 3600_000 + offset * 3600_000);
  const sign = offset < 0 ? "-" : "+";
  const zone = offset === 0 ? "Z" : `${sign}${pad(Math.abs(offset))}:00`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${zone}`;
}

/** Describes post `i` of a corpus: every 50th (from the 25th) is a draft, every 97th (from the 40th) is scheduled in 2099. */
export function describePost(i: number): CorpusPost {
  const random = prng(i + 1);
  const title = `${OPENERS[i % OPENERS.length]} ${VERBS[Math.floor(i / OPENERS.length) % VERBS.length]} ${OBJECTS[i % OBJECTS.length]}, number ${i + 1}`;
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
  const draft = i % 50 === 25;
  const scheduled = !draft && i % 97 === 40;
  return {
    file: `posts/${slug}.md`,
    slug,
    title,
    date: scheduled ? new Date(Date.UTC(2099, 0, 1) + i * 3600_000).toISOString().replace(".000Z", "Z") : postDate(i),
    topics: pick(random, TOPICS, 1 + Math.floor(random() * 3)),
    tags: pick(random, TAGS, Math.floor(random() * 4)),
    draft,
    scheduled,
    featured: i === 1 || i === 4,
  };
}

/** Splits a sample post into its front matter (without the fences) and its body. */
export function splitSample(text: string): { body: string } {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n([\s\S]*)$/.exec(text.replace(/^\uFEFF/, ""));
  if (!match) throw new Error("the sample post has no front matter");
  return { body: match[1]! };
}

const yamlList = (items: string[]) => `[${items.map((item) => JSON.stringify(item)).join(", ")}]`;

/** The file text of a generated post: its own front matter, an opening line of its own, then the sample's body. */
export function postText(post: CorpusPost, sampleBody: string): string {
  return [
    "---",
    `title: ${JSON.stringify(post.title)}`,
    `description: ${JSON.stringify(`Benchmark post ${post.slug}: preparation, not presentation.`)}`,
    `date: ${post.date}`,
    `slug: ${post.slug}`,
    `topics: ${yamlList(post.topics)}`,
    `tags: ${yamlList(post.tags)}`,
    "cta: true",
    `featured: ${post.featured}`,
    `draft: ${post.draft}`,
    "---",
    "",
    `This is essay ${post.slug}, one of a generated corpus; what follows is the sample essay.`,
    "",
    sampleBody,
  ].join("\n");
}

/** Writes `count` posts into `dir/posts` (emptied first) and returns what was written. */
export function writeCorpus(dir: string, count: number, samplePath: string): CorpusPost[] {
  const { body } = splitSample(readFileSync(samplePath, "utf8"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "posts"), { recursive: true });
  const posts = Array.from({ length: count }, (_, i) => describePost(i));
  for (const post of posts) writeFileSync(path.join(dir, post.file), postText(post, body));
  return posts;
}

/** The public posts (not drafts, not scheduled), newest first, as the site would list them. */
export function publicPosts(posts: CorpusPost[]): CorpusPost[] {
  return posts.filter((p) => !p.draft && !p.scheduled).sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
}
