import "server-only";
import { getAllPostsForAdmin, type ContentIndex } from "@/lib/content";

/** How many suggestions of each kind a page carries at most, so a site with thousands of tags keeps pages small. */
export const MAX_SUGGESTIONS = 300;

type KnownTerms = { topics: string[]; tags: string[] };
// Counted once per loaded index (the loader hands back the same object while no file changed).
const known = new WeakMap<ContentIndex, KnownTerms>();

/** Every topic and tag used by any post (drafts too), most used first: the editor's and the filters' suggestions. */
export async function getKnownTerms(): Promise<KnownTerms> {
  const index = await getAllPostsForAdmin();
  const cached = known.get(index);
  if (cached) return cached;
  const count = (kind: "topics" | "tags") => {
    const uses = new Map<string, number>();
    for (const post of index.posts) for (const name of post[kind]) uses.set(name, (uses.get(name) ?? 0) + 1);
    return [...uses.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_SUGGESTIONS)
      .map(([name]) => name);
  };
  const terms = { topics: count("topics"), tags: count("tags") };
  known.set(index, terms);
  return terms;
}
