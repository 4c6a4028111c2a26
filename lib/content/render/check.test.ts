import { describe, expect, it } from "vitest";
import { parsePostFile } from "../parse";
import { checkRenders } from "./check";

describe("content:check's render pass", () => {
  it("reports a shortcode Folio leaves out at its line in the file, in the group of its kind", async () => {
    const text = "---\ntitle: Notes\ndate: 2024-01-02\ndescription: d\n---\n\nIntro.\n\n{{< notice >}}Careful.{{< /notice >}}\n";
    const { post } = parsePostFile("posts/notes.md", Buffer.from(text));
    const issues = await checkRenders([post!], []);
    expect(issues).toEqual([
      expect.objectContaining({ file: "posts/notes.md", line: 9, severity: "warning", kind: "shortcode", message: expect.stringContaining("'notice'") }),
    ]);
  });
});
