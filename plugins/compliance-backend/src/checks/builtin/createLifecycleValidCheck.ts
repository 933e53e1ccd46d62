import type { ComplianceCheck } from '@runway/plugin-compliance-node';
import { describeValue } from '../describeValue';
import { fail, notApplicable, pass } from '../outcomes';
import { readStringListOption } from './checkOptions';
import { isOneOfKinds, kindNotCoveredMessage } from './entityKinds';

// Backstage's Resource kind has no spec.lifecycle, so it is not checked.
const KINDS_WITH_LIFECYCLE: readonly string[] = ['Component', 'API'];
const DEFAULT_LIFECYCLES: readonly string[] = [
  'experimental',
  'production',
  'deprecated',
];

/**
 * `metadata.lifecycle-valid`: `spec.lifecycle` is one of the lifecycles the organisation
 * uses (option `lifecycles`, default experimental, production, deprecated).
 *
 * @internal
 */
export function createLifecycleValidCheck(): ComplianceCheck {
  return {
    id: 'metadata.lifecycle-valid',
    title: 'Lifecycle is valid',
    description:
      'spec.lifecycle is one of the agreed lifecycles, so that filters and gates can rely on it.',
    evaluate(entity, { options }) {
      if (!isOneOfKinds(entity, KINDS_WITH_LIFECYCLE)) {
        return notApplicable(
          kindNotCoveredMessage(entity, KINDS_WITH_LIFECYCLE),
        );
      }
      const lifecycles = readStringListOption(
        options,
        'lifecycles',
        DEFAULT_LIFECYCLES,
      );
      const expected = lifecycles.join(', ');
      const lifecycle: unknown = entity.spec?.lifecycle;
      if (
        lifecycle === undefined ||
        lifecycle === null ||
        (typeof lifecycle === 'string' && lifecycle.trim() === '')
      ) {
        return fail(
          `spec.lifecycle is missing; expected one of ${expected}`,
          `Set spec.lifecycle to one of ${expected}.`,
        );
      }
      if (typeof lifecycle !== 'string' || !lifecycles.includes(lifecycle)) {
        return fail(
          `Lifecycle ${describeValue(lifecycle)} is not one of ${expected}`,
          `Set spec.lifecycle to one of ${expected}.`,
        );
      }
      return pass(`Lifecycle '${lifecycle}' is one of ${expected}`);
    },
  };
}
