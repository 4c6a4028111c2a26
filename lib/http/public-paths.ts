/**
 * Cheap syntax checks on public URLs, made in proxy.ts before Next.js routes or renders anything: a URL that no
 * page can answer with anything but a 404 gets its 404 there. They are deliberately loose (the content decides
 * which slugs exist, and slugs and term names are the author's); they only turn away what can never be a page.
 */

/** Longest path segment any page answers: a longer one cannot be a file name, so it cannot be a post. */
export const MAX_SEGMENT_BYTES = 255;
/** Longest public path. */
export const MAX_PATH_BYTES = 2048;

const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

/** A share link's token (lib/share): 32 random bytes in base64url. Anything else under /share is a 404 here. */
export const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // a malformed escape (`%zz`) names nothing
  }
}

/**
 * Whether `pathname` (as the request carried it, percent-encoded) could be a page (public or admin): every segment
 * decodes, none is `.` or `..`, longer than {@link MAX_SEGMENT_BYTES} or holds a control character or a slash of
 * its own, a list page number (`/blog/page/N`) is a number, and a share link (`/share/TOKEN`) has a token's shape.
 */
export function isPlausiblePublicPath(pathname: string): boolean {
  if (Buffer.byteLength(pathname) > MAX_PATH_BYTES) return false;
  const segments = pathname.split("/").slice(1);
  for (const raw of segments) {
    const segment = decode(raw);
    if (segment === null || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return false;
    if (/[\u0000-\u001f\u007f/\\]/.test(segment)) return false;
    // `.` and `..` arrive only encoded (browsers resolve them before sending): nothing answers at such a path, and
    // letting the router resolve them would make `/admin/preview/%2e%2e` another name for `/admin`.
    if (segment === "." || segment === "..") return false;
  }
  if (segments[0] === "blog" && segments[1] === "page" && segments.length === 3) return PAGE_NUMBER.test(segments[2]!);
  if (segments[0] === "share") return segments.length === 2 && SHARE_TOKEN.test(segments[1]!);
  return true;
}
