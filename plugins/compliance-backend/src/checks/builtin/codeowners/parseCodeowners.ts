import { compileCodeownersPattern } from './compileCodeownersPattern';

/**
 * One rule of a CODEOWNERS file.
 *
 * @internal
 */
export type CodeownersRule = {
  /** The pattern as written. */
  pattern: string;
  /** `@user`, `@org/team` or e-mail addresses; may be empty (the path has no owners). */
  owners: string[];
  /** 1-based line number, for messages. */
  line: number;
  matches(path: string): boolean;
};

/** Splits off the pattern, honouring backslash-escaped spaces inside it. */
function splitPattern(line: string): { pattern: string; rest: string } {
  let end = 0;
  while (end < line.length && !/\s/.test(line[end])) {
    end += line[end] === '\\' ? 2 : 1;
  }
  return { pattern: line.slice(0, end), rest: line.slice(end) };
}

function parseOwners(rest: string): string[] {
  const owners: string[] = [];
  for (const token of rest.split(/\s+/)) {
    if (token.startsWith('#')) {
      break; // The rest of the line is a comment.
    }
    if (token !== '') {
      owners.push(token);
    }
  }
  return owners;
}

/**
 * Parses a CODEOWNERS file with GitHub's syntax: `#` comments, blank lines, and lines of a
 * pattern followed by owners.
 *
 * @internal
 */
export function parseCodeowners(content: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      return;
    }
    const { pattern, rest } = splitPattern(line);
    rules.push({
      pattern,
      owners: parseOwners(rest),
      line: index + 1,
      matches: compileCodeownersPattern(pattern),
    });
  });
  return rules;
}
