import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render/pipeline";
import { typographer } from "./typography";

describe("typographer", () => {
  it("gives a plain string the body's typography: curly quotes, dashes and ellipses", () => {
    expect(typographer(`Getting the meeting isn't the "victory" -- it's table stakes... 'really' --- yes`)).toBe(
      "Getting the meeting isn’t the “victory” – it’s table stakes… ‘really’ — yes",
    );
  });

  it("never reads the string as markdown", () => {
    expect(typographer("Use *stars* and _underscores_ and `ticks` and <b>tags</b>")).toBe("Use *stars* and _underscores_ and `ticks` and <b>tags</b>");
    expect(typographer("Plain title")).toBe("Plain title");
  });

  it("agrees with the markdown pipeline on the same words", async () => {
    const words = `"Isn't it" -- the partner's 'best' offer... --- or not?`;
    const { html } = await renderMarkdown(words);
    expect(html).toBe(`<p>${typographer(words)}</p>`);
  });
});
