import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  complianceEvaluatePermission,
  type EntityCompliance,
} from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { serverMessage } from '../../lib/errors';
import { PermissionButton } from '../PermissionButton';

/**
 * Evaluates the entity now instead of waiting for the next scheduled run, e.g. right
 * after fixing its owner, and hands the fresh results to the caller. Needs
 * `compliance.evaluate`; without it the button is disabled and says so.
 *
 * @internal
 */
export function ReEvaluateButton(props: {
  entityRef: string;
  onEvaluated: (compliance: EntityCompliance) => void;
}) {
  const { entityRef, onEvaluated } = props;
  const complianceApi = useApi(complianceApiRef);
  const [{ loading, error }, evaluate] = useAsyncFn(async () => {
    onEvaluated(await complianceApi.evaluate(entityRef));
  }, [complianceApi, entityRef, onEvaluated]);

  return (
    <Box>
      <PermissionButton
        permission={complianceEvaluatePermission}
        resourceRef={entityRef}
        actionDescription="re-evaluate now (checks still run on their schedule)"
        variant="outlined"
        color="primary"
        onClick={() => evaluate()}
        disabled={loading}
        startIcon={loading ? <CircularProgress size={16} /> : <RefreshIcon />}
      >
        Re-evaluate now
      </PermissionButton>
      {error && (
        <Box mt={1}>
          <Alert severity="error">
            Could not re-evaluate: {serverMessage(error)}
          </Alert>
        </Box>
      )}
    </Box>
  );
}
