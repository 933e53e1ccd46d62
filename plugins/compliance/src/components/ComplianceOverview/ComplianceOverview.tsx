import Grid from '@material-ui/core/Grid';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useCheckTitles } from '../../hooks/useCheckTitles';
import { useRollup } from '../../hooks/useRollup';
import { CheckStatusCountsTable } from '../CheckStatusCountsTable';
import { ComplianceReports } from '../ComplianceReports';
import { LevelDistribution } from '../LevelDistribution';
import { PercentCompliant } from '../PercentCompliant';
import { WorstOffendersTable } from '../WorstOffendersTable';

/**
 * The organisation-wide rollup: how many entities are compliant, the level they reached,
 * each check's results, and the entities with the most failing checks; then the reporting
 * views (org tree, trend of levels, entity × check table).
 *
 * @internal
 */
export function ComplianceOverview() {
  const { rollup, error } = useRollup();
  const checkTitle = useCheckTitles();

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!rollup) {
    return <Progress />;
  }
  if (rollup.entityCount === 0) {
    return (
      <EmptyState
        missing="data"
        title="No results yet"
        description="No entity has been evaluated yet. Results appear here after the first scheduled run of the compliance checks."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <InfoCard title="Compliant entities">
          <PercentCompliant rollup={rollup} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title="Levels">
          <LevelDistribution
            levels={rollup.levels}
            entityCount={rollup.entityCount}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Worst offenders" noPadding>
          <WorstOffendersTable
            offenders={rollup.worstOffenders}
            checkTitle={checkTitle}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Checks" noPadding>
          <CheckStatusCountsTable
            checks={rollup.checks}
            checkTitle={checkTitle}
          />
        </InfoCard>
      </Grid>
      <ComplianceReports levels={Object.keys(rollup.levels)} />
    </Grid>
  );
}
