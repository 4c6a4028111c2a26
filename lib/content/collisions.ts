import { derivedReports } from "./derived-reports";
import type { FileReport } from "./load";
import type { ContentIssue } from "./parse";
import { isPublic } from "./publish";
import type { Post } from "./schema";
import { routeKey } from "./urls";

type Claim = { key: string; what: string };

/** The addresses a post claims: its slug, and its URL on a Hugo site (compared without a trailing slash). */
function claims(post: Post): Claim[] {
  const found: Claim[] = [{ key: `slug:${post.slug}`, what: `the slug '${post.slug}'` }];
  // Its address on the site (`url:`, the section's permalink, or Hugo's default path): two posts cannot answer at one.
  if (post.path !== `/blog/${post.slug}`) found.push({ key: `url:${routeKey(post.path)}`, what: `the URL '${post.url ?? post.path}'` });
  return found;
}

/**
 * A slug of its own for a post that shares its written slug with another post served at a different URL: Hugo
 * allows that (`/2024/03/12/edge-release-roundup/` and `/2024/04/25/edge-release-roundup/`), Folio names each post
 * by one slug (its `/blog/SLUG` route, social card and editor). Made from its URL, so it is the same on every load.
 */
function slugFromPath(post: Post): string {
  return routeKey(post.path).toLowerCase().replace(/\.html?$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 200).replace(/-+$/, "");
}

const settled = derivedReports();

/** A post renamed, or refused, on one look keeps the report it got then, as long as what it got is unchanged. */
function same(report: FileReport, made: FileReport): FileReport {
  return settled(report, (known) => known.post?.slug === made.post?.slug && JSON.stringify(known.issues) === JSON.stringify(made.issues), () => made);
}

/** What decides who keeps a contested address, besides the posts themselves. */
export type CollisionContext = {
  now: number;
  /** The posts of the previous load: an owner keeps its address while it stays public. */
  previous?: readonly Post[];
  /** When a file came to be (birth time, else modification time): the older file is the original. */
  bornAt?: (file: string) => number | undefined;
};

/**
 * Who keeps a contested address, first to last: a public post before any other; the default language's before a
 * translation; the previous owner; the older file (a copy is younger than what it copies); the one published first;
 * the file name.
 */
function ownerFirst({ now, previous = [], bornAt = () => undefined }: CollisionContext) {
  const owned = new Set(previous.map((post) => post.file));
  const bornTimes = new Map<string, number>();
  const born = (file: string) => {
    let at = bornTimes.get(file);
    if (at === undefined) bornTimes.set(file, (at = bornAt(file) ?? Number.POSITIVE_INFINITY));
    return at;
  };
  return (a: FileReport, b: FileReport): number => {
    const pa = a.post!;
    const pb = b.post!;
    return (
      Number(isPublic(pb, now)) - Number(isPublic(pa, now)) ||
      // The default language's post before a translation: a translation never takes the original's URL or name.
      Number(pb.lang === undefined) - Number(pa.lang === undefined) ||
      Number(owned.has(b.file)) - Number(owned.has(a.file)) ||
      (born(a.file) === born(b.file) ? 0 : born(a.file) < born(b.file) ? -1 : 1) ||
      pa.publishedAt - pb.publishedAt ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    );
  };
}

/** Whether any slug or URL is claimed by two posts. */
function anyContested(reports: readonly FileReport[]): boolean {
  const seen = new Set<string>();
  for (const report of reports) {
    if (!report.post) continue;
    for (const { key } of claims(report.post)) {
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}

/**
 * When two files claim one slug or URL, the public post keeps it (see ownerFirst for ties), and every other claimant is left out with an error naming the owner, except a post that shares only the slug and answers at a URL of its own
 * (Hugo's dated permalinks): it is served there under a slug made from that URL, with a warning. A draft copy of a live post (same slug,
 * `draft: true`) therefore never takes the live post off the site, and removing the copy changes nothing for it.
 */
export function resolveCollisions(reports: FileReport[], context: CollisionContext): FileReport[] {
  const { now } = context;
  // Most loads contest nothing: the reports as they are, without ordering thousands of posts on every re-check.
  if (!anyContested(reports)) return reports;
  const valid = reports.filter((r) => r.post).sort(ownerFirst(context));
  const owners = new Map<string, FileReport>();
  const refused = new Map<FileReport, ContentIssue[]>();
  const renamed = new Map<FileReport, FileReport>();
  for (const report of valid) {
    const contested = claims(report.post!).flatMap((claim) => {
      const owner = owners.get(claim.key);
      return owner ? [{ claim, owner }] : [];
    });
    if (contested.length === 0) {
      for (const claim of claims(report.post!)) owners.set(claim.key, report);
      continue;
    }
    // Only the slug is shared, and the post answers at a URL of its own: it keeps that URL under a slug of its own.
    const post = report.post!;
    const ownUrl = post.path !== `/blog/${post.slug}` && contested.every(({ claim }) => claim.key.startsWith("slug:"));
    const slug = ownUrl ? slugFromPath(post) : "";
    if (slug && !owners.has(`slug:${slug}`)) {
      const owner = contested[0]!.owner;
      const renamedPost: Post = { ...post, slug };
      const warning: ContentIssue = {
        file: report.file,
        field: "slug",
        message: `the slug '${post.slug}' is also ${owner.file}'s; this post is served at its own URL, ${post.path}, and named '${slug}' in the admin`,
        severity: "warning",
        kind: "collision",
      };
      const kept = same(report, { ...report, post: renamedPost, issues: [...report.issues, warning] });
      renamed.set(report, kept);
      for (const claim of claims(renamedPost)) owners.set(claim.key, kept);
      continue;
    }
    refused.set(report, contested.map(({ claim, owner }) => ({
      file: report.file,
      field: claim.key.startsWith("url:") ? "url" : "slug",
      message: `${claim.what} belongs to ${owner.file}${isPublic(owner.post!, now) ? ", which is public" : ""}; this file is left out until it has its own`,
      severity: "error" as const,
      kind: "collision",
    })));
  }
  return reports.map((report) => {
    const kept = renamed.get(report);
    if (kept) return kept;
    const issues = refused.get(report);
    return issues ? same(report, { file: report.file, issues: [...report.issues, ...issues] }) : report;
  });
}
