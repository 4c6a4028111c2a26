/**
 * Hugo 0.111's URL rules, so a post answers where Hugo served it: the path sanitizer (helpers/path.go), urlize,
 * permalink patterns (resources/page/permalinks.go), `url:` front matter, uglyURLs and aliases. Paths here are
 * decoded (`/urls/café/`, never `%C3%A9`): requests are decoded before they are looked up. Pure functions.
 */

/** What the URL of a post depends on besides its own fields: the site's rules (see lib/config/hugo-site). */
export type UrlRules =
  | { kind: "folio" }
  | {
      kind: "hugo";
      /** The content folder, relative to CONTENT_DIR (`content`, `content/en`): stripped from a file's path. */
      contentDir: string;
      permalinks: Record<string, string>;
      uglyURLs: boolean | Record<string, boolean>;
      disablePathToLower: boolean;
      /** Every language code of the site: `about.fr.md`'s base name is `about`. */
      languages: string[];
      /** Folders (content-relative) with an `_index.md`: Hugo's sections, for `:sections`. */
      sections?: string[];
      /** A translation's language (never the default one): its URL is the same path under `/LANG`. */
      language?: string;
    };

/** The file suffixes Hugo 0.111 reads as markdown content (`.mdown` too; `.mkd` is a static file to it). */
export const MARKDOWN_SUFFIXES = "md|mdown|markdown|mdx";
/** A markdown content file's name. */
export const MARKDOWN_FILE = new RegExp(`\\.(?:${MARKDOWN_SUFFIXES})$`, "i");

/** A file's place in Hugo's content tree: `post/trip/index.md` → dir `post`, name `trip`, bundle, section `post`. */
export type ContentPlace = { dir: string; name: string; section: string; lang?: string; bundle: boolean };

/**
 * Hugo's UnicodeSanitize: keeps letters, digits, marks and `. / \ _ # + ~ - @` and `%XX`; a run of whitespace is
 * one `-` (none after a `-`); everything else is dropped. Case is kept.
 */
export function unicodeSanitize(value: string): string {
  const source = [...value];
  let out = "";
  let prependHyphen = false;
  let wasHyphen = false;
  for (let i = 0; i < source.length; i++) {
    const r = source[i]!;
    const allowed = /[./\\_#+~\-@\p{L}\p{N}\p{M}]/u.test(r) || (r === "%" && /^[0-9a-fA-F]{2}$/.test((source[i + 1] ?? "") + (source[i + 2] ?? "")));
    if (allowed) {
      wasHyphen = r === "-";
      if (prependHyphen) {
        if (!wasHyphen) out += "-";
        prependHyphen = false;
      }
      out += r;
    } else if (out.length > 0 && !wasHyphen && /\s/u.test(r)) {
      prependHyphen = true;
    }
  }
  return out;
}

/** Hugo's MakePathSanitized: sanitized, then lower-cased unless the site disables it. */
export function makePathSanitized(value: string, disablePathToLower = false): string {
  const sanitized = unicodeSanitize(value);
  return disablePathToLower ? sanitized : sanitized.toLowerCase();
}

/** Hugo's urlize, decoded: how a title, slug or taxonomy term becomes one URL segment (`Go Lang` → `go-lang`, `C++` → `c++`). */
export function urlize(value: string, disablePathToLower = false): string {
  return makePathSanitized(value, disablePathToLower);
}

/** Where a content file sits: its folder, base name (a bundle's folder name), section and language suffix. */
export function contentPlace(contentPath: string, languages: readonly string[] = []): ContentPlace {
  const parts = contentPath.split("/");
  const fileName = parts.pop()!;
  let base = fileName.replace(/\.[^.]+$/, "");
  let lang: string | undefined;
  const suffix = /\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)$/.exec(base);
  if (suffix && languages.some((code) => code.toLowerCase() === suffix[1]!.toLowerCase())) {
    lang = suffix[1]!.toLowerCase();
    base = base.slice(0, suffix.index);
  }
  const bundle = base === "index" && parts.length > 0;
  const name = bundle ? parts.pop()! : base;
  const dir = parts.join("/");
  return { dir, name, section: contentPath.includes("/") ? contentPath.split("/")[0]! : "", bundle, ...(lang ? { lang } : {}) };
}

/** `url:` front matter as Hugo serves it: rooted, case kept, a trailing slash unless it names a file (`/x.html`). */
export function explicitUrlPath(url: string): string {
  let value = url.trim();
  try {
    // An absolute URL in `url:` is rare but allowed; only its path counts on this site.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) value = new URL(value).pathname;
  } catch {
    // Not a URL after all: used as a path.
  }
  value = safeDecode(value);
  if (!value.startsWith("/")) value = `/${value}`;
  value = value.replace(/\/{2,}/g, "/");
  if (!value.endsWith("/") && !/\.[A-Za-z0-9]+$/.test(value.split("/").at(-1)!)) value += "/";
  return value;
}

/** decodeURIComponent that leaves a malformed escape as written instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The calendar fields of a date as the author wrote it (its own offset, as Hugo keeps it). */
function calendar(date: string): { year: string; month: string; day: string; weekday: number; yearday: number } {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(date) ?? ["", "0001", "01", "01"];
  const [, year, month, day] = match as [string, string, string, string];
  const utc = new Date(0);
  utc.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  const start = new Date(0);
  start.setUTCFullYear(Number(year), 0, 1);
  return { year, month, day, weekday: utc.getUTCDay(), yearday: Math.round((utc.getTime() - start.getTime()) / 86_400_000) + 1 };
}

/** The fields of a post a permalink pattern can use. */
export type PermalinkInput = { title: string; slug?: string; date: string; place: ContentPlace; sectionsPath: string };

