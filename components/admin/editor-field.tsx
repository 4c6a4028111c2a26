"use client";

import { useState } from "react";

type TextProps = { name: string; label: string; defaultValue: string; error?: string; hint?: string; multiline?: boolean; required?: boolean };

/** The ids that tie a field to its hint and error (aria-describedby), so a screen reader reads them with it. */
function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `field-${name}-hint` : "", error ? `field-${name}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function Messages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p id={`field-${name}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`field-${name}-error`} className="field__error">
          {error}
        </p>
      )}
    </>
  );
}

/** A labelled text field (or a short textarea) with its hint and its error beside it. */
export function TextField({ name, label, defaultValue, error, hint, multiline, required }: TextProps) {
  const common = {
    id: `field-${name}`,
    name,
    defaultValue,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(name, hint, error),
    "aria-required": required || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" autoComplete="off" {...common} />}
      <Messages name={name} hint={hint} error={error} />
    </div>
  );
}

type ListProps = { name: string; label: string; defaultValue: string; error?: string; suggestions: string[] };

/**
 * A comma-separated list with the site's existing terms suggested. The browser's datalist matches the whole value,
 * so with JavaScript its options are rewritten as you type to "what you have, plus one suggestion".
 */
export function ListField({ name, label, defaultValue, error, suggestions }: ListProps) {
  const [options, setOptions] = useState(suggestions.slice(0, 50));
  function suggest(value: string) {
    const cut = value.lastIndexOf(",");
    const head = cut === -1 ? "" : `${value.slice(0, cut + 1).trimEnd()} `;
    const typed = value.slice(cut + 1).trim().toLowerCase();
    const have = new Set(value.split(",").map((item) => item.trim().toLowerCase()));
    setOptions(
      suggestions
        .filter((s) => !have.has(s.toLowerCase()) && s.toLowerCase().startsWith(typed))
        .slice(0, 50)
        .map((s) => `${head}${s}`),
    );
  }
  const hint = "Separate them with commas";
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <input
        type="text"
        id={`field-${name}`}
        name={name}
        defaultValue={defaultValue}
        list={`field-${name}-suggestions`}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        onInput={(event) => suggest(event.currentTarget.value)}
      />
      <datalist id={`field-${name}-suggestions`}>
        {options.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      <Messages name={name} hint={hint} error={error} />
    </div>
  );
}

type FlagProps = { name: string; label: string; defaultChecked: boolean; error?: string };

/** A labelled check box (a boolean of the schema). */
export function FlagField({ name, label, defaultChecked, error }: FlagProps) {
  return (
    <div className="field field--flag">
      <input
        type="checkbox"
        id={`field-${name}`}
        name={name}
        defaultChecked={defaultChecked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
      />
      <label htmlFor={`field-${name}`}>{label}</label>
      <Messages name={name} error={error} />
    </div>
  );
}
