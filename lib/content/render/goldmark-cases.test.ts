import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalHtml } from "./canonical";
import { renderMarkdown } from "./pipeline";

// Folio's markdown against Hugo 0.111.3's own output for the research's 88 probe cases (tests/fixtures/goldmark:
// what `hugo` wrote, never what this code wrote). Compared in canonical form: the same entities, attribute order
// and whitespace; Folio's heading anchors and highlighting set aside.

type Case = { group: string; id: string; markdown: string; html: Record<string, string> };
const cases: Case[] = JSON.parse(readFileSync(path.join(__dirname, "../../../tests/fixtures/goldmark/cases.json"), "utf8"));

/** The probe site's values for ref/relref/param (tests/fixtures/goldmark/probe: hugo.toml and each page's front matter). */
const PROBE_VALUES = {
  refs: {
    "ref:typographer-quotes-basic": "https://example.org/md/typographer-quotes-basic/",
    "relref:typographer-quotes-basic.md": "/md/typographer-quotes-basic/",
    "relref:headings-ids-basic.md#hello-world": "/md/headings-ids-basic/#hello-world",
  },
  params: { subtitle: "Page subtitle param", siteParam: "Site-level param" },
};

/** Cases where Folio differs from Hugo on purpose; each is pinned by its own test (pipeline.test.ts), with the reason. */
const DIFFERENT_ON_PURPOSE: Record<string, string> = {
  "linkify/bare": "GFM's autolink literals have no ftp://",
  "rawhtml/script (unsafe)": "raw HTML is sanitized",
  "rawhtml/iframe (unsafe)": "iframes are sandboxed and YouTube's go to youtube-nocookie.com",
  "rawhtml/javascript-link (default)": "an unsafe link loses its href (Goldmark writes href=\"\")",
  "rawhtml/javascript-link (unsafe)": "raw HTML is sanitized",
  "links/unsafe-url (default)": "an unsafe link loses its href (Goldmark writes href=\"\")",
  "links/unsafe-url (unsafe)": "raw HTML is sanitized",
  "images/attr-block (unsafe)": "parser.attribute.block (on in the probe's unsafe variant) is not read",
  "misc/block-attr-para (unsafe)": "parser.attribute.block (on in the probe's unsafe variant) is not read",
  "shortcodes/figure-caption-only": "the alt text is the caption's text, not Hugo 0.111's double-escaped entities",
  "shortcodes/youtube": "videos are links to the original, without third-party script",
  "shortcodes/youtube-named": "videos are links to the original, without third-party script",
  "shortcodes/gist": "gists are links to the original, without third-party script",
};

describe("the markdown pipeline renders as Hugo 0.111.3's Goldmark", () => {
  for (const c of cases) {
    // cases.json lists a variant only where its output differs from the default: with raw HTML kept (and sanitized)
    // every other case must still come out as Hugo's default, which holds the sanitizer to Folio's own markup too.
    for (const [variant, expected] of Object.entries({ default: c.html.default!, unsafe: c.html.unsafe ?? c.html.default! })) {
      const name = `${c.group}/${c.id} (${variant})`;
      const reason = DIFFERENT_ON_PURPOSE[name] ?? DIFFERENT_ON_PURPOSE[`${c.group}/${c.id}`];
      const markdown = c.id === "ref" ? `${c.markdown}\n\n<span id="local"></span>\n` : c.markdown;
      const render = () => renderMarkdown(markdown, { unsafeHtml: variant === "unsafe", shortcodes: PROBE_VALUES });
      if (reason) {
        it(`${name} differs on purpose: ${reason}`, async () => {
          expect(canonicalHtml((await render()).html)).not.toBe(canonicalHtml(expected));
        });
      } else {
        it(name, async () => {
          expect(canonicalHtml((await render()).html)).toBe(canonicalHtml(expected));
        });
      }
    }
  }
});
