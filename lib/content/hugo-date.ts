/**
 * Hugo's date formats (spf13/cast's StringToDate, as Hugo 0.111 reads front matter): ISO 8601 with `T` or a space,
 * one-digit hours (`2019-03-05T8:09:26`), offsets with or without a colon (`+0100`, `+01:00`) or a trailing zone
 * name (`+0100 CET`), RFC 1123 (`Tue, 05 Mar 2019 10:00:00 GMT`) and `05 Mar 2019`. A date without a zone is in the
 * site's `timeZone` (an IANA name), else UTC.
 */

/** A date as Folio keeps it: `iso`, an ISO 8601 string with the author's calendar date, and its instant. */
export type HugoDate = { iso: string; ms: number };

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
// Already what the rest of Folio reads (lib/content/rfc3339.ts): kept exactly as written.
const STRICT_ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}:?\d{2})?(?:\s+[A-Z]{2,5})?$/;
const RFC1123 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?$/;

type Parts = { y: number; mo: number; d: number; h: number; mi: number; s: number; frac: string; zone?: string };

function offsetMinutes(zone: string): number | undefined {
  if (/^(?:Z|z|UTC)$/.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return undefined;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Minutes east of UTC of `timeZone` at the instant `ms`. */
function zoneOffset(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60000);
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function read(value: string): (Parts & { dateOnly: boolean }) | undefined {
  const iso = ISO_LIKE.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    return { y: +y!, mo: +mo!, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), frac: frac ?? "", zone, dateOnly: h === undefined };
  }
  const rfc = RFC1123.exec(value);
  if (!rfc) return undefined;
  const [, d, mon, y, h, mi, s, zone] = rfc;
  const month = MONTHS.indexOf(mon!.toLowerCase());
  if (month === -1) return undefined;
  const year = y!.length === 2 ? 2000 + Number(y) : Number(y);
  return { y: year, mo: month + 1, d: +d!, h: +(h ?? 0), mi: +(mi ?? 0), s: +(s ?? 0), frac: "", zone, dateOnly: h === undefined };
}

/**
 * Reads a date the way Hugo does, or undefined when Hugo could not. `iso` is the author's own string when it is
 * already strict ISO 8601 with a zone (or a bare date, or a time without a zone, in a UTC site); otherwise the same
 * wall-clock date and time with its offset written out (`2019-03-05 10:00:00 +0100` → `2019-03-05T10:00:00+01:00`).
 */
export function parseHugoDate(value: string, timeZone = "UTC"): HugoDate | undefined {
  const text = value.trim();
  const p = read(text);
  if (!p || p.mo < 1 || p.mo > 12 || p.h > 23 || p.mi > 59 || p.s > 59) return undefined;
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) + (p.frac ? Math.floor(Number(`0${p.frac}`) * 1000) : 0);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== p.y || check.getUTCMonth() !== p.mo - 1 || check.getUTCDate() !== p.d) return undefined;
  // A zone name (`GMT`, `CET`) is not an offset: Hugo reads the time in the site's zone, as if none were written.
  let offset = p.zone === undefined ? undefined : offsetMinutes(p.zone);
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  if (offset === undefined) {
    offset = zone === "UTC" ? 0 : zoneOffset(zone, wall);
    // Near a daylight-saving change the first guess can be an hour off; the second is right.
    if (zone !== "UTC") offset = zoneOffset(zone, wall - offset * 60000);
  }
  const ms = wall - offset * 60000;
  const keepAsWritten = STRICT_ISO.test(text) && (/[Zz]$|[+-]\d{2}:\d{2}$/.test(text) || offset === 0);
  if (keepAsWritten) return { iso: text, ms };
  const date = `${pad(p.y, 4)}-${pad(p.mo)}-${pad(p.d)}`;
  if (p.dateOnly && offset === 0) return { iso: date, ms };
  const frac = p.frac ? p.frac.slice(0, 4) : "";
  return { iso: `${date}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}${frac}${formatOffset(offset)}`, ms };
}

/** A `YYYY-MM-DD-` prefix of a file or folder name (`2008-05-12-title.md`), as a date string, or undefined. */
export function fileNameDate(name: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[-_]/.exec(name);
  return m && parseHugoDate(m[1]!) ? m[1] : undefined;
}

/**
 * Hugo's dateAndSlugFromBaseFilename, for the `:filename` date source: a date in the first ten characters of a file
 * or bundle folder name, and the rest, without the dashes, underscores and spaces around it, as the slug
 * (`2008-05-12-jekyll-post` → 2008-05-12 and `jekyll-post`; `2014-01-01` → an empty slug, none).
 */
export function fileNameDateAndSlug(name: string, timeZone?: string): { date: HugoDate; slug: string } | undefined {
  const head = name.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(head)) return undefined;
  const date = parseHugoDate(head, timeZone);
  return date && { date, slug: name.slice(10).replace(/^[ _-]+|[ _-]+$/g, "") };
}
