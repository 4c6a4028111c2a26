/**
 * The characters a TrueType/OpenType font has glyphs for, read from its `cmap` table (the Unicode subtables:
 * format 12 for all planes when present, else format 4 for the Basic Multilingual Plane). The social card uses it
 * to draw only what the shipped fonts can: for any other character next/og would fetch a font from the network.
 */
export function fontCoverage(font: Buffer): Set<number> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    if (font.toString("latin1", record, record + 4) === "cmap") cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) throw new Error("the font has no cmap table");
  const subtables = font.readUInt16BE(cmap + 2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const [platform, encoding] = [font.readUInt16BE(record), font.readUInt16BE(record + 2)];
    const offset = cmap + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && format === 12) format12 = offset;
    if (unicode && format === 4) format4 = offset;
  }
  if (format12 >= 0) return readFormat12(font, format12);
  if (format4 >= 0) return readFormat4(font, format4);
  throw new Error("the font has no Unicode cmap subtable");
}

function readFormat12(font: Buffer, at: number): Set<number> {
  const covered = new Set<number>();
  const groups = font.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const [start, end, glyph] = [font.readUInt32BE(group), font.readUInt32BE(group + 4), font.readUInt32BE(group + 8)];
    for (let code = start; code <= end; code++) if (glyph + (code - start) !== 0) covered.add(code);
  }
  return covered;
}

function readFormat4(font: Buffer, at: number): Set<number> {
  const covered = new Set<number>();
  const segments = font.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const [end, start] = [font.readUInt16BE(ends + s * 2), font.readUInt16BE(starts + s * 2)];
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffset = font.readUInt16BE(rangeOffsets + s * 2);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const index = font.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (code - start) * 2);
        glyph = index === 0 ? 0 : (index + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(code);
    }
  }
  return covered;
}
