// CodeMirror 6 over the editor's <textarea>, bundled with the admin (never from a CDN) and loaded with a dynamic
// import() by ./body-editor.tsx, so only the editor's page downloads it. The textarea stays the form's field: every
// change is copied back into it, so the form posts the body whatever happens to the editor.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, placeholder } from "@codemirror/view";

/** Mounts an editor after `textarea`, hides the textarea, and returns a function that puts things back. */
export function mountCodeMirror(textarea: HTMLTextAreaElement, labelId: string, describedBy?: string): () => void {
  const view = new EditorView({
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        lineNumbers(),
        history(),
        // Tab is left alone, so keyboard users can leave the editor with Tab as from any field.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        markdown(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorView.lineWrapping,
        placeholder("Write the post in markdown…"),
        EditorView.contentAttributes.of({ "aria-labelledby": labelId, ...(describedBy ? { "aria-describedby": describedBy } : {}) }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          textarea.value = update.state.doc.toString();
          // The form listens for input events (preview, local backup); tell it the body changed.
          textarea.dispatchEvent(new Event("input", { bubbles: true }));
        }),
      ],
    }),
  });
  view.dom.classList.add("body-editor__cm");
  textarea.after(view.dom);
  textarea.hidden = true;
  // A restored backup or a server answer may set the textarea's value: follow it.
  const sync = () => {
    const current = view.state.doc.toString();
    if (textarea.value !== current) view.dispatch({ changes: { from: 0, to: current.length, insert: textarea.value } });
  };
  textarea.addEventListener("folio:set-value", sync);
  return () => {
    textarea.removeEventListener("folio:set-value", sync);
    view.destroy();
    textarea.hidden = false;
  };
}
