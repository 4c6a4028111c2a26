import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildStandIn, ensureHugo } from "./hugo.mjs";
import { siteFiles } from "@/tests/site-files";

// The stand-in build with Debian's Hugo (installed when missing), on a site shaped like fluxcd.io's home page: a
// shortcode whose template works wraps one whose template fails on this Hugo.
const site = (files: Record<string, string>) => siteFiles(files, "folio-standin-");

describe("the stand-in theme", () => {
  beforeAll(() => void ensureHugo(() => {}));

  it("stubs the inner shortcode that fails, not the working one around it", () => {
    const dir = site({
      "hugo.toml": 'baseURL = "https://example.org/"\n',
      "layouts/shortcodes/blocks/lead.html": '<div class="lead">{{ .Inner }}</div>\n',
      // Fails as fluxcd's home/next_event does here: `first` of data the site does not have.
      "layouts/shortcodes/home/next_event.html": "{{ range first 1 $.Site.Data.calendar }}{{ . }}{{ end }}\n",
      "content/_index.md": "---\ntitle: Home\n---\n{{< blocks/lead >}}\nLead text.\n{{< home/next_event >}}\n{{< /blocks/lead >}}\n",
      "content/posts/a.md": "---\ntitle: A\ndate: 2024-01-01\n---\nA body.\n",
    });
    const work = mkdtempSync(path.join(tmpdir(), "folio-standin-work-"));
    const { out, stubs } = buildStandIn(dir, work, () => {});
    expect(stubs).toEqual(["home/next_event"]);
    expect(existsSync(path.join(out, "posts/a/index.html"))).toBe(true);
    expect(readFileSync(path.join(out, "posts/a/index.html"), "utf8")).toContain("A body.");
  });
});
