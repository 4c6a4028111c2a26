"use client";

import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { withoutReactFields } from "./editor-state";

/** Renders the form's post on the server, with the public post's pipeline and components. */
export type PreviewAction = (form: FormData) => Promise<ReactNode>;

type Props = {
  formRef: RefObject<HTMLFormElement | null>;
  action: PreviewAction;
  /** The preview the server rendered with the page. */
  initial: ReactNode;
  /** Increases with each edit in the form. */
  changed: number;
};

/** How long typing must pause before the preview is rendered again (the issue asks for under half a second). */
const PREVIEW_PAUSE_MS = 250;

/**
 * The live preview beside the editor, in a region labelled "Preview": after each pause in typing the form is sent to
 * the server, which renders it exactly as the public post page would. An answer that arrives after a newer request
 * was sent is dropped, so the preview never goes back in time.
 */
export function PreviewPane({ formRef, action, initial, changed }: Props) {
  const [content, setContent] = useState<ReactNode>(initial);
  const [state, setState] = useState<"idle" | "rendering" | "failed">("idle");
  const latest = useRef(0);

  useEffect(() => {
    if (changed === 0) return;
    const timer = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const ticket = ++latest.current;
      setState("rendering");
      action(withoutReactFields(new FormData(form))).then(
        (node) => {
          if (ticket !== latest.current) return;
          setContent(node);
          setState("idle");
        },
        () => ticket === latest.current && setState("failed"),
      );
    }, PREVIEW_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [changed, formRef, action]);

  return (
    <section aria-label="Preview" className="editor__preview" aria-busy={state === "rendering" || undefined}>
      <p className="editor__preview-status" role="status">
        {state === "failed" ? "The preview could not be updated; the server could not be reached." : ""}
      </p>
      {content}
    </section>
  );
}
