import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parsePostFile } from "../parse";
import type { Post } from "../schema";
import { getPostText, renderPost, UNRENDERABLE_HTML } from "./index";

// Issue 9's "one valid post freezes the server": bodies that are valid markdown but pathological for the parser
// (each takes from seconds to minutes in-process) go through the render worker, which stops them at the time limit
// while other posts render and this thread keeps serving. No clock is asserted: outcomes only, generous timeouts.

const LIMIT_MS = "1500";
let counter = 0;
function makePost(body: string): Post {
  const { post, issues } = parsePostFile(`posts/pathological-${++counter}.md`, Buffer.from(`---\ntitle: T\ndate: 2025-10-01\n---\n${body}`));
  if (!post) throw new Error(JSON.stringify(issues));
  return post;
}

const columns = 3000;
const PATHOLOGICAL: [string, string][] = [
  ["a long run of *_", "*_".repeat(50_000)],
  ["tens of thousands of [a](", "[a](".repeat(50_000)],
  ["tens of thousands of headings", "# h\n\n".repeat(50_000)],
  ["a table of thousands of columns", `|${"a|".repeat(columns)}\n|${"-|".repeat(columns)}\n${`|${"b|".repeat(columns)}\n`.repeat(30)}`],
];

describe("pathological posts are stopped in the render worker", () => {
  let errors: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    vi.stubEnv("FOLIO_RENDER_TIMEOUT_MS", LIMIT_MS);
    // Failures are remembered on disk; each run here must meet the posts afresh.
    vi.stubEnv("FOLIO_DISK_CACHE", "0");
    errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await renderPost(makePost("Warm."), {});
  }, 120_000);
  afterAll(() => {
    errors.mockRestore();
    vi.unstubAllEnvs();
  });

  it.each(PATHOLOGICAL)("%s: stopped or rendered within the limit, while another post renders and this thread runs", async (_name, body) => {
    const post = makePost(body);
    let settled = false;
    const pathological = renderPost(post, {}).finally(() => (settled = true));
    // This thread is not the one parsing: timers fire while the pathological render runs.
    let turns = 0;
    const ticker = setInterval(() => turns++, 5);
    const normal = await renderPost(makePost("## Fine\n\nA *normal* post."), {});
    expect("html" in normal && normal.html).toContain("<em>normal</em>");
    const result = await pathological;
    clearInterval(ticker);
    expect(settled).toBe(true);
    expect(turns).toBeGreaterThan(0);
    if (result.failed) {
      expect(result).toEqual({ html: UNRENDERABLE_HTML, headings: [], failed: true });
      expect(errors).toHaveBeenCalledWith(`[folio] render failed, post shown as unrenderable: ${post.file}: stopped after ${LIMIT_MS} ms`);
    } else {
      expect("html" in result && result.html.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it("remembers a stopped post: asking again does not render it again", async () => {
    // A million bytes of headings: each one an id, an anchor and a table-of-contents entry, far past the limit.
    const post = makePost("# h\n\n".repeat(200_000));
    expect((await renderPost(post, {})).failed).toBe(true);
    const calls = errors.mock.calls.length;
    // Same post, same outcome, from memory: no second stop, so no second log line, and search sees no text.
    expect((await renderPost(post, {})).failed).toBe(true);
    expect(await getPostText(post)).toBe("");
    expect(errors.mock.calls.length).toBe(calls);
  }, 120_000);
});
