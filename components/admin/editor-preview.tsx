import type { ReactNode } from "react";

type Props = { children?: ReactNode; skipped?: string[]; error?: string };

/** What the preview region shows: the rendered post, with a note about fields it could not use yet, or why not. */
export function EditorPreview({ children, skipped = [], error }: Props) {
  if (error) return <p className="editor__preview-note">The preview is waiting for a valid post: {error}</p>;
  return (
    <>
      {skipped.length > 0 && <p className="editor__preview-note">Shown with the saved {skipped.join(", ")}: fix {skipped.length === 1 ? "it" : "them"} to see the change.</p>}
      {children}
    </>
  );
}
