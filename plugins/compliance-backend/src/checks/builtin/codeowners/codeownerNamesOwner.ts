import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Whether a CODEOWNERS owner (`@org/team-slug`, `@user` or an e-mail address) names the
 * catalog owner `ownerRef` (a full entity ref). Teams match groups by slug and users
 * match users by name, case-insensitively as on GitHub; e-mail addresses never match,
 * because the catalog does not reliably map them to entities.
 *
 * @internal
 */
export function codeownerNamesOwner(owner: string, ownerRef: string): boolean {
  if (!owner.startsWith('@')) {
    return false;
  }
  const { kind, name } = parseEntityRef(ownerRef);
  const handle = owner.slice(1).toLocaleLowerCase('en-US');
  const slash = handle.indexOf('/');
  const ownerName = name.toLocaleLowerCase('en-US');
  switch (kind.toLocaleLowerCase('en-US')) {
    case 'group':
      return slash !== -1 && handle.slice(slash + 1) === ownerName;
    case 'user':
      return slash === -1 && handle === ownerName;
    default:
      return false;
  }
}

/**
 * How the owner would be written in CODEOWNERS, for remediations.
 *
 * @internal
 */
export function expectedCodeowner(ownerRef: string): string {
  const { kind, name } = parseEntityRef(ownerRef);
  return kind.toLocaleLowerCase('en-US') === 'group'
    ? `@<org>/${name}`
    : `@${name}`;
}
