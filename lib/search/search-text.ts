// Typographic punctuation is searched as its plain form, so "isn't" finds “isn’t”.
const PUNCTUATION: Record<string, string> = { "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "." };
const folded = new Map<string, string>();

/**
 * Text for matching: lower case, accents and typographic punctuation removed, one character for one, so a
 * position in the folded text is the same position in the original (for highlighting).
 */
export function foldText(text: string): string {
  let out = "";
  for (const char of text.split("")) out += foldChar(char);
  return out;
}

function foldChar(char: string): string {
  if (char < "\u0080") return char >= "A" && char <= "Z" ? char.toLowerCase() : char;
  let result = folded.get(char);
  if (result === undefined) {
    const base = PUNCTUATION[char] ?? char.normalize("NFD").charAt(0).toLowerCase();
    result = base.length === 1 ? base : char;
    folded.set(char, result);
  }
  return result;
}
