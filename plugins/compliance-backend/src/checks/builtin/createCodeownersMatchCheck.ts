import type { Entity } from '@backstage/catalog-model';
import type {
  CheckContext,
  CheckOutcome,
  ComplianceCheck,
} from '@runway/plugin-compliance-node';
import { checkError, fail, notApplicable, pass } from '../outcomes';
import {
  codeownerNamesOwner,
  expectedCodeowner,
} from './codeowners/codeownerNamesOwner';
import {
  catalogFolderCodeowners,
  repositoryCodeowners,
} from './codeowners/codeownersSources';
import { findCodeownersRule } from './codeowners/findCodeownersRule';
import { parseCodeowners } from './codeowners/parseCodeowners';
import {
  CodeownersReadError,
  type CodeownersFile,
  type CodeownersSource,
  readCodeowners,
  searchCodeowners,
} from './codeowners/readCodeowners';
import { resolveCatalogFolder } from './codeowners/resolveCatalogFolder';
import { resolveSourceLocation } from './codeowners/resolveSourceLocation';
import {
  isOneOfKinds,
  KINDS_WITH_OWNER,
  kindNotCoveredMessage,
} from './entityKinds';
import { sharedReads } from './perIndexCache';
import { resolveOwner } from './resolveReference';

function listSearched(places: string[]): string {
  return places.length > 1
    ? `${places.slice(0, -1).join(', ')} or ${places[places.length - 1]}`
    : places.join('');
}

/** A repository from a url: location, or else the folder of a catalog file on disk. */
function findCodeownersSource(
  entity: Entity,
  { readUrl, readFileBesideLocation }: CheckContext,
): CodeownersSource | undefined {
  const repository = resolveSourceLocation(entity);
  if (repository) {
    return repositoryCodeowners(repository, readUrl);
  }
  const folder = resolveCatalogFolder(entity);
  return folder && catalogFolderCodeowners(folder, readFileBesideLocation);
}

/** Rules per CODEOWNERS file read: the entities of a repository share one file, parsed once. */
const parsedRules = new WeakMap<object, ReturnType<typeof parseCodeowners>>();

function rulesOf(file: { content: string }) {
  let rules = parsedRules.get(file);
  if (!rules) {
    rules = parseCodeowners(file.content);
    parsedRules.set(file, rules);
  }
  return rules;
}

/** The outcome for an entity owned by `ownerRef`, given what its source's CODEOWNERS says. */
function judge(
  file: CodeownersFile,
  source: CodeownersSource,
  ownerRef: string,
): CheckOutcome {
  const expected = expectedCodeowner(ownerRef);
  if (!file.found) {
    return fail(
      `No CODEOWNERS file found at ${listSearched(file.searched)}`,
      `Add a CODEOWNERS file (e.g. .github/CODEOWNERS) with the line '* ${expected}'.`,
    );
  }
  const rule = findCodeownersRule(rulesOf(file), source.catalogFilePath);
  if (!rule) {
    return fail(
      `No rule in ${file.name} matches ${source.catalogFilePath}; expected one naming the owner ${ownerRef}`,
      `Add a rule for ${source.catalogFilePath} (or '*') naming ${expected} to ${file.name}.`,
    );
  }
  const where = `CODEOWNERS rule '${rule.pattern}' (line ${rule.line} of ${file.name})`;
  const matching = rule.owners.find(o => codeownerNamesOwner(o, ownerRef));
  if (matching) {
    return pass(`${where} names ${matching}, matching the owner ${ownerRef}`);
  }
  const named =
    rule.owners.length > 0
      ? `names ${rule.owners.join(', ')}`
      : 'assigns no owners';
  return fail(
    `${where} ${named}, but the owner is ${ownerRef} (expected ${expected})`,
    `Make CODEOWNERS and spec.owner agree: add ${expected} to that rule (the last matching rule wins) or change spec.owner.`,
  );
}

/**
 * `ownership.codeowners-match`: the CODEOWNERS file of the entity's repository assigns the
 * catalog file to the entity's owner, so that the catalog and code review agree on who owns
 * the code. For an entity read from a `file:` location, CODEOWNERS is read from disk, in the
 * catalog file's folder.
 *
 * @internal
 */
export function createCodeownersMatchCheck(): ComplianceCheck {
  // The entities of one repository (or folder) share its CODEOWNERS: it is read once per
  // catalog index, i.e. once per sweep, not once per entity. A failed read is shared too, so
  // that a repository out of reach is asked once.
  const codeownersRead = sharedReads<CodeownersFile>();
  return {
    id: 'ownership.codeowners-match',
    title: 'CODEOWNERS agrees with the owner',
    description:
      "The CODEOWNERS of the entity's repository (for a catalog file read from disk, of its folder) assigns the catalog file to the same owner as spec.owner.",
    evaluate(entity, context) {
      if (!isOneOfKinds(entity, KINDS_WITH_OWNER)) {
        return notApplicable(kindNotCoveredMessage(entity, KINDS_WITH_OWNER));
      }
      const owner = resolveOwner(entity, context.catalog);
      if (owner.state === 'undeclared' || owner.state === 'invalid') {
        return notApplicable(
          'No valid owner is declared; the other ownership checks report it',
        );
      }
      const source = findCodeownersSource(entity, context);
      if (!source) {
        return notApplicable(
          'The entity has neither a url: source location (backstage.io/source-location or backstage.io/managed-by-location) nor a file: catalog location (backstage.io/managed-by-location), so there is no CODEOWNERS to read',
        );
      }

      const where = source.nameOf('');
      const known = codeownersRead.get(context.catalog, where);
      if (known?.found) {
        // Read already for another entity of this sweep: no promise for this one.
        return judge(known, source, owner.ref);
      }
      // Only this part reads: entities it does not apply to cost no promise in a sweep.
      return (async () => {
        let file: CodeownersFile;
        try {
          file = await readCodeowners(source, () =>
            codeownersRead.read(context.catalog, where, () =>
              searchCodeowners(source),
            ),
          );
        } catch (e) {
          if (e instanceof CodeownersReadError) {
            return checkError(e.message, source.readErrorRemediation);
          }
          throw e;
        }
        return judge(file, source, owner.ref);
      })();
    },
  };
}
