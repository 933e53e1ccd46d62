import type {
  CheckResult,
  CheckStatus,
} from '@runway/plugin-compliance-common';
import type { z as zod } from 'zod/v3';

/** The zod the actions registry hands to schema callbacks (its v3 API). @internal */
export type Zod = typeof zod;

/**
 * How the descriptions explain an entity ref to an assistant. Refs are not checked against a
 * pattern here: the Authorized services parse them and answer a bad one with an error that
 * names the field, which the registry's own schema errors do not.
 */
export const ENTITY_REF_HELP =
  'An entity ref, `kind:namespace/name` (e.g. `component:default/payments-api`); the namespace defaults to `default`';

/** An entity ref input whose kind defaults to `defaultKind` when left out. @internal */
export function entityRefInput(z: Zod, what: string, defaultKind: string) {
  return z
    .string()
    .min(1)
    .max(400)
    .describe(
      `${what}. ${ENTITY_REF_HELP} and the kind to \`${defaultKind}\`.`,
    );
}

const CHECK_STATUS_VALUES = [
  'pass',
  'fail',
  'exempt',
  'not-applicable',
  'error',
] as const satisfies readonly CheckStatus[];

// Fails to compile when the API gains a status the actions' schemas do not list.
const everyStatusListed: Exclude<
  CheckStatus,
  (typeof CHECK_STATUS_VALUES)[number]
> extends never
  ? true
  : never = true;
void everyStatusListed;

/** @internal */
export function checkStatusSchema(z: Zod) {
  return z
    .enum(CHECK_STATUS_VALUES)
    .describe(
      'pass/fail: the check ran and the entity meets it or not; exempt: it fails but an approved exemption covers it; not-applicable: the check does not apply to this entity; error: it could not be evaluated.',
    );
}

/** One check's result as the actions return it: what, why, and how to fix it. @internal */
export function checkResultSchema(z: Zod) {
  return z.object({
    checkId: z.string(),
    title: z.string(),
    status: checkStatusSchema(z),
    message: z
      .string()
      .describe('What exactly is wrong (or right) in this entity.'),
    remediation: z
      .string()
      .optional()
      .describe('How to fix it; present when the check fails or errs.'),
  });
}

/** The fields of a stored result that `checkResultSchema` describes. @internal */
export function toCheckResult(result: CheckResult) {
  return {
    checkId: result.checkId,
    title: result.title,
    status: result.status,
    message: result.message,
    ...(result.remediation ? { remediation: result.remediation } : {}),
  };
}
