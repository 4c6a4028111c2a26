import type { EditorState } from "./editor-state";

type Props = { conflict: NonNullable<EditorState["conflict"]> };

/**
 * Shown when a save was refused because the file changed since the form was opened: what changed on disk, a
 * reassurance that the form still holds every word, and the explicit second step that overwrites.
 */
export function ConflictNotice({ conflict }: Props) {
  const names = conflict.fields.map((f) => f.label).join(", ");
  return (
    <div role="alert" className="conflict">
      <p>
        <strong>Not saved: this post&apos;s file changed on disk since you opened it</strong>
        {names ? ` (${names} now differ from your version)` : ""}. Nothing was written, and your text is still in the form.
      </p>
      {conflict.fields.length > 0 && (
        <details>
          <summary>What the file holds now</summary>
          <dl className="conflict__fields">
            {conflict.fields.map((field) => (
              <div key={field.label}>
                <dt>{field.label}</dt>
                <dd>
                  <pre>{field.disk}</pre>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <input type="hidden" name="overwriteHash" value={conflict.hash} />
      <button type="submit" name="intent" value={`overwrite:${conflict.intent}`} className="button button--danger">
        Overwrite with my version
      </button>
    </div>
  );
}
