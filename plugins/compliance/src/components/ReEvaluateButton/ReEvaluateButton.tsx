import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import RefreshIcon from '@material-ui/icons/Refresh';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import type { EntityCompliance } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { serverMessage } from '../../lib/errors';

/**
 * Evaluates the entity now instead of waiting for the next scheduled run, e.g. right
 * after fixing its owner, and hands the fresh results to the caller.
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
      <Button
        variant="outlined"
        color="primary"
        onClick={() => evaluate()}
        disabled={loading}
        startIcon={loading ? <CircularProgress size={16} /> : <RefreshIcon />}
      >
        Re-evaluate now
      </Button>
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
