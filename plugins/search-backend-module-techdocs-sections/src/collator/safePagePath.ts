/** A URL scheme at the start (`javascript:`, `https:`, `data:` …). */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** What a path segment of a URL may hold (RFC 3986 pchar), `%` only as an escape. */
const PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/**
 * The page location of MkDocs' search index (`runbook/`, `faq.html`, `''` for the home
 * page) when it is a relative path inside the site, else undefined. The index is written
 * by whoever wrote the docs, so it is checked before it becomes a link or a file to fetch:
 * no scheme, no absolute or protocol-relative path, no `..`, no backslash, no query.
 */
export function safePagePath(location: string): string | undefined {
  if (location.length > 1000) return undefined;
  if (SCHEME.test(location) || location.startsWith('/')) return undefined;
  if (!PATH.test(location)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(location);
  } catch {
    return undefined;
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return undefined;
  const segments = decoded.split('/');
  if (segments.some(segment => segment === '..' || segment === '.')) {
    return undefined;
  }
  return location;
}

/**
 * A heading's `id` as a URL fragment. Ids come from the page's HTML, so they are encoded:
 * nothing in one can end the fragment or start markup.
 */
export function anchorFragment(anchor: string): string {
  return anchor ? `#${encodeURIComponent(anchor)}` : '';
}