/** Expands one permalink pattern (Hugo 0.111's tokens); an unknown token is kept as written. */
export function expandPermalink(pattern: string, input: PermalinkInput, disablePathToLower = false): string {
  const { title, slug, date, place } = input;
  const cal = calendar(date);
  const tokens: Record<string, () => string> = {
    // Go's strconv.Itoa: Hugo's zero date (a page without one) is year 1, not 0001.
    year: () => String(Number(cal.year)),
    month: () => cal.month,
    monthname: () => MONTHS[Number(cal.month) - 1] ?? "",
    day: () => cal.day,
    weekday: () => String(cal.weekday),
    weekdayname: () => WEEKDAYS[cal.weekday]!,
    yearday: () => String(cal.yearday),
    section: () => place.section,
    sections: () => input.sectionsPath,
    title: () => urlize(title, disablePathToLower),
    slug: () => urlize(slug ?? title, disablePathToLower),
    slugorfilename: () => urlize(slug ?? place.name, disablePathToLower),
    filename: () => urlize(place.name, disablePathToLower),
  };
  const expanded = pattern.replace(/:(\w+)(\[[^\]]*\])?/g, (whole, token: string) => (tokens[token] ? tokens[token]() : whole));
  return makePathSanitized(expanded, disablePathToLower);
}

function isUgly(rules: Extract<UrlRules, { kind: "hugo" }>, section: string): boolean {
  return typeof rules.uglyURLs === "boolean" ? rules.uglyURLs : rules.uglyURLs[section] === true;
}

/** A path with one leading slash, no doubled slashes, and Hugo's ending: `/x/`, or `/x.html` for uglyURLs. */
function finish(path: string, ugly: boolean): string {
  const clean = `/${path}`.replace(/\/{2,}/g, "/");
  if (clean === "/") return clean;
  if (ugly) return `${clean.replace(/\/+$/, "")}.html`;
  return clean.endsWith("/") ? clean : `${clean}/`;
}

/** The folder of the nearest section above a content folder (`:sections`), "" at the top. */
function sectionsPath(dir: string, sections: readonly string[] | undefined): string {
  if (!sections) return dir.split("/")[0] ?? "";
  const parts = dir.split("/");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join("/");
    if (sections.includes(candidate)) return candidate;
  }
  return parts[0] ?? "";
}

/** What a post's URL is made of: its file (relative to CONTENT_DIR) and front matter as written. */
export type PathInput = { file: string; title: string; slug: string; slugField?: string; url?: string; date: string };

/** The path of a file relative to the site's content folder (`content/post/x.md` → `post/x.md`). */
export function contentRelative(file: string, rules: UrlRules): string {
  if (rules.kind === "folio" || rules.contentDir === "") return file;
  const prefix = `${rules.contentDir}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

/**
 * The path a post answers at: its `url:` front matter (Hugo's rule, on either kind of site), else on Folio's own
 * site `/blog/SLUG`; on a Hugo site, as Hugo 0.111 serves it, the section's permalink pattern, else the content
 * folder and the slug (or file name), sanitized and lower-cased; with uglyURLs, `.html` instead of the trailing
 * slash. A translation's path is the same under `/LANG` (Hugo's default: the default language at the root).
 */
export function postPath(input: PathInput, rules: UrlRules): string {
  const language = rules.kind === "hugo" ? rules.language : undefined;
  if (input.url) {
    const explicit = explicitUrlPath(input.url);
    // Hugo: in a translation, a `url:` without a leading slash is relative to its language's root; one with is not.
    const relative = !/^(?:\/|[a-z][a-z0-9+.-]*:\/\/)/i.test(input.url.trim());
    return language && relative && !explicit.startsWith(`/${language}/`) ? `/${language}${explicit}` : explicit;
  }
  if (rules.kind === "folio") return `/blog/${input.slug}`;
  const place = contentPlace(contentRelative(input.file, rules), rules.languages);
  const ugly = isUgly(rules, place.section);
  const pattern = rules.permalinks[place.section];
  let own: string;
  if (pattern) {
    const expanded = expandPermalink(pattern, { title: input.title, slug: input.slugField, date: input.date, place, sectionsPath: sectionsPath(place.dir, rules.sections) }, rules.disablePathToLower);
    own = finish(expanded, ugly);
  } else {
    const base = input.slugField ?? place.name;
    own = finish(makePathSanitized(`${place.dir}/${base}`, rules.disablePathToLower), ugly);
  }
  return language ? `/${language}${own}` : own;
}

/**
 * Where an alias of a post answers: an absolute alias as written, a relative one beside the post's own folder
 * (Hugo joins it to the parent of the post's URL). Both end in `/` unless they name a file.
 */
export function aliasPath(alias: string, postUrl: string): string {
  const trimmed = safeDecode(alias.trim());
  const joined = trimmed.startsWith("/") ? trimmed : `${postUrl.replace(/\/+$/, "").replace(/\/[^/]*$/, "")}/${trimmed}`;
  return explicitUrlPath(joined);
}

/** The key a path is looked up by: decoded, without its trailing slash (the site's root stays `/`). */
export function routeKey(path: string): string {
  const decoded = safeDecode(path).normalize("NFC");
  return decoded.length > 1 ? decoded.replace(/\/+$/, "") : decoded;
}

/** A looser key for old spellings: lower-cased, and `_`, `--`, spaces as single hyphens (`/Post/My_Post` → `/post/my-post`). */
export function looseRouteKey(path: string): string {
  return routeKey(path)
    .toLowerCase()
    .replace(/[_\s]+/g, "-")
    .replace(/-{2,}/g, "-");
}
