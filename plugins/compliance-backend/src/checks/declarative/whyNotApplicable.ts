import type { Entity } from '@backstage/catalog-model';
import type { DeclarativeCheckDefinition } from '@runway/plugin-compliance-common';
import { describeValue } from '../describeValue';

/**
 * Why a declarative check does not apply to an entity, or undefined when it does. Kinds
 * compare case-insensitively like in entity refs; `spec.type` and `spec.lifecycle` are
 * free-form values and compare exactly.
 *
 * @internal
 */
export function whyNotApplicable(
  entity: Entity,
  appliesTo: DeclarativeCheckDefinition['appliesTo'],
): string | undefined {
  if (!appliesTo) {
    return undefined;
  }
  const { kind, type, lifecycle } = appliesTo;
  if (
    kind &&
    !kind.some(
      k =>
        k.toLocaleLowerCase('en-US') === entity.kind.toLocaleLowerCase('en-US'),
    )
  ) {
    return `Applies only to kind ${kind.join(', ')}; this entity is a ${
      entity.kind
    }`;
  }
  for (const [field, allowed] of [
    ['type', type],
    ['lifecycle', lifecycle],
  ] as const) {
    const actual = entity.spec?.[field];
    if (allowed && !(typeof actual === 'string' && allowed.includes(actual))) {
      const has =
        actual === undefined
          ? `has no spec.${field}`
          : `has spec.${field} ${describeValue(actual)}`;
      return `Applies only to spec.${field} ${allowed.join(
        ', ',
      )}; this entity ${has}`;
    }
  }
  return undefined;
}
