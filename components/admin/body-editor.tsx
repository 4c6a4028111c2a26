"use client";

import { useEffect, useRef } from "react";

type Props = { defaultValue: string; error?: string; disabled?: boolean };

/**
 * The post's body: a plain <textarea name="body"> that works without JavaScript, upgraded to CodeMirror 6 when
 * scripts run. CodeMirror is a separate chunk (dynamic import), loaded on this page only.
 */
export function BodyEditor({ defaultValue, error, disabled }: Props) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = textarea.current;
    if (!element || disabled) return;
    let unmount: (() => void) | undefined;
    let cancelled = false;
    import("./codemirror")
      .then(({ mountCodeMirror }) => {
        if (!cancelled) unmount = mountCodeMirror(element, "field-body-label", error ? "field-body-error" : undefined);
      })
      .catch(() => undefined); // the textarea keeps working
    return () => {
      cancelled = true;
      unmount?.();
    };
  }, [disabled, error]);
  return (
    <div className="field field--body">
      <label id="field-body-label" htmlFor="field-body">
        Body
      </label>
      <textarea
        ref={textarea}
        id="field-body"
        name="body"
        rows={24}
        defaultValue={defaultValue}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "field-body-error" : undefined}
        spellCheck
      />
      {error && (
        <p id="field-body-error" className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
