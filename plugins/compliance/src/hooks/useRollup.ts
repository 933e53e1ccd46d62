import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ComplianceRollup } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../api';

/**
 * Loads the compliance rollup of a group and its descendants, or of the whole
 * organisation when no `ownerRef` is given.
 *
 * @internal
 */
export function useRollup(ownerRef?: string): {
  rollup?: ComplianceRollup;
  loading: boolean;
  error?: Error;
} {
  const complianceApi = useApi(complianceApiRef);
  const { value, loading, error } = useAsync(
    () => complianceApi.getRollup(ownerRef ? { ownerRef } : {}),
    [complianceApi, ownerRef],
  );
  return { rollup: value, loading, error };
}
