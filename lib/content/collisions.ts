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

/** What decides who keeps a contested address, besides the posts themselves. */
export type CollisionContext = {
  now: number;
  /** The posts of the previous load: an owner keeps its address while it stays public. */
  previous?: readonly Post[];
  /** When a file came to be (birth time, else modification time): the older file is the original. */
  bornAt?: (file: string) => number | undefined;
};

/**
 * Who keeps a contested address, first to last: a public post before any other; the previous owner; the older
 * file (a copy is younger than what it copies); the one published first; the file name.
 */
function ownerFirst({ now, previous = [], bornAt = () => undefined }: CollisionContext) {
  const owned = new Set(previous.map((post) => post.file));
  const born = (file: string) => bornAt(file) ?? Number.POSITIVE_INFINITY;
  return (a: FileReport, b: FileReport): number => {
    const pa = a.post!;
    const pb = b.post!;
    return (
      Number(isPublic(pb, now)) - Number(isPublic(pa, now)) ||
      Number(owned.has(b.file)) - Number(owned.has(a.file)) ||
      (born(a.file) === born(b.file) ? 0 : born(a.file) < born(b.file) ? -1 : 1) ||
      pa.publishedAt - pb.publishedAt ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)
    );
  };
}

/**
 * When two files claim one slug or URL, the public post keeps it (see ownerFirst for ties), and every other claimant is left out with an error naming the owner. A draft copy of a live post (same slug,
 * `draft: true`) therefore never takes the live post off the site, and removing the copy changes nothing for it.
 */
export function resolveCollisions(reports: FileReport[], context: CollisionContext): FileReport[] {
  const { now } = context;
  const valid = reports.filter((r) => r.post).sort(ownerFirst(context));
  const owners = new Map<string, FileReport>();
  const refused = new Map<FileReport, ContentIssue[]>();
  for (const report of valid) {
    const contested = claims(report.post!).flatMap((claim) => {
      const owner = owners.get(claim.key);
      return owner ? [{ claim, owner }] : [];
    });
    if (contested.length === 0) {
      for (const claim of claims(report.post!)) owners.set(claim.key, report);
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
    const issues = refused.get(report);
    return issues ? { file: report.file, issues: [...report.issues, ...issues] } : report;
  });
}
