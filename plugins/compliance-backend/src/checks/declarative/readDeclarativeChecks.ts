import type { Config } from '@backstage/config';
import type { DeclarativeCheckDefinition } from '@runway/plugin-compliance-common';
import { describeType } from '../describeValue';
import { InvalidCheckDefinitionError } from './InvalidCheckDefinitionError';
import { validateDeclarativeCheck } from './validateDeclarativeCheck';

const CONFIG_KEY = 'compliance.declarativeChecks';

/**
 * Reads and validates the checks declared in app-config under
 * `compliance.declarativeChecks`; none when the key is absent. Ids must be unique within
 * the list (clashes with other checks are for the caller to detect).
 *
 * @throws {@link InvalidCheckDefinitionError} for the first invalid check.
 * @internal
 */
export function readDeclarativeChecks(
  config: Config,
): DeclarativeCheckDefinition[] {
  const value = config.getOptional<unknown>(CONFIG_KEY);
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new InvalidCheckDefinitionError({
      where: CONFIG_KEY,
      detail: `${CONFIG_KEY} must be a list of checks, got ${describeType(
        value,
      )}`,
    });
  }

  const firstSeenAt = new Map<string, string>();
  return value.map((item, index) => {
    const where = `${CONFIG_KEY}[${index}]`;
    const definition = validateDeclarativeCheck(item, where);
    const earlier = firstSeenAt.get(definition.id);
    if (earlier) {
      throw new InvalidCheckDefinitionError({
        where,
        checkId: definition.id,
        detail: `id '${definition.id}' is already used by ${earlier}`,
      });
    }
    firstSeenAt.set(definition.id, where);
    return definition;
  });
}
