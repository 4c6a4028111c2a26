import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import type { ReactElement } from "react";
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

/**
 * Text the card can draw without fetching anything. For a character the given fonts lack, next/og fetches an emoji
 * image (and a failed fetch fails the card) or a fallback font; DejaVu has no emoji, so those (with their joiners
 * and variation selectors) and control characters are left out. Symbols DejaVu has (©, ™, ✓, arrows) stay.
 */
export function drawableText(text: string): string {
  return text
    .replace(/[\u{1F000}-\u{1FAFF}\u200D\uFE0E\uFE0F\u{E0020}-\u{E007F}]|\p{Cc}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}
