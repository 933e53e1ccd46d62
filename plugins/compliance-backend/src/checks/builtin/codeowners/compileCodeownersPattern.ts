/**
 * Turns one CODEOWNERS pattern into a predicate over repository-relative file paths
 * (`services/api/catalog-info.yaml`, no leading slash), with GitHub's semantics, which are
 * gitignore's minus negation and character classes:
 *
 * - a pattern with a leading or middle slash is anchored at the repository root; otherwise
 *   it matches at any depth;
 * - a trailing slash matches everything inside that directory;
 * - `*` and `?` never cross a slash; `**` as a whole segment spans any number of
 *   directories;
 * - a pattern whose last segment is a name (not a lone `*`) also matches everything inside
 *   a directory of that name, but `docs/*` matches only the files directly in `docs`.
 *
 * @internal
 */
export function compileCodeownersPattern(
  pattern: string,
): (path: string) => boolean {
  if (pattern === '' || pattern === '/') {
    return () => false;
  }
  const regex = new RegExp(`^${patternToRegexSource(pattern)}$`);
  return path => regex.test(path);
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One path segment with `*`, `?` and backslash escapes. */
function segmentToRegexSource(segment: string): string {
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const char = segment[i];
    if (char === '\\' && i + 1 < segment.length) {
      i++;
      source += escapeRegex(segment[i]);
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += escapeRegex(char);
    }
  }
  return source;
}

function patternToRegexSource(pattern: string): string {
  let segments = pattern.split('/');
  if (segments[0] === '') {
    // A leading slash anchors the pattern at the root.
    segments = segments.slice(1);
  } else {
    const isSingleSegment =
      segments.length === 1 || (segments.length === 2 && segments[1] === '');
    if (isSingleSegment && segments[0] !== '**') {
      // Without a slash before its end, a pattern matches at any depth.
      segments = ['**', ...segments];
    }
  }
  if (segments.length > 1 && segments[segments.length - 1] === '') {
    // A trailing slash means "everything inside".
    segments[segments.length - 1] = '**';
  }

  const last = segments.length - 1;
  let source = '';
  // Whether a `/` must precede the next segment; false at the start and after a
  // leading `**`, whose own expansion ends with the slash.
  let needSlash = false;
  segments.forEach((segment, i) => {
    if (segment === '**') {
      if (i === 0 && i === last) {
        source += '.+';
      } else if (i === 0) {
        source += '(?:.+/)?';
        needSlash = false;
      } else if (i === last) {
        source += '/.*';
      } else {
        source += '(?:/.+)?';
        needSlash = true;
      }
      return;
    }
    if (needSlash) {
      source += '/';
    }
    needSlash = true;
    if (segment === '*') {
      source += '[^/]+';
      return;
    }
    source += segmentToRegexSource(segment);
    if (i === last) {
      // A name may be a directory: then it owns everything inside it.
      source += '(?:/.*)?';
    }
  });
  return source;
}
