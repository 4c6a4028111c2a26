import type { ReactNode } from "react";

type Props = { heading: string; children: ReactNode };

/** The frame of the editor's pages: a way back to the dashboard, the heading, the editor. */
export function EditorPage({ heading, children }: Props) {
  return (
    <main id="main" className="wrap main admin admin--editor">
      <p className="admin-back">
        <a href="/admin">← All posts</a>
      </p>
      <h1>{heading}</h1>
      {children}
    </main>
  );
}
