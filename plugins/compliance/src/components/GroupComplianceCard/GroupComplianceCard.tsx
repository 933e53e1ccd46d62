import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCheckTitles } from '../../hooks/useCheckTitles';
import { useRollup } from '../../hooks/useRollup';
import { CheckStatusCountsTable } from '../CheckStatusCountsTable';
import { LevelDistribution } from '../LevelDistribution';
import { PercentCompliant } from '../PercentCompliant';
import { WorstOffendersTable } from '../WorstOffendersTable';

function Section(props: { title: string; children: JSX.Element }) {
  return (
    <Box mt={3}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * The group page card: how compliant everything the group and its sub-teams own is, and
 * which entities need attention first.
 *
 * @internal
 */
export function GroupComplianceCard() {
  const { entity } = useEntity();
  const { rollup, error } = useRollup(stringifyEntityRef(entity));
  const checkTitle = useCheckTitles();

  let body: JSX.Element;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!rollup) {
    body = <Progress />;
  } else if (rollup.entityCount === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Nothing owned by this team or its sub-teams has been evaluated yet.
      </Typography>
    );
  } else {
    body = (
      <>
        <Grid container spacing={2}>
          <Grid item xs={12} md={5}>
            <PercentCompliant rollup={rollup} />
          </Grid>
          <Grid item xs={12} md={7}>
            <LevelDistribution
              levels={rollup.levels}
              entityCount={rollup.entityCount}
            />
          </Grid>
        </Grid>
        <Section title="Worst offenders">
          <WorstOffendersTable
            offenders={rollup.worstOffenders}
            checkTitle={checkTitle}
          />
        </Section>
        <Section title="Checks">
          <CheckStatusCountsTable
            checks={rollup.checks}
            checkTitle={checkTitle}
          />
        </Section>
      </>
    );
  }

  return (
    <InfoCard
      title="Team compliance"
      subheader="Everything this team and its sub-teams own"
    >
      {body}
    </InfoCard>
  );
}
