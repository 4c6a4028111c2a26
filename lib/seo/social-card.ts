import "server-only";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import type { ReactElement } from "react";
import { fontCoverage } from "./font-coverage";
import { SOCIAL_CARD } from "./metadata";

type Font = { name: string; data: Buffer; weight: 400 | 700; style: "normal" };

let fonts: Promise<Font[]> | undefined;

/**
 * DejaVu Sans, shipped in assets/fonts (its licence beside it) and read from disk once per process: nothing is
 * fetched to draw a card. The literal paths let the build trace both files into the server output.
 */
function loadFonts(): Promise<Font[]> {
  fonts ??= Promise.all([
    readFile(path.join(process.cwd(), "assets/fonts/DejaVuSans.ttf")),
    readFile(path.join(process.cwd(), "assets/fonts/DejaVuSans-Bold.ttf")),
  ]).then(([regular, bold]): Font[] => [
    { name: "DejaVu Sans", data: regular, weight: 400, style: "normal" },
    { name: "DejaVu Sans", data: bold, weight: 700, style: "normal" },
  ]);
  fonts.catch(() => (fonts = undefined));
  return fonts;
}

/** A social card as a 1200×630 PNG response, drawn by next/og with the shipped font. */
export async function socialCardResponse(card: ReactElement): Promise<Response> {
  return new ImageResponse(card, { width: SOCIAL_CARD.width, height: SOCIAL_CARD.height, fonts: await loadFonts() });
}

let covered: Set<number> | undefined;

/** The characters both shipped fonts have glyphs for (read once per process from their cmap tables). */
function coverage(): Set<number> {
  if (!covered) {
    // Literal paths, as in loadFonts, so the build traces these two files and nothing more.
    const regular = fontCoverage(readFileSync(path.join(process.cwd(), "assets/fonts/DejaVuSans.ttf")));
    const bold = fontCoverage(readFileSync(path.join(process.cwd(), "assets/fonts/DejaVuSans-Bold.ttf")));
    covered = new Set([...regular].filter((code) => bold.has(code)));
  }
  return covered;
}

/**
 * Text the card can draw without fetching anything. For a character the shipped fonts lack (CJK, most scripts
 * beyond Latin, Greek and Cyrillic), next/og would fetch a font from Google Fonts, and for an emoji an image from a
 * CDN (a failed fetch fails the card): such characters are left out, a run of them becoming one space, as are
 * emoji (with their joiners and variation selectors) and control characters. Symbols DejaVu has (©, ™, ✓, arrows)
 * stay. A title with nothing drawable leaves the card's title empty; the site name and byline are still drawn.
 */
export function drawableText(text: string): string {
  const fonts = coverage();
  return [...text.replace(/[\u{1F000}-\u{1FAFF}\u200D\uFE0E\uFE0F\u{E0020}-\u{E007F}]|\p{Cc}/gu, "")]
    .map((char) => (/\s/.test(char) || fonts.has(char.codePointAt(0)!) ? char : " "))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}
