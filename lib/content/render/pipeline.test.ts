import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePostFile } from "../parse";
import { renderMarkdown, type MarkdownOptions } from "./pipeline";

const SAMPLE = path.join(__dirname, "../../../tests/fixtures/site/posts/how-to-win-a-partnership-meeting.md");
const UNSAFE: MarkdownOptions = { unsafeHtml: true, shortcodes: { refs: {}, params: {} } };

describe("Folio's own sample post", () => {
  it("lists its eight sections and renders its em dashes and quotes as before", async () => {
    const { post } = parsePostFile("posts/how-to-win-a-partnership-meeting.md", readFileSync(SAMPLE));
    const { html, headings, text } = await renderMarkdown(post!.body);
    expect(headings).toEqual([
      { id: "research-before-strategy", text: "Research before strategy", depth: 2 },
      { id: "tailor-the-pitch-to-their-reality", text: "Tailor the pitch to their reality", depth: 2 },
      { id: "know-your-ask", text: "Know your ask", depth: 2 },
      { id: "probe-for-objections-early", text: "Probe for objections early", depth: 2 },
      { id: "understand-their-decision-process", text: "Understand their decision process", depth: 2 },
      { id: "close-with-whats-next", text: "Close with what’s next", depth: 2 },
      { id: "the-day-after-send-the-recap", text: "The day after: send the recap", depth: 2 },
      { id: "why-this-matters", text: "Why this matters", depth: 2 },
    ]);
    expect(html).toContain("pitches—on both sides of the table");
    expect(html).toContain("Not just the company—the person.");
    expect(html).toContain("“If we decide to move forward, what’s the process?”");
    expect(html).toMatch(/<h2 id="close-with-whats-next">Close with what’s next<a [^>]*class="heading-anchor"[^>]*href="#close-with-whats-next"/);
    expect(text).toContain("Not just the company—the person.");
  });
});

describe("reader additions and Goldmark's markup", () => {
  it("aligns table cells with Goldmark's style attribute, which the stylesheet cannot override", async () => {
    const { html } = await renderMarkdown("| Stage | Deals |\n|:--|--:|\n| Qualified | 12 |");
    expect(html).toContain('<th style="text-align:left">Stage</th>');
    expect(html).toContain('<td style="text-align:right">12</td>');
  });

  it("highlights known languages with a language class, and leaves mermaid and unknown ones as plain code", async () => {
    const { html } = await renderMarkdown('```ts\nconst deal: string = "signed";\n```\n\n```mermaid\ngraph TD; A-->B\n```\n\n```brainfuck\n+++ "x"\n```');
    expect(html).toMatch(/<pre class="shiki[^"]*"[^>]*><code class="language-ts">/);
    expect(html.match(/<span style="--shiki-light:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">/g)?.length).toBeGreaterThan(3);
    expect(html).toContain('<pre><code class="language-mermaid">graph TD; A-->B\n</code></pre>');
    expect(html).toContain('<pre><code class="language-brainfuck">+++ "x"\n</code></pre>');
    expect(html).not.toContain("<script");
  });

  it("links bare URLs as Goldmark's linkify does: www. as https, and a backslash ends the URL", async () => {
    const { html } = await renderMarkdown('See www.example.org and (e.g. "Visit Hugo \\[https://gohugo.io\\]") or https://x.org\\y.');
    expect(html).toBe(
      '<p>See <a href="https://www.example.org" rel="noopener noreferrer">www.example.org</a> and (e.g. “Visit Hugo [<a href="https://gohugo.io" rel="noopener noreferrer">https://gohugo.io</a>]”) or <a href="https://x.org" rel="noopener noreferrer">https://x.org</a>\\y.</p>',
    );
  });

  it("adds rel=noopener noreferrer to external links only", async () => {
    const { html } = await renderMarkdown("[out](https://example.com) [in](/blog) [here](#top)");
    expect(html).toBe('<p><a href="https://example.com" rel="noopener noreferrer">out</a> <a href="/blog">in</a> <a href="#top">here</a></p>');
  });

  it("takes unsafe URLs off links and images; keeps raster data: images only on images", async () => {
    const { html } = await renderMarkdown(
      "[x](javascript:alert(1)) ![y](data:image/png;base64,iVBORw0KGgo=) ![z](data:image/svg+xml;base64,PHN2Zz4=) [w](data:image/png;base64,AA==)",
    );
    expect(html).toBe('<p><a>x</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="y"> <img alt="z"> <a>w</a></p>');
  });
});

