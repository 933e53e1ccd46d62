import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import { complianceApiRef } from '../api';

/**
 * Check id to title, for views that only carry check ids (rollups). Titles are a nicety:
 * when they cannot be loaded the ids are shown instead, without an error.
 *
 * @internal
 */
export function useCheckTitles(): (checkId: string) => string {
  const complianceApi = useApi(complianceApiRef);
  const { value } = useAsync(async () => {
    try {
      const checks = await complianceApi.listChecks();
      return new Map(checks.map(check => [check.id, check.title]));
    } catch {
      return new Map<string, string>();
    }
  }, [complianceApi]);
  return checkId => value?.get(checkId) ?? checkId;
}
