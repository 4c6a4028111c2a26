import type { ReactNode } from "react";

type Props = { type?: "note" | "tip" | "warning"; title?: string; children?: ReactNode };

const LABELS = { note: "Note", tip: "Tip", warning: "Warning" } as const;

/** An MDX callout: `<Callout type="tip" title="Before the call">…</Callout>`. */
export function Callout({ type = "note", title, children }: Props) {
  const kind = type in LABELS ? type : "note";
  return (
    <aside className={`callout callout--${kind}`} aria-label={title ?? LABELS[kind]}>
      <p className="callout__title">{title ?? LABELS[kind]}</p>
      <div className="callout__body">{children}</div>
    </aside>
  );
}
