import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { checkError, fail, notApplicable, pass } from '../outcomes';
import {
  codeownerNamesOwner,
  expectedCodeowner,
} from './codeowners/codeownerNamesOwner';
import { findCodeownersRule } from './codeowners/findCodeownersRule';
import { parseCodeowners } from './codeowners/parseCodeowners';
import {
  CodeownersReadError,
  readCodeowners,
} from './codeowners/readCodeowners';
import { resolveSourceLocation } from './codeowners/resolveSourceLocation';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { resolveOwner } from './resolveReference';

function listSearched(urls: string[]): string {
  return urls.length > 1
    ? `${urls.slice(0, -1).join(', ')} or ${urls[urls.length - 1]}`
    : urls.join('');
}

/**
 * `ownership.codeowners-match`: the CODEOWNERS file of the entity's repository assigns the
 * catalog file to the entity's owner, so that the catalog and code review agree on who owns
 * the code.
 *
 * @internal
 */
export function createCodeownersMatchCheck(): ComplianceCheck {
  return {
    id: 'ownership.codeowners-match',
    title: 'CODEOWNERS agrees with the owner',
    description:
      "The repository's CODEOWNERS assigns the entity's catalog file to the same owner as spec.owner.",
    evaluate(entity, { catalog, readUrl }) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = resolveOwner(entity, catalog);
      if (owner.state === 'undeclared' || owner.state === 'invalid') {
        return notApplicable(
          'No valid owner is declared; the other ownership checks report it',
        );
      }
      const source = resolveSourceLocation(entity);
      if (!source) {
        return notApplicable(
          'The entity has no url: source location (backstage.io/source-location or backstage.io/managed-by-location), so there is no repository to read CODEOWNERS from',
        );
      }

      // Only this part reads: entities it does not apply to cost no promise in a sweep.
      return (async () => {
        let file;
        try {
          file = await readCodeowners(
            source.url,
            readUrl,
            source.catalogFileUrl,
          );
        } catch (e) {
          if (e instanceof CodeownersReadError) {
            return checkError(
              e.message,
              'Check that an integration for this host is configured and can read the repository, then evaluate again.',
            );
          }
          throw e;
        }
        const expected = expectedCodeowner(owner.ref);
        if (!file.found) {
          return fail(
            `No CODEOWNERS file found at ${listSearched(file.searched)}`,
            `Add a CODEOWNERS file (e.g. .github/CODEOWNERS) with the line '* ${expected}'.`,
          );
        }

        const rule = findCodeownersRule(
          parseCodeowners(file.content),
          source.catalogFilePath,
        );
        if (!rule) {
          return fail(
            `No rule in ${file.url} matches ${source.catalogFilePath}; expected one naming the owner ${owner.ref}`,
            `Add a rule for ${source.catalogFilePath} (or '*') naming ${expected} to ${file.url}.`,
          );
        }
        const where = `CODEOWNERS rule '${rule.pattern}' (line ${rule.line} of ${file.url})`;
        const matching = rule.owners.find(o =>
          codeownerNamesOwner(o, owner.ref),
        );
        if (matching) {
          return pass(
            `${where} names ${matching}, matching the owner ${owner.ref}`,
          );
        }
        const named =
          rule.owners.length > 0
            ? `names ${rule.owners.join(', ')}`
            : 'assigns no owners';
        return fail(
          `${where} ${named}, but the owner is ${owner.ref} (expected ${expected})`,
          `Make CODEOWNERS and spec.owner agree: add ${expected} to that rule (the last matching rule wins) or change spec.owner.`,
        );
      })();
    },
  };
}
