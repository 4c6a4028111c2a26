type Props = { title: string; description?: string; eyebrow?: string; siteName: string; byline: string };

const COLORS = { background: "#fbfaf7", text: "#1d1d1f", muted: "#55565b", accent: "#8a3b12", rule: "#dcd8cf" } as const;

/**
 * The social card drawn by next/og (Satori): inline styles and flexbox only, in the site's light colours.
 * Long text is cut with an ellipsis so a title and description fit 1200×630; anything taller is clipped, never
 * drawn over the footer.
 */
export function SocialCard({ title, description, eyebrow, siteName, byline }: Props) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 80px",
        background: COLORS.background,
        color: COLORS.text,
        fontFamily: "DejaVu Sans",
        wordBreak: "break-word",
        borderTop: `18px solid ${COLORS.accent}`,
      }}
    >
      <div style={{ display: "flex", flexShrink: 0, fontSize: 28, fontWeight: 700, letterSpacing: 3, textTransform: "uppercase", color: COLORS.accent }}>
        {shorten(eyebrow ?? "", 40)}
      </div>
      <div style={{ display: "flex", flexDirection: "column", flexShrink: 1, overflow: "hidden", margin: "24px 0" }}>
        <div style={{ display: "flex", flexShrink: 0, fontSize: titleSize(title), fontWeight: 700, lineHeight: 1.15, letterSpacing: -1 }}>{shorten(title, 110)}</div>
        {description ? (
          <div style={{ display: "flex", flexShrink: 0, marginTop: 28, fontSize: 30, lineHeight: 1.4, color: COLORS.muted }}>{shorten(description, 120)}</div>
        ) : null}
      </div>
      <div
        style={{ display: "flex", flexShrink: 0, justifyContent: "space-between", alignItems: "center", paddingTop: 28, borderTop: `2px solid ${COLORS.rule}`, fontSize: 28 }}
      >
        <span style={{ fontWeight: 700 }}>{siteName}</span>
        <span style={{ color: COLORS.muted }}>{byline}</span>
      </div>
    </div>
  );
}

/** Smaller type for longer titles, so up to 110 characters fit in three lines. */
function titleSize(title: string): number {
  return title.length > 80 ? 48 : title.length > 45 ? 56 : 66;
}

/** Cuts text at a word boundary to at most `max` characters, with an ellipsis. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  return `${cut.replace(/\s+\S*$/, "") || cut}…`;
}
