import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { Campaign } from '@runway/plugin-compliance-common';
import { complianceApiRef } from '../../api';
import { serverMessage } from '../../lib/errors';
import {
  CampaignForm,
  CampaignFormErrors,
  campaignInputFromForm,
  firstDeadlineDay,
  validateCampaignForm,
} from './validateCampaignInput';

const EMPTY_FORM: CampaignForm = {
  title: '',
  description: '',
  checkIds: [],
  ownerRef: '',
  deadlineDay: '',
};

/**
 * Starts a campaign: a title, the checks, optionally an owner group, and a deadline. The
 * owners of entities that do not meet the checks yet are notified by the backend.
 *
 * @internal
 */
export function NewCampaignDialog(props: {
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}) {
  const { onClose, onCreated } = props;
  const complianceApi = useApi(complianceApiRef);
  const [form, setForm] = useState<CampaignForm>(EMPTY_FORM);
  // Shown only after a first attempt, so that an empty form does not start out red.
  const [errors, setErrors] = useState<CampaignFormErrors>({});
  const checks = useAsync(() => complianceApi.listChecks(), [complianceApi]);
  const minDay = firstDeadlineDay(new Date());

  const update = <K extends keyof CampaignForm>(
    key: K,
    value: CampaignForm[K],
  ) => setForm(previous => ({ ...previous, [key]: value }));

  const toggleCheck = (checkId: string, selected: boolean) =>
    update(
      'checkIds',
      selected
        ? [...form.checkIds, checkId]
        : form.checkIds.filter(id => id !== checkId),
    );

  const [{ loading, error }, submit] = useAsyncFn(async () => {
    const found = validateCampaignForm(form);
    setErrors(found);
    if (Object.keys(found).length) {
      return;
    }
    onCreated(await complianceApi.createCampaign(campaignInputFromForm(form)));
  }, [complianceApi, form, onCreated]);

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="new-campaign-title"
      fullWidth
      maxWidth="sm"
    >
      <form
        noValidate
        onSubmit={event => {
          event.preventDefault();
          submit();
        }}
      >
        <DialogTitle id="new-campaign-title">New campaign</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The owners of entities that do not meet the checks yet are notified
            when the campaign starts, a week before the deadline and a day
            before it.
          </DialogContentText>
          {error && (
            <Alert severity="error">
              Could not start the campaign: {serverMessage(error)}
            </Alert>
          )}
          <TextField
            id="campaign-title"
            label="Title"
            value={form.title}
            onChange={event => update('title', event.target.value)}
            error={Boolean(errors.title)}
            helperText={errors.title}
            required
            fullWidth
            margin="normal"
            variant="outlined"
          />
          <TextField
            id="campaign-description"
            label="Description"
            value={form.description}
            onChange={event => update('description', event.target.value)}
            helperText="Why this matters, and where to find help."
            multiline
            minRows={2}
            fullWidth
            margin="normal"
            variant="outlined"
          />
          <FormControl
            component="fieldset"
            margin="normal"
            error={Boolean(errors.checkIds)}
            required
            fullWidth
          >
            <FormLabel component="legend">Checks</FormLabel>
            {checks.loading && <Progress />}
            {checks.error && (
              <Alert severity="error">
                Could not load the checks: {serverMessage(checks.error)}
              </Alert>
            )}
            <FormGroup>
              {checks.value?.map(check => (
                <FormControlLabel
                  key={check.id}
                  control={
                    <Checkbox
                      checked={form.checkIds.includes(check.id)}
                      onChange={event =>
                        toggleCheck(check.id, event.target.checked)
                      }
                      name={check.id}
                      color="primary"
                    />
                  }
                  label={check.title}
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {errors.checkIds ??
                'An entity is done when all of them pass, are exempt or do not apply.'}
            </FormHelperText>
          </FormControl>
          <TextField
            id="campaign-owner"
            label="Owner group"
            placeholder="group:default/team-a"
            value={form.ownerRef}
            onChange={event => update('ownerRef', event.target.value)}
            error={Boolean(errors.ownerRef)}
            helperText={
              errors.ownerRef ??
              'Optional: only entities owned by this group or its sub-teams.'
            }
            fullWidth
            margin="normal"
            variant="outlined"
          />
          <TextField
            id="campaign-deadline"
            label="Deadline"
            type="date"
            value={form.deadlineDay}
            onChange={event => update('deadlineDay', event.target.value)}
            error={Boolean(errors.deadlineDay)}
            helperText={
              errors.deadlineDay ?? 'The campaign ends with this day (UTC).'
            }
            required
            fullWidth
            margin="normal"
            variant="outlined"
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: minDay }}
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
            Start campaign
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
