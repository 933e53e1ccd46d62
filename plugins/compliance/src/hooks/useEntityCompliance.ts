import { useCallback, useEffect } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EntityCompliance } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../api';

/**
 * What {@link useEntityCompliance} returns.
 *
 * @internal
 */
export type EntityComplianceState = {
  /** `undefined` until the first answer arrives, and after a failed load. */
  compliance?: EntityCompliance;
  loading: boolean;
  error?: Error;
  /** Loads the entity's compliance again, e.g. after an exemption changed. */
  reload: () => void;
  /** Shows an answer the caller already has, e.g. the result of a re-evaluation. */
  show: (compliance: EntityCompliance) => void;
};

/**
 * Loads one entity's compliance: results, levels, exemptions and history.
 *
 * @internal
 */
export function useEntityCompliance(entityRef: string): EntityComplianceState {
  const complianceApi = useApi(complianceApiRef);

  // Every answer goes through this one async function so that a slow, older request can
  // never overwrite a newer answer (useAsyncFn keeps only the latest call's result).
  const [state, run] = useAsyncFn(
    (answer: () => Promise<EntityCompliance>) => answer(),
    [],
    { loading: true },
  );

  const reload = useCallback(() => {
    run(() => complianceApi.getEntity(entityRef));
  }, [run, complianceApi, entityRef]);

  const show = useCallback(
    (compliance: EntityCompliance) => {
      run(async () => compliance);
    },
    [run],
  );

  useEffect(reload, [reload]);

  return {
    compliance: state.value,
    loading: state.loading,
    error: state.error,
    reload,
    show,
  };
}
