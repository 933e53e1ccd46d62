import { useState } from 'react';
import Grid from '@material-ui/core/Grid';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { CheckResult } from '@runway/plugin-compliance-common';
import { useEntityCompliance } from '../../hooks/useEntityCompliance';
import { ChecksTable } from '../ChecksTable';
import { ComplianceHistoryTimeline } from '../ComplianceHistoryTimeline';
import { ComplianceSummary } from '../ComplianceSummary';
import { ExemptionsTable } from '../ExemptionsTable';
import { NotEvaluatedEmptyState } from '../NotEvaluatedEmptyState';
import { ReEvaluateButton } from '../ReEvaluateButton';
import { RequestExemptionDialog } from '../RequestExemptionDialog';

/**
 * The Compliance tab of an entity: its level, every check with the reason and the fix,
 * exemptions and their approval, and the history of status changes.
 *
 * @internal
 */
export function EntityComplianceContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { compliance, error, reload, show } = useEntityCompliance(entityRef);
  const [exemptionFor, setExemptionFor] = useState<CheckResult>();

  if (compliance === undefined) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }

  const reEvaluate = (
    <ReEvaluateButton entityRef={entityRef} onEvaluated={show} />
  );
  if (!compliance.evaluatedAt) {
    return <NotEvaluatedEmptyState action={reEvaluate} />;
  }

  // Exemptions and history carry only check ids; the results know their titles.
  const titles = new Map(compliance.results.map(r => [r.checkId, r.title]));
  const checkTitle = (checkId: string) => titles.get(checkId) ?? checkId;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard title="Compliance">
          <ComplianceSummary compliance={compliance} action={reEvaluate} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Checks" noPadding>
          <ChecksTable
            entityRef={compliance.entityRef}
            results={compliance.results}
            exemptions={compliance.exemptions}
            onRequestExemption={setExemptionFor}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={7}>
        <InfoCard title="Exemptions">
          <ExemptionsTable
            exemptions={compliance.exemptions}
            checkTitle={checkTitle}
            onDecided={reload}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={5}>
        <InfoCard title="History">
          <ComplianceHistoryTimeline
            history={compliance.history}
            checkTitle={checkTitle}
            firstEvaluatedAt={compliance.firstEvaluatedAt}
          />
        </InfoCard>
      </Grid>
      {exemptionFor && (
        <RequestExemptionDialog
          entityRef={entityRef}
          check={exemptionFor}
          onClose={() => setExemptionFor(undefined)}
          onRequested={() => {
            setExemptionFor(undefined);
            reload();
          }}
        />
      )}
    </Grid>
  );
}
