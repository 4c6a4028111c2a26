/**
 * Detects UTF-8 text that was decoded as Windows-1252 and saved again ("mojibake"), such as `â€”` for `—`
 * or `Ã©` for `é`, and works out the character the author most likely meant.
 */

// Windows-1252 assigns these characters to bytes 0x80–0x9F; the rest of 0x80–0xFF map to U+0080–U+00FF.
const CP1252_HIGH: Record<string, number> = {
  "€": 0x80, "‚": 0x82, "ƒ": 0x83, "„": 0x84, "…": 0x85, "†": 0x86, "‡": 0x87, "ˆ": 0x88, "‰": 0x89,
  "Š": 0x8a, "‹": 0x8b, "Œ": 0x8c, "Ž": 0x8e, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "•": 0x95,
  "–": 0x96, "—": 0x97, "˜": 0x98, "™": 0x99, "š": 0x9a, "›": 0x9b, "œ": 0x9c, "ž": 0x9e, "Ÿ": 0x9f,
};

const CONTINUATION = "[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]";
// A UTF-8 lead byte (0xC2–0xF4) seen as Latin-1, followed by the continuation bytes it announces.
const CANDIDATE = new RegExp(`[\\u00C2-\\u00F4]${CONTINUATION}{1,3}`, "gu");

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export type Mojibake = { line: number; column: number; found: string; intended: string };

function toCp1252Byte(char: string): number | undefined {
  const mapped = CP1252_HIGH[char];
  if (mapped !== undefined) return mapped;
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x80 && code <= 0xff ? code : undefined;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  return 2;
}

/** Decodes a candidate back to the character it was before the damage, or undefined if it is not mojibake. */
export function repairMojibake(found: string): string | undefined {
  const bytes = Array.from(found, toCp1252Byte);
  if (bytes.some((b) => b === undefined)) return undefined;
  const length = sequenceLength(bytes[0]!);
  if (bytes.length < length) return undefined;
  try {
    return strictUtf8.decode(Uint8Array.from(bytes.slice(0, length) as number[]));
  } catch {
    return undefined;
  }
}

/** Every likely piece of mojibake in `text`, with 1-based line and column. */
export function findMojibake(text: string): Mojibake[] {
  const found: Mojibake[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    for (const match of lineText.matchAll(CANDIDATE)) {
      const lead = toCp1252Byte(match[0][0]!)!;
      const piece = match[0].slice(0, sequenceLength(lead));
      const intended = repairMojibake(piece);
      if (intended) found.push({ line: index + 1, column: (match.index ?? 0) + 1, found: piece, intended });
    }
  });
  return found;
}
