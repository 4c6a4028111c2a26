import { afterEach, describe, expect, it, vi } from "vitest";
import { SocialCard } from "@/components/social-card";
import { drawableText, socialCardResponse } from "./social-card";

// Social cards never reach the network, whatever the title: next/og fetches a font (Google Fonts) or an emoji
// image (a CDN) for any character the given fonts lack, so every fetch is intercepted here and must not happen.
afterEach(() => vi.unstubAllGlobals());

describe("drawableText", () => {
  it("keeps what DejaVu draws and leaves out what it cannot (CJK, emoji, control characters)", () => {
    expect(drawableText("Café — naïve © ✓ → Ωμέγα, Привет")).toBe("Café — naïve © ✓ → Ωμέγα, Привет");
    expect(drawableText("日本語のタイトル: partners 🤝 win")).toBe(": partners win");
    expect(drawableText("한국어 제목")).toBe("");
    expect(drawableText("a\u0007b\u200Dc\uFE0F")).toBe("abc");
  });
});

describe("socialCardResponse", () => {
  it.each([
    ["Chinese, Japanese and Korean", "合作伙伴 パートナー 파트너 partner map"],
    ["emoji", "Partners 🤝🏽 and 👩‍👩‍👧 families"],
    ["Arabic and Hebrew", "شراكة שותפות"],
    ["Devanagari and Thai", "साझेदारी ความร่วมมือ"],
  ])("draws a card for a title in %s without one network request", async (_label, title) => {
    // next/og reads its own WebAssembly from a data: URL through fetch; that is not the network, anything else is.
    const realFetch = globalThis.fetch;
    const network: string[] = [];
    const fetch = vi.fn(async (input: Parameters<typeof realFetch>[0], init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith("data:")) return realFetch(input, init);
      network.push(url);
      throw new Error(`social cards must not fetch anything (asked for ${url})`);
    });
    vi.stubGlobal("fetch", fetch);
    const response = await socialCardResponse(<SocialCard title={drawableText(title)} description={drawableText(title)} eyebrow={drawableText(title)} siteName="Folio" byline="An author" />);
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.length).toBeGreaterThan(5000);
    expect(network).toEqual([]);
  }, 60_000);
});
