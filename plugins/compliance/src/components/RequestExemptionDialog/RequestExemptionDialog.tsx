import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useApi } from '@backstage/frontend-plugin-api';
import type { CheckResult, Exemption } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { useMaxExemptionDays } from '../../hooks/useMaxExemptionDays';
import { serverMessage } from '../../lib/errors';
import {
  ExemptionRequestErrors,
  allowedExpiryDays,
  expiresAtFromDay,
  formatDays,
  validateExemptionRequest,
} from './validateExemptionRequest';

/**
 * Asks for an exemption from one failing check: a reason and the day it ends, at most
 * `compliance.exemptions.maxDays` away. Someone else approves or rejects it later.
 *
 * @internal
 */
export function RequestExemptionDialog(props: {
  entityRef: string;
  check: CheckResult;
  onClose: () => void;
  onRequested: (exemption: Exemption) => void;
}) {
  const { entityRef, check, onClose, onRequested } = props;
  const complianceApi = useApi(complianceApiRef);
  const maxDays = useMaxExemptionDays();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  // Shown only after a first attempt, so that an empty form does not start out red.
  const [errors, setErrors] = useState<ExemptionRequestErrors>({});
  const { min, max } = allowedExpiryDays(new Date(), maxDays);

  const [{ loading, error }, submit] = useAsyncFn(async () => {
    const found = validateExemptionRequest({ reason, expiresOn }, { maxDays });
    setErrors(found);
    if (found.reason || found.expiresOn) {
      return;
    }
    const exemption = await complianceApi.requestExemption({
      entityRef,
      checkId: check.checkId,
      reason: reason.trim(),
      expiresAt: expiresAtFromDay(expiresOn),
    });
    onRequested(exemption);
  }, [
    complianceApi,
    entityRef,
    check.checkId,
    reason,
    expiresOn,
    maxDays,
    onRequested,
  ]);

  return (
    <Dialog open onClose={onClose} aria-labelledby="request-exemption-title">
      <form
        noValidate
        onSubmit={event => {
          event.preventDefault();
          submit();
        }}
      >
        <DialogTitle id="request-exemption-title">
          Request an exemption from “{check.title}”
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            While an approved exemption lasts, this check counts as exempt
            instead of failing. Someone other than you has to approve it, and it
            can last at most {formatDays(maxDays)}.
          </DialogContentText>
          {error && (
            <Alert severity="error">
              Could not request the exemption: {serverMessage(error)}
            </Alert>
          )}
          <TextField
            id="exemption-reason"
            label="Reason"
            value={reason}
            onChange={event => setReason(event.target.value)}
            error={Boolean(errors.reason)}
            helperText={errors.reason ?? 'Why can this check not be met now?'}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
          />
          <TextField
            id="exemption-expires-on"
            label="Expires on"
            type="date"
            value={expiresOn}
            onChange={event => setExpiresOn(event.target.value)}
            error={Boolean(errors.expiresOn)}
            helperText={errors.expiresOn ?? `At the latest ${max}.`}
            required
            fullWidth
            margin="normal"
            variant="outlined"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min, max }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={loading}
          >
            Request exemption
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
