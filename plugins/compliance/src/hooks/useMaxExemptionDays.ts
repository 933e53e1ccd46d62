import { configApiRef, useApi } from '@backstage/frontend-plugin-api';

/**
 * The longest an exemption may last when `compliance.exemptions.maxDays` is not set: the
 * backend's default.
 *
 * @internal
 */
export const DEFAULT_MAX_EXEMPTION_DAYS = 90;

/**
 * The longest an exemption may last, in days: `compliance.exemptions.maxDays`, the same
 * key the backend enforces (visible to the frontend through this package's config schema),
 * or the backend's default of 90 when unset.
 *
 * @internal
 */
export function useMaxExemptionDays(): number {
  const configApi = useApi(configApiRef);
  let maxDays: number | undefined;
  try {
    maxDays = configApi.getOptionalNumber('compliance.exemptions.maxDays');
  } catch {
    // Not a number: the backend refuses to start with it, so its default is the best guess.
  }
  return maxDays !== undefined && maxDays > 0
    ? maxDays
    : DEFAULT_MAX_EXEMPTION_DAYS;
}
