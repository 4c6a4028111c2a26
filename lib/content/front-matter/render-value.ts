/**
 * Writes one front-matter value in a format's syntax, in the style of the value it replaces where it can: the
 * quoting of a string, the casing of a boolean, a block or flow list, a one-line or multi-line array. What it
 * writes is always re-read by the format's parser before a file is changed (see ./edit).
 */
import { stringify } from "yaml";
import type { FrontMatterFormat } from "./split";

/** A value an editor may write into front matter: string (dates are strings), boolean, number, or list of strings. */
export type FieldValue = string | boolean | number | readonly string[];

/** What the renderer knows about the place it writes into. */
export type Slot = {
  format: FrontMatterFormat;
  key: string;
  /** The text of the value being replaced; undefined when the field is added. */
  old?: string;
  /** Indentation of the replaced value's line (for multi-line lists). */
  indent: string;
  eol: string;
  /** For an added YAML list: the file's block-list indentation ("  "), or undefined to write a flow list. */
  blockIndent?: string;
};

// Strings YAML 1.1 (which Hugo's YAML reader follows) would read as something else: write them quoted.
const YAML11_NOT_STRING = /^(?:[yYnN~]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$/;
const YAML11_NUMBER = /^[-+]?(?:0[bxo]?[\d_a-fA-F]*|\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|\.(?:inf|Inf|INF|nan|NaN|NAN)|\d+(?::[0-5]?\d)+(?:\.\d*)?)$/;
const DATE_KEY = /date|lastmod|modified|published/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(?:[Tt ][\d:.]+(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;
const TOML_DATE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:\d{2})?)?$/;
const BOOLEAN_WORD = /^(?:true|True|TRUE|false|False|FALSE)$/;

type YamlStringType = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";

function yamlString(value: string, style: YamlStringType, key: string): string {
  let type = style;
  if (value.includes("\n") || value.includes("\r")) type = "QUOTE_DOUBLE";
  if (type === "PLAIN" && (YAML11_NOT_STRING.test(value) || YAML11_NUMBER.test(value))) type = "QUOTE_DOUBLE";
  // A date-shaped string is a date to Hugo: fine in a date field, quoted anywhere else.
  if (type === "PLAIN" && DATE_LIKE.test(value) && !DATE_KEY.test(key)) type = "QUOTE_DOUBLE";
  return stringify(value, { schema: "core", lineWidth: 0, minContentWidth: 0, defaultStringType: type }).replace(/\n$/, "");
}

function yamlStyleOf(old: string | undefined): YamlStringType {
  if (old?.startsWith('"')) return "QUOTE_DOUBLE";
  if (old?.startsWith("'")) return "QUOTE_SINGLE";
  return "PLAIN";
}

/** `true` written in the casing of the boolean it replaces (`False` → `True`), so a toggle round-trips. */
function spellBoolean(value: boolean, like: string | undefined): string {
  const word = String(value);
  if (!like || !BOOLEAN_WORD.test(like)) return word;
  if (like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1);
  return word;
}

function yamlList(items: readonly string[], slot: Slot): string {
  const old = slot.old?.trimStart();
  const itemStyle = old?.startsWith("[") && old.includes('"') ? "QUOTE_DOUBLE" : old?.startsWith("[") && old.includes("'") ? "QUOTE_SINGLE" : "PLAIN";
  const block = old === undefined ? slot.blockIndent !== undefined : old.startsWith("-");
  const rendered = items.map((item) => yamlString(item, itemStyle, slot.key));
  if (block && items.length > 0) {
    // A replaced block list starts where its first `-` was; an added one on the line after the key.
    const indent = slot.old === undefined ? slot.blockIndent! : slot.indent;
    const lines = rendered.map((item) => `- ${item}`);
    const text = lines.join(slot.eol + indent);
    return slot.old === undefined ? slot.eol + indent + text : text;
  }
  // Flow scalars may not hold `,[]{}` unquoted: quote those items.
  return `[${rendered.map((item, i) => (/^[^"'].*[,[\]{}]/.test(item) || /^[[\]{},]/.test(item) ? yamlString(items[i]!, "QUOTE_DOUBLE", slot.key) : item)).join(", ")}]`;
}

function renderYaml(value: FieldValue, slot: Slot): string {
  if (typeof value === "boolean") return spellBoolean(value, slot.old?.trim());
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return yamlString(value, yamlStyleOf(slot.old), slot.key);
  return yamlList(value, slot);
}

function tomlString(value: string, old: string | undefined, key: string): string {
  const bareDate = old === undefined ? DATE_KEY.test(key) : !/^["']/.test(old) && TOML_DATE.test(old);
  if (bareDate && TOML_DATE.test(value)) return value;
  if (old?.startsWith("'") && !old.startsWith("'''") && !/['\u0000-\u001f\u007f]/.test(value)) return `'${value}'`;
  return JSON.stringify(value);
}

/** A list written on several lines when the one it replaces was, one item a line, keeping a trailing comma. */
function multiLineList(items: string[], slot: Slot, old: string, close: string): string {
  const itemIndent = /\n([ \t]*)\S/.exec(old)?.[1] ?? `${slot.indent}  `;
  const closeIndent = new RegExp(`\\n([ \\t]*)\\${close}$`).exec(old)?.[1] ?? slot.indent;
  const trailing = new RegExp(`,\\s*(?:#[^\\n]*\\s*)?\\${close}$`).test(old) ? "," : "";
  if (items.length === 0) return `[]`;
  return `[${slot.eol}${items.map((item) => itemIndent + item).join(`,${slot.eol}`)}${trailing}${slot.eol}${closeIndent}${close}`;
}

function renderList(items: string[], slot: Slot): string {
  const old = slot.old;
  if (old?.includes("\n")) return multiLineList(items, slot, old, "]");
  const tight = old !== undefined && /,\S/.test(old) && !/,\s/.test(old);
  return `[${items.join(tight ? "," : ", ")}]`;
}

function renderToml(value: FieldValue, slot: Slot): string {
  if (typeof value === "boolean") return spellBoolean(value, slot.old?.trim());
  if (typeof value === "number") return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === "string") return tomlString(value, slot.old, slot.key);
  const literal = slot.old !== undefined && /^\[\s*'/.test(slot.old);
  return renderList(value.map((item) => (literal && !/['\u0000-\u001f\u007f]/.test(item) ? `'${item}'` : JSON.stringify(item))), slot);
}

function renderJson(value: FieldValue, slot: Slot): string {
  if (typeof value !== "object") return JSON.stringify(value);
  return renderList(value.map((item) => JSON.stringify(item)), slot);
}

/** The text of `value` for the slot; throws on a value no format can hold (NaN, Infinity). */
export function renderValue(value: FieldValue, slot: Slot): string {
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${value} cannot be written in front matter`);
  if (slot.format === "yaml") return renderYaml(value, slot);
  if (slot.format === "toml") return renderToml(value, slot);
  return renderJson(value, slot);
}