describe("raw HTML", () => {
  it("is Hugo's placeholder comment and nothing else when the site keeps raw HTML off", async () => {
    const source = ["<script>alert(1)</script>", "", "Inline <img src=x onerror=alert(1)> and <b onclick=alert(1)>bold</b>.", "", "<!-- a secret comment -->", "", '<iframe src="https://evil.example"></iframe>'].join("\n");
    const { html } = await renderMarkdown(source);
    expect(html.replaceAll("<!-- raw HTML omitted -->", "")).not.toMatch(/<script|<img|<iframe|<b[ >]|onerror|onclick|<!--|secret comment|alert\(|evil\.example/i);
    expect(html).toContain("<p>Inline <!-- raw HTML omitted --> and <!-- raw HTML omitted -->bold<!-- raw HTML omitted -->.</p>");
  });

  it("is kept and sanitized when the site allows it: scripts, handlers, styles, forms and javascript: URLs never", async () => {
    const source = [
      '<div class="note" style="position:fixed" onclick="alert(1)"><p>Kept <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup></p></div>',
      "",
      '<details open><summary>More</summary>\n\nInside **markdown**.\n\n</details>',
      "",
      '<figure><img src="/a.png" alt="A" width="10" onerror="alert(1)"><figcaption>Cap</figcaption></figure>',
      "",
      '<table><tr><td colspan="2">cell</td></tr></table>',
      "",
      '<script>alert(1)</script><style>body{display:none}</style><form action="/x"><input name="q"></form>',
      "",
      '<a href="javascript:alert(1)">js</a> <a href="JaVa&#x09;script:alert(1)">js2</a> <img src="javascript:alert(1)" alt="i">',
    ].join("\n");
    const { html } = await renderMarkdown(source, UNSAFE);
    expect(html).toContain('<div class="note"><p>Kept <kbd>Ctrl</kbd>, H<sub>2</sub>O, x<sup>2</sup></p></div>');
    expect(html).toContain("<details open><summary>More</summary>");
    expect(html).toContain("<p>Inside <strong>markdown</strong>.</p>");
    expect(html).toContain('<figure><img src="/a.png" alt="A" width="10"><figcaption>Cap</figcaption></figure>');
    expect(html).toContain('<td colspan="2">cell</td>');
    expect(html).not.toMatch(/<script|<style|<form|<input|onerror|onclick|position:fixed|display:none|javascript|alert/i);
    expect(html).toContain("<a>js</a> <a>js2</a> <img alt=\"i\">");
  });

  it("frames only YouTube (through youtube-nocookie.com) and Vimeo players, sandboxed", async () => {
    const source = [
      '<iframe src="https://www.youtube.com/embed/abc" allowfullscreen></iframe>',
      "",
      '<iframe src="https://player.vimeo.com/video/1"></iframe>',
      "",
      '<iframe src="https://evil.example/embed"></iframe>',
      "",
      '<iframe src="http://www.youtube.com/embed/abc"></iframe>',
      "",
      '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    ].join("\n");
    const { html } = await renderMarkdown(source, UNSAFE);
    expect(html.match(/<iframe/g)).toHaveLength(2);
    expect(html).toContain('<iframe src="https://www.youtube-nocookie.com/embed/abc" allowfullscreen sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" referrerpolicy="strict-origin-when-cross-origin" loading="lazy"></iframe>');
    expect(html).toContain('src="https://player.vimeo.com/video/1"');
    expect(html).not.toMatch(/evil|srcdoc|alert|http:\/\/www\.youtube/);
  });
});

describe("shortcodes", () => {
  it("renders videos, gists and posts as links to the original, without third-party script", async () => {
    const { html } = await renderMarkdown('{{< youtube w7Ft2ymGmfc >}}\n\nSee {{< vimeo 146022717 >}} and {{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}.\n\n{{< gist spf13 7896402 >}}');
    expect(html).toContain('<p class="shortcode-embed"><a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc" class="shortcode-link shortcode-link--youtube" rel="noopener noreferrer">Watch the video on YouTube</a></p>');
    expect(html).toContain('See <a href="https://vimeo.com/146022717"');
    expect(html).toContain('href="https://x.com/SanDiegoZoo/status/1453110110599868418"');
    expect(html).toContain('href="https://gist.github.com/spf13/7896402"');
    expect(html).not.toMatch(/<script|<iframe/);
  });

  it("leaves out unknown shortcodes with a warning at their line, keeps their inner text, and never shows a {{<", async () => {
    const body = ["Intro.", "", '{{< notice warning >}}', "Careful **now**.", "{{< /notice >}}", "", "{{% tab %}}Tab text{{% /tab %}} and {{< broken", "", "{{< youtube not/an/id >}}"].join("\n");
    const { html, issues } = await renderMarkdown(body);
    expect(html).toContain("<p>Careful <strong>now</strong>.</p>");
    expect(html).toContain("Tab text");
    expect(html).not.toMatch(/\{\{[<%]|notice|youtube/);
    expect(issues).toEqual([
      { line: 3, message: "shortcode: 'notice' is not one of Hugo's built-in shortcodes Folio renders; it is left out (its inner text is kept)" },
      { line: 7, message: "shortcode: 'tab' is not one of Hugo's built-in shortcodes Folio renders; it is left out (its inner text is kept)" },
      { line: 7, message: "shortcode: a '{{<' or '{{%' that is not a complete shortcode is left out" },
      { line: 9, message: "shortcode: a youtube shortcode without a valid video id is left out" },
    ]);
  });

  it("prints escaped shortcodes as text and highlights the highlight shortcode's code", async () => {
    const { html } = await renderMarkdown('Write {{</* figure src="x.png" */>}} to show one.\n\n{{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}');
    expect(html).toContain("<p>Write {{&#x3C; figure src=“x.png” >}} to show one.</p>");
    expect(html).toMatch(/<pre class="shiki[^"]*"[^>]*><code class="language-go">/);
  });

  it("keeps the summary divider out of the page", async () => {
    const { html } = await renderMarkdown("Short intro <!--more--> rest of it.");
    expect(html).toBe("<p>Short intro</p>\n<p>rest of it.</p>");
  });
});
