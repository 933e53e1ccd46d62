import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { EntityChecksTable } from '../EntityChecksTable';
import { LevelTrendChart } from '../LevelTrendChart';
import { OrgTree } from '../OrgTree';

/**
 * The reporting views of the Compliance page, as items of its grid: the organisation
 * tree with each group's share of compliant entities, the trend of levels, and the
 * filterable entity × check table.
 *
 * @internal
 */
export function ComplianceReports(props: {
  /** Level ids to offer in the table's level filter. */
  levels?: string[];
}) {
  return (
    <>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Organisation">
          <OrgTree />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Levels over time">
          <LevelTrendChart />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Entities and checks" noPadding>
          <EntityChecksTable levels={props.levels} />
        </InfoCard>
      </Grid>
    </>
  );
}
