import type { CodeownersRule } from './parseCodeowners';

/**
 * The rule that decides the owners of `path`: as on GitHub, the last matching rule wins.
 *
 * @internal
 */
export function findCodeownersRule(
  rules: CodeownersRule[],
  path: string,
): CodeownersRule | undefined {
  for (let i = rules.length - 1; i >= 0; i--) {
    if (rules[i].matches(path)) {
      return rules[i];
    }
  }
  return undefined;
}
